package jtorch.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.tensor.Tensor;

/**
 * The safetensors file format (Hugging Face): an 8-byte little-endian unsigned header length N, N bytes of UTF-8 JSON
 * {@code {"name": {"dtype": "F32"|"F64"|"I32"|..., "shape": [d0, d1, ...], "data_offsets": [begin, end]}, ...,
 * "__metadata__": {"key": "value", ...}}} (padded with spaces to a multiple of 8), then the tensors' raw row-major
 * little-endian bytes; offsets are relative to the start of that data, which they must tile exactly (no holes, no
 * overlap), and {@code end - begin = numel · bytes(dtype)}. A 0-d tensor has shape {@code []} (one element).
 * <p>{@link #write} writes the file atomically (see {@link AtomicFile}), tensors in map order, contiguously.
 * {@link #read} validates everything and returns the tensors (contiguous F32/F64/I32 on the default back end) in
 * header order. Besides the three dtypes it writes, it reads files from other tools: F16 and BF16 tensors become F32
 * (exactly: every binary16 and bfloat16 value is a binary32 value), I64 tensors become I32 (an
 * {@link IllegalArgumentException} naming the tensor, the index and the value when a value does not fit).
 * <p>I/O failures throw {@link java.io.UncheckedIOException}; a malformed file throws {@link IllegalArgumentException}
 * naming the file and what is wrong.
 */
public final class Safetensors {
    private Safetensors() {}

    /** Reserved header key holding the string-to-string metadata. */
    public static final String METADATA_KEY = "__metadata__";
    /** The largest header {@link #read} accepts (the reference implementation's limit). */
    static final long MAX_HEADER = 100_000_000;

    /** What {@link #read} returns: tensors in file order, and the string metadata (empty when absent). */
    public record Loaded(LinkedHashMap<String, Tensor> tensors, Map<String, String> metadata) {}

    /** Writes {@code tensors} (in map order, each contiguous) and {@code metadata} to {@code file}, atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        byte[] header = header(file, tensors, metadata);
        AtomicFile.write(file, ch -> writeTo(ch, header, tensors));
    }

    /** The padded header JSON bytes. */
    static byte[] header(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        Map<String, Object> h = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) throw new IllegalArgumentException("Safetensors.write "
                        + file + ": null metadata key or value for key " + e.getKey());
            }
            h.put(METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) throw new IllegalArgumentException(
                    "Safetensors.write " + file + ": invalid tensor name '" + name + "'");
            if (t == null) throw new IllegalArgumentException("Safetensors.write " + file + ": tensor '" + name + "' is null");
            long bytes = (long) t.numel() * t.dtype().bytes();
            List<Object> shape = new ArrayList<>();
            for (int s : t.sizes()) shape.add((long) s);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", t.dtype().name());
            entry.put("shape", shape);
            entry.put("data_offsets", List.of(offset, offset + bytes));
            h.put(name, entry);
            offset += bytes;
        }
        byte[] json = Json.write(h).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        for (int i = json.length; i < padded; i++) out[i] = ' ';
        return out;
    }

    private static void writeTo(FileChannel ch, byte[] header, Map<String, Tensor> tensors) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
        writeFully(ch, len);
        writeFully(ch, ByteBuffer.wrap(header));
        ByteBuffer buf = ByteBuffer.allocate(TensorBytes.CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors.values()) TensorBytes.write(ch, buf, t);
    }

    static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    /** Reads and validates {@code file}. */
    public static Loaded read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) throw bad(file, "file is " + size + " bytes, shorter than the 8-byte header length");
            ByteBuffer lb = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lb, 0, file);
            long n = lb.flip().getLong();
            if (n < 2 || n > size - 8) throw bad(file, "header length " + Long.toUnsignedString(n)
                    + " does not fit in the file (" + size + " bytes)" + (n > size - 8 && n >= 2 ? ": truncated?" : ""));
            if (n > MAX_HEADER) throw bad(file, "header length " + n + " exceeds the limit of " + MAX_HEADER + " bytes");
            ByteBuffer hb = ByteBuffer.allocate((int) n);
            readFully(ch, hb, 8, file);
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(hb.flip()).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw bad(file, "header is not valid UTF-8");
            }
            Map<String, Object> h;
            try {
                h = Json.parseObject(text);
            } catch (IllegalArgumentException e) {
                throw bad(file, "header is not a valid JSON object: " + e.getMessage());
            }
            long dataStart = 8 + n;
            SafetensorsHeader.Parsed p = SafetensorsHeader.parse(file, h, size - dataStart);
            LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
            ByteBuffer buf = ByteBuffer.allocate(TensorBytes.CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (SafetensorsHeader.Entry e : p.entries()) {
                tensors.put(e.name(), e.dtype().read(ch, buf, dataStart + e.begin(), e.shape(), file, e.name()));
            }
            return new Loaded(tensors, p.metadata());
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void readFully(FileChannel ch, ByteBuffer b, long pos, Path file) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, pos);
            if (r < 0) throw bad(file, "unexpected end of file at byte " + pos);
            pos += r;
        }
    }

    static IllegalArgumentException bad(Path file, String what) {
        return new IllegalArgumentException("safetensors file " + file + ": " + what);
    }

    /** The stored type of a safetensors dtype name; throws naming the file for names jtorch cannot read. */
    static SafetensorsDType dtype(Path file, String tensor, String name) {
        SafetensorsDType d = SafetensorsDType.of(name);
        if (d == null) throw bad(file, "tensor '" + tensor + "' has dtype \"" + name
                + "\", which jtorch cannot read (supported: " + SafetensorsDType.SUPPORTED + ")");
        return d;
    }
}
