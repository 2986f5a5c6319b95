package jtorch.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jtorch.nn.Module;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * A network in one safetensors file ({@link Safetensors}): its {@link Module#stateDict()} (parameters and persistent
 * buffers named by path, {@code 0.weight}, {@code 0.bias}, {@code 2.weight}, ...) and the metadata
 * <ul>
 *   <li>{@code jtorch.format = "1"}: the version of this layout; other versions are refused;</li>
 *   <li>{@code jtorch.architecture}: the network's JSON description ({@link ModuleRegistry#toJson});</li>
 *   <li>{@code jtorch.checksum}: {@code crc32c:} and 8 hex digits, the CRC-32C of the header in canonical form (every
 *       metadata entry but this one, sorted by key, and each tensor's name, dtype and shape in data order, as compact
 *       JSON) followed by all tensor data in offset order. A changed bit anywhere in the header's meaning or the data is
 *       reported; a spec-valid re-ordering or re-spacing of the header is not. (Files of earlier versions carry
 *       {@code jtorch.crc32c}, covering the data only, which is still checked.)</li>
 * </ul>
 * {@link #load} checks the checksum, then rebuilds the network around the stored tensors ({@link
 * ModuleRegistry#build(Object, Map, Set)}): every declared shape is checked against the stored tensor before anything is
 * allocated, no random initial weights are drawn and the global generator is not touched, so a hostile file cannot make
 * loading allocate more than its own bytes back. The loaded network computes bit-identical outputs. A network in which
 * modules share a weight tensor (shared clones) cannot be saved: the description cannot express the sharing, and
 * {@link #save} says so rather than silently un-sharing. It also reads the model out of a {@link Checkpoint} file. The
 * loaded network is in training mode.
 * <p>I/O failures throw {@link java.io.UncheckedIOException}; a malformed file throws {@link IllegalArgumentException}
 * naming the file and what is wrong (an unknown format version, an unknown module type, a missing or extra tensor, a
 * weight whose shape does not match the architecture: naming the tensor and both shapes).
 */
public final class Model {
    private Model() {}

    static final String FORMAT_KEY = "jtorch.format";
    static final String FORMAT = "1";
    static final String ARCHITECTURE_KEY = "jtorch.architecture";
    static final String CHECKSUM_KEY = "jtorch.checksum";
    static final String OLD_CRC_KEY = "jtorch.crc32c";

    /** Writes {@code m}'s architecture and state to {@code file} (atomically). */
    public static void save(Module m, Path file) {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT_KEY, FORMAT);
        metadata.put(ARCHITECTURE_KEY, ModuleRegistry.toJson(m));
        addState(m, "", tensors);
        write(file, tensors, metadata);
    }

    /**
     * As {@link #save(Module, Path)}, with the caller's own string {@code metadata} stored in the header as well (and
     * covered by the checksum), e.g. a language model's vocabulary; read back with {@link #metadata}. Keys starting
     * with {@code jtorch.} are reserved.
     */
    public static void save(Module m, Path file, Map<String, String> metadata) {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        for (String k : metadata.keySet()) if (k.startsWith("jtorch.")) throw new IllegalArgumentException(
                "Model.save: metadata key '" + k + "' is reserved (keys starting with 'jtorch.' are jtorch's own)");
        meta.putAll(metadata);
        meta.put(FORMAT_KEY, FORMAT);
        meta.put(ARCHITECTURE_KEY, ModuleRegistry.toJson(m));
        addState(m, "", tensors);
        write(file, tensors, meta);
    }

    /** The caller's metadata of a model file ({@link #save(Module, Path, Map)}), checksum checked; without jtorch's keys. */
    public static Map<String, String> metadata(Path file) {
        Safetensors.Loaded l = Safetensors.read(file);
        checkFormat(file, l);
        Map<String, String> r = new LinkedHashMap<>(l.metadata());
        r.keySet().removeIf(k -> k.startsWith("jtorch."));
        return r;
    }

    /** Adds the checksum to {@code metadata} and writes the file. */
    static void write(Path file, LinkedHashMap<String, Tensor> tensors, Map<String, String> metadata) {
        metadata.put(CHECKSUM_KEY, checksum(tensors, metadata));
        Safetensors.write(file, tensors, metadata);
    }

    /** Rebuilds the network saved in {@code file} (by {@link #save} or in a {@link Checkpoint}) with its state. */
    public static Module load(Path file) {
        Safetensors.Loaded l = Safetensors.read(file);
        checkFormat(file, l);
        String prefix = l.metadata().containsKey(Checkpoint.CHECKPOINT_KEY) ? Checkpoint.MODEL_PREFIX : "";
        return rebuild(file, l, prefix);
    }

    /** {@code crc32c:} + 8 hex digits over the canonical header and the data (see the class comment). */
    static String checksum(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Map<String, Object> meta = new TreeMap<>(metadata);
        meta.remove(CHECKSUM_KEY);
        List<Object> list = new ArrayList<>();
        tensors.forEach((k, t) -> {
            List<Object> shape = new ArrayList<>();
            for (int s : t.sizes()) shape.add((long) s);
            list.add(List.of(k, t.dtype().name(), shape));
        });
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("metadata", meta);
        canonical.put("tensors", list);
        return "crc32c:" + TensorBytes.crc32c(Json.write(canonical), tensors.values());
    }

    /** Throws unless the file is jtorch format 1 with an intact header and data (when it records a checksum). */
    static void checkFormat(Path file, Safetensors.Loaded l) {
        checkFormat(file, l.metadata());
        String want = l.metadata().get(CHECKSUM_KEY);
        if (want != null) {
            String got = checksum(l.tensors(), l.metadata());
            if (!got.equals(want)) throw Safetensors.bad(file, "checksum mismatch (" + CHECKSUM_KEY + " says " + want
                    + ", the header and data give " + got + "): the file is corrupted or was edited");
            return;
        }
        String old = l.metadata().get(OLD_CRC_KEY);
        if (old != null && !old.equals(TensorBytes.crc32c(null, l.tensors().values()))) throw Safetensors.bad(file,
                "data checksum mismatch (" + OLD_CRC_KEY + "): the file is corrupted");
    }

    /** Throws unless the metadata says jtorch format 1. */
    static void checkFormat(Path file, Map<String, String> metadata) {
        String f = metadata.get(FORMAT_KEY);
        if (f == null) throw Safetensors.bad(file, "not a jtorch file (no \"" + FORMAT_KEY + "\" metadata)");
        if (!f.equals(FORMAT)) throw Safetensors.bad(file, "unsupported " + FORMAT_KEY + " \"" + f
                + "\" (this version of jtorch reads \"" + FORMAT + "\")");
    }

    /** Puts {@code m}'s state into {@code out} as {@code prefix + path}; throws when two paths hold one tensor. */
    static void addState(Module m, String prefix, Map<String, Tensor> out) {
        ModuleRegistry.describe(m); // every module must be registered
        IdentityHashMap<Tensor, String> first = new IdentityHashMap<>();
        for (Map.Entry<String, Tensor> e : m.stateDict().entrySet()) {
            String earlier = first.putIfAbsent(e.getValue(), e.getKey());
            if (earlier != null) throw new UnsupportedOperationException("cannot save " + m.name() + ": '" + earlier
                    + "' and '" + e.getKey() + "' are one shared tensor (shared clones), which the model format cannot"
                    + " describe");
            out.put(prefix + e.getKey(), e.getValue());
        }
    }

    /** The network described in the metadata, built around the tensors named {@code prefix + path}. */
    static Module rebuild(Path file, Safetensors.Loaded l, String prefix) {
        String arch = l.metadata().get(ARCHITECTURE_KEY);
        if (arch == null) throw Safetensors.bad(file, "no \"" + ARCHITECTURE_KEY + "\" metadata");
        Map<String, Tensor> stored = new LinkedHashMap<>();
        l.tensors().forEach((k, t) -> { if (k.startsWith(prefix)) stored.put(k.substring(prefix.length()), t); });
        Set<DType> dtypes = new HashSet<>();
        for (Tensor t : stored.values()) if (t.dtype() != DType.I32) dtypes.add(t.dtype());
        if (dtypes.size() > 1) throw Safetensors.bad(file, "the weights mix dtypes " + dtypes);
        Set<String> used = new HashSet<>();
        Module m;
        try {
            m = ModuleRegistry.build(Json.parse(arch), stored, used);
        } catch (IllegalArgumentException e) {
            throw Safetensors.bad(file, (prefix.isEmpty() ? "" : "(names under '" + prefix + "') ") + e.getMessage());
        }
        for (String k : stored.keySet()) {
            if (!used.contains(k)) throw Safetensors.bad(file, "tensor '" + prefix + k
                    + "' belongs to no parameter or buffer of the architecture");
        }
        if (dtypes.size() == 1) m.to(dtypes.iterator().next());
        return m;
    }
}
