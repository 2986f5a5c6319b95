package jtorch.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jtorch.nn.Module;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * A network in one safetensors file ({@link Safetensors}): its weights as tensors named by path in
 * {@code getParameters()} order ({@code 0.weight}, {@code 0.bias}, {@code 2.weight}, ...; see
 * {@link ModuleRegistry#namedParameters}) and the metadata
 * <ul>
 *   <li>{@code jtorch.format = "1"}: the version of this layout; other versions are refused;</li>
 *   <li>{@code jtorch.architecture}: the network's JSON description ({@link ModuleRegistry#toJson});</li>
 *   <li>{@code jtorch.crc32c}: CRC-32C of all tensor data bytes (8 hex digits), checked on loading, so corrupted
 *       weights are reported instead of silently used.</li>
 * </ul>
 * {@link #load} rebuilds the network, converts it to the stored dtype (F32 or F64) and copies the weights in exactly, so
 * the loaded network computes bit-identical outputs. Loading leaves {@link Generator#global()} where it was (the
 * constructors' initial draws are undone), so it does not change later random numbers. A network in which modules share a weight tensor (shared clones)
 * cannot be saved: the description cannot express the sharing, and {@link #save} says so rather than silently
 * un-sharing. It also reads the model out of a
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
    static final String CRC_KEY = "jtorch.crc32c";

    /** Writes {@code m}'s architecture and weights to {@code file} (atomically). */
    public static void save(Module m, Path file) {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT_KEY, FORMAT);
        metadata.put(ARCHITECTURE_KEY, ModuleRegistry.toJson(m));
        addWeights(m, "", tensors);
        metadata.put(CRC_KEY, TensorBytes.crc32c(tensors.values()));
        Safetensors.write(file, tensors, metadata);
    }

    /** Rebuilds the network saved in {@code file} (by {@link #save} or in a {@link Checkpoint}) with its weights. */
    public static Module load(Path file) {
        Safetensors.Loaded l = Safetensors.read(file);
        checkFormat(file, l);
        String prefix = l.metadata().containsKey(Checkpoint.CHECKPOINT_KEY) ? Checkpoint.MODEL_PREFIX : "";
        return rebuild(file, l, prefix);
    }

    /** Throws unless the file is jtorch format 1 with intact data (when it records a checksum). */
    static void checkFormat(Path file, Safetensors.Loaded l) {
        checkFormat(file, l.metadata());
        String want = l.metadata().get(CRC_KEY);
        if (want == null) return;
        String got = TensorBytes.crc32c(l.tensors().values());
        if (!got.equals(want)) throw Safetensors.bad(file, "data checksum mismatch (" + CRC_KEY + " says " + want
                + ", the data gives " + got + "): the file is corrupted");
    }

    /** Throws unless the metadata says jtorch format 1. */
    static void checkFormat(Path file, Map<String, String> metadata) {
        String f = metadata.get(FORMAT_KEY);
        if (f == null) throw Safetensors.bad(file, "not a jtorch file (no \"" + FORMAT_KEY + "\" metadata)");
        if (!f.equals(FORMAT)) throw Safetensors.bad(file, "unsupported " + FORMAT_KEY + " \"" + f
                + "\" (this version of jtorch reads \"" + FORMAT + "\")");
    }

    /** Puts {@code m}'s weights into {@code out} as {@code prefix + path}; throws when two paths hold one tensor. */
    static void addWeights(Module m, String prefix, Map<String, Tensor> out) {
        IdentityHashMap<Tensor, String> first = new IdentityHashMap<>();
        for (Map.Entry<String, Tensor> e : ModuleRegistry.namedParameters(m).entrySet()) {
            String earlier = first.putIfAbsent(e.getValue(), e.getKey());
            if (earlier != null) throw new UnsupportedOperationException("cannot save " + m.name() + ": parameters '"
                    + earlier + "' and '" + e.getKey() + "' are one shared tensor (shared clones), which the model"
                    + " format cannot describe");
            out.put(prefix + e.getKey(), e.getValue());
        }
    }

    /** The network described in the metadata, with the weights named {@code prefix + path} copied in. */
    static Module rebuild(Path file, Safetensors.Loaded l, String prefix) {
        String arch = l.metadata().get(ARCHITECTURE_KEY);
        if (arch == null) throw Safetensors.bad(file, "no \"" + ARCHITECTURE_KEY + "\" metadata");
        Module m;
        long[] rng = Generator.global().state(); // constructors draw initial weights; loading should not move the RNG
        try {
            m = ModuleRegistry.fromJson(arch);
        } catch (IllegalArgumentException e) {
            throw Safetensors.bad(file, e.getMessage());
        } finally {
            Generator.global().setState(rng);
        }
        Map<String, Tensor> stored = new LinkedHashMap<>();
        l.tensors().forEach((k, t) -> { if (k.startsWith(prefix)) stored.put(k.substring(prefix.length()), t); });
        Set<DType> dtypes = new HashSet<>();
        for (Tensor t : stored.values()) dtypes.add(t.dtype());
        if (dtypes.size() > 1) throw Safetensors.bad(file, "the weights mix dtypes " + dtypes);
        if (dtypes.contains(DType.I32)) throw Safetensors.bad(file, "weights must be F32 or F64, not I32");
        if (dtypes.size() == 1 && dtypes.iterator().next() != DType.F32) m.to(dtypes.iterator().next());
        LinkedHashMap<String, Tensor> params = ModuleRegistry.namedParameters(m);
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            String name = e.getKey();
            Tensor src = stored.get(name), dst = e.getValue();
            if (src == null) throw Safetensors.bad(file, "tensor '" + prefix + name + "' is missing (the architecture has"
                    + " a parameter of shape " + Arrays.toString(dst.sizes()) + ")");
            if (!src.sameShape(dst)) throw Safetensors.bad(file, "tensor '" + prefix + name + "' has shape "
                    + Arrays.toString(src.sizes()) + " but the architecture needs " + Arrays.toString(dst.sizes()));
            dst.copy(src);
            used.add(name);
        }
        for (String k : stored.keySet()) {
            if (!used.contains(k)) throw Safetensors.bad(file, "tensor '" + prefix + k
                    + "' belongs to no parameter of the architecture");
        }
        return m;
    }
}
