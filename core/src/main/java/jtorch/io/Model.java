package jtorch.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jtorch.nn.Module;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * A network in one safetensors file ({@link Safetensors}): its weights as tensors named by path in
 * {@code getParameters()} order ({@code 0.weight}, {@code 0.bias}, {@code 2.weight}, ...; see
 * {@link ModuleRegistry#namedParameters}) and the metadata
 * <ul>
 *   <li>{@code jtorch.format = "1"}: the version of this layout; other versions are refused;</li>
 *   <li>{@code jtorch.architecture}: the network's JSON description ({@link ModuleRegistry#toJson});</li>
 *   <li>{@code jtorch.shared} (only when the network shares weight tensors, e.g. shared clones): a JSON object mapping
 *       each repeated parameter path to the first path holding the same tensor, which alone is stored.</li>
 * </ul>
 * {@link #load} rebuilds the network, converts it to the stored dtype (F32 or F64), copies the weights in exactly and
 * restores the sharing, so the loaded network computes bit-identical outputs. It also reads the model out of a
 * {@link Checkpoint} file. The loaded network is in training mode.
 * <p>I/O failures throw {@link java.io.UncheckedIOException}; a malformed file throws {@link IllegalArgumentException}
 * naming the file and what is wrong (an unknown format version, an unknown module type, a missing or extra tensor, a
 * weight whose shape does not match the architecture: naming the tensor and both shapes).
 */
public final class Model {
    private Model() {}

    static final String FORMAT_KEY = "jtorch.format";
    static final String FORMAT = "1";
    static final String ARCHITECTURE_KEY = "jtorch.architecture";
    static final String SHARED_KEY = "jtorch.shared";

    /** Writes {@code m}'s architecture and weights to {@code file} (atomically). */
    public static void save(Module m, Path file) {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT_KEY, FORMAT);
        metadata.put(ARCHITECTURE_KEY, ModuleRegistry.toJson(m));
        String shared = addWeights(m, "", tensors);
        if (shared != null) metadata.put(SHARED_KEY, shared);
        Safetensors.write(file, tensors, metadata);
    }

    /** Rebuilds the network saved in {@code file} (by {@link #save} or in a {@link Checkpoint}) with its weights. */
    public static Module load(Path file) {
        Safetensors.Loaded l = Safetensors.read(file);
        checkFormat(file, l.metadata());
        String prefix = l.metadata().containsKey(Checkpoint.CHECKPOINT_KEY) ? Checkpoint.MODEL_PREFIX : "";
        return rebuild(file, l, prefix);
    }

    /** Throws unless the metadata says jtorch format 1. */
    static void checkFormat(Path file, Map<String, String> metadata) {
        String f = metadata.get(FORMAT_KEY);
        if (f == null) throw Safetensors.bad(file, "not a jtorch file (no \"" + FORMAT_KEY + "\" metadata)");
        if (!f.equals(FORMAT)) throw Safetensors.bad(file, "unsupported " + FORMAT_KEY + " \"" + f
                + "\" (this version of jtorch reads \"" + FORMAT + "\")");
    }

    /**
     * Puts {@code m}'s weights into {@code out} as {@code prefix + path}, each distinct tensor once; returns the
     * {@code jtorch.shared} JSON for repeated ones, or null when there are none.
     */
    static String addWeights(Module m, String prefix, Map<String, Tensor> out) {
        IdentityHashMap<Tensor, String> first = new IdentityHashMap<>();
        Map<String, Object> shared = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : ModuleRegistry.namedParameters(m).entrySet()) {
            String earlier = first.putIfAbsent(e.getValue(), e.getKey());
            if (earlier != null) shared.put(e.getKey(), earlier);
            else out.put(prefix + e.getKey(), e.getValue());
        }
        return shared.isEmpty() ? null : Json.write(shared);
    }

    /** The network described in the metadata, with the weights named {@code prefix + path} copied in. */
    static Module rebuild(Path file, Safetensors.Loaded l, String prefix) {
        String arch = l.metadata().get(ARCHITECTURE_KEY);
        if (arch == null) throw Safetensors.bad(file, "no \"" + ARCHITECTURE_KEY + "\" metadata");
        Module m;
        try {
            m = ModuleRegistry.fromJson(arch);
        } catch (IllegalArgumentException e) {
            throw Safetensors.bad(file, e.getMessage());
        }
        Map<String, String> shared = shared(file, l.metadata().get(SHARED_KEY));
        Map<String, Tensor> stored = new LinkedHashMap<>();
        l.tensors().forEach((k, t) -> { if (k.startsWith(prefix)) stored.put(k.substring(prefix.length()), t); });
        Set<DType> dtypes = new HashSet<>();
        for (Tensor t : stored.values()) dtypes.add(t.dtype());
        if (dtypes.size() > 1) throw Safetensors.bad(file, "the weights mix dtypes " + dtypes);
        if (dtypes.size() == 1 && dtypes.iterator().next() != DType.F32) m.to(dtypes.iterator().next());
        LinkedHashMap<String, Tensor> params = ModuleRegistry.namedParameters(m);
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            String name = e.getKey();
            if (shared.containsKey(name)) continue;
            Tensor src = stored.get(name), dst = e.getValue();
            if (src == null) throw Safetensors.bad(file, "tensor '" + prefix + name + "' is missing (the architecture has"
                    + " a parameter of shape " + Arrays.toString(dst.sizes()) + ")");
            if (!src.sameShape(dst)) throw Safetensors.bad(file, "tensor '" + prefix + name + "' has shape "
                    + Arrays.toString(src.sizes()) + " but the architecture needs " + Arrays.toString(dst.sizes()));
            dst.copy(src);
            used.add(name);
        }
        for (Map.Entry<String, String> s : shared.entrySet()) {
            Tensor dst = params.get(s.getKey()), src = params.get(s.getValue());
            if (dst == null || src == null || shared.containsKey(s.getValue())) throw Safetensors.bad(file, SHARED_KEY
                    + " maps '" + s.getKey() + "' to '" + s.getValue() + "', which is not a stored parameter");
            if (!src.sameShape(dst)) throw Safetensors.bad(file, "shared parameter '" + s.getKey() + "' has shape "
                    + Arrays.toString(dst.sizes()) + " but '" + s.getValue() + "' has " + Arrays.toString(src.sizes()));
            dst.set(src);
        }
        for (String k : stored.keySet()) {
            if (!used.contains(k)) throw Safetensors.bad(file, "tensor '" + prefix + k
                    + "' belongs to no parameter of the architecture");
        }
        return m;
    }

    private static Map<String, String> shared(Path file, String json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null) return out;
        try {
            for (Map.Entry<String, Object> e : Json.parseObject(json).entrySet()) {
                if (!(e.getValue() instanceof String s)) throw new IllegalArgumentException("value of '" + e.getKey()
                        + "' is not a string");
                out.put(e.getKey(), s);
            }
        } catch (IllegalArgumentException e) {
            throw Safetensors.bad(file, "invalid " + SHARED_KEY + ": " + e.getMessage());
        }
        return out;
    }
}
