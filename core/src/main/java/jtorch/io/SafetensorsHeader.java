package jtorch.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation of a parsed safetensors header: every entry is {@code {"dtype", "shape", "data_offsets"}} with a known
 * dtype, non-negative sizes, {@code 0 <= begin <= end <= dataBytes}, {@code end - begin = numel · bytes(dtype)}, and the
 * entries tile the data region exactly (sorted by offset, each starts where the previous ends; no holes, no overlap).
 */
final class SafetensorsHeader {
    private SafetensorsHeader() {}

    record Entry(String name, SafetensorsDType dtype, int[] shape, long begin, long end) {}

    record Parsed(List<Entry> entries, Map<String, String> metadata) {}

    static Parsed parse(Path file, Map<String, Object> h, long dataBytes) {
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> e : h.entrySet()) {
            String name = e.getKey();
            if (name.equals(Safetensors.METADATA_KEY)) {
                if (!(e.getValue() instanceof Map<?, ?> m)) throw Safetensors.bad(file, "__metadata__ must be an object, got "
                        + Json.kind(e.getValue()));
                for (Map.Entry<?, ?> me : m.entrySet()) {
                    if (!(me.getValue() instanceof String v)) throw Safetensors.bad(file, "__metadata__ value for key \""
                            + me.getKey() + "\" must be a string, got " + Json.kind(me.getValue()));
                    metadata.put((String) me.getKey(), v);
                }
                continue;
            }
            entries.add(entry(file, name, e.getValue(), dataBytes));
        }
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        String previous = null;
        for (Entry e : byOffset) {
            if (e.begin() < expected) throw Safetensors.bad(file, "tensor '" + e.name() + "' data_offsets [" + e.begin()
                    + ", " + e.end() + "] overlap tensor '" + previous + "' (which ends at " + expected + ")");
            if (e.begin() > expected) throw Safetensors.bad(file, "hole in the data: bytes " + expected + " to "
                    + e.begin() + " belong to no tensor (before tensor '" + e.name() + "')");
            expected = e.end();
            previous = e.name();
        }
        if (expected != dataBytes) throw Safetensors.bad(file, "the tensors cover " + expected + " bytes of data but the file holds "
                + dataBytes + " bytes after the header");
        return new Parsed(byOffset, metadata); // in data order: checksums and readers see the tensors as stored
    }

    private static Entry entry(Path file, String name, Object v, long dataBytes) {
        String what = "tensor '" + name + "'";
        if (!(v instanceof Map<?, ?> m)) throw Safetensors.bad(file, what + ": expected an object, got " + Json.kind(v));
        for (Object k : m.keySet()) {
            if (!List.of("dtype", "shape", "data_offsets").contains(k)) throw Safetensors.bad(file, what
                    + ": unknown field \"" + k + "\"");
        }
        if (!(m.get("dtype") instanceof String dt)) throw Safetensors.bad(file, what + ": missing or non-string \"dtype\"");
        SafetensorsDType dtype = Safetensors.dtype(file, name, dt);
        if (!(m.get("shape") instanceof List<?> shapeList)) throw Safetensors.bad(file, what + ": missing or non-array \"shape\"");
        int[] shape = new int[shapeList.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long s) || s < 0 || s > Integer.MAX_VALUE) throw Safetensors.bad(file, what
                    + ": shape " + shapeList + " must hold whole numbers in [0, 2^31)");
            shape[i] = (int) (long) s;
            numel *= s;
            if (numel > Integer.MAX_VALUE) throw Safetensors.bad(file, what + ": shape " + shapeList
                    + " has more than 2^31-1 elements");
        }
        if (!(m.get("data_offsets") instanceof List<?> off) || off.size() != 2
                || !(off.get(0) instanceof Long begin) || !(off.get(1) instanceof Long end)) {
            throw Safetensors.bad(file, what + ": \"data_offsets\" must be [begin, end] whole numbers, got "
                    + m.get("data_offsets"));
        }
        if (begin < 0 || end < begin) throw Safetensors.bad(file, what + ": data_offsets [" + begin + ", " + end
                + "] are not 0 <= begin <= end");
        if (end > dataBytes) throw Safetensors.bad(file, what + ": data_offsets [" + begin + ", " + end
                + "] run past the end of the data (" + dataBytes + " bytes): truncated file?");
        long want = numel * dtype.bytes;
        if (end - begin != want) throw Safetensors.bad(file, what + ": data_offsets [" + begin + ", " + end + "] hold "
                + (end - begin) + " bytes but shape " + shapeList + " of " + dt + " needs " + want);
        return new Entry(name, dtype, shape, begin, end);
    }
}
