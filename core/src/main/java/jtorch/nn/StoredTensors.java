package jtorch.nn;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import jtorch.tensor.Tensor;

/**
 * The tensors a network is rebuilt from (a model file). While {@link #build} runs a module's constructor,
 * {@link Module#addParameter} and {@link Module#addBuffer} adopt the stored tensor of the same dotted name
 * ({@code prefix + name}) instead of allocating and initialising a new one, and {@link Module#drawInitialWeights()} is
 * false: loading allocates only what the stored tensors back (their gradients, of the same sizes) and draws no random
 * numbers. A declared tensor that is missing, or stored with other sizes, throws before anything is allocated.
 */
public final class StoredTensors {
    private StoredTensors() {}

    private record Frame(Map<String, Tensor> tensors, Set<String> used, String prefix) {}

    private static final ScopedValue<Frame> FRAME = ScopedValue.newInstance();

    /**
     * Runs {@code constructor} with {@code tensors} as the source of its declared parameters and buffers, named
     * {@code prefix + name} (e.g. prefix {@code "2."}); adds each adopted name to {@code used}.
     */
    public static <M> M build(Map<String, Tensor> tensors, Set<String> used, String prefix, Supplier<M> constructor) {
        return ScopedValue.where(FRAME, new Frame(tensors, used, prefix)).call(constructor::get);
    }

    /** True while a constructor runs inside {@link #build}. */
    static boolean active() { return FRAME.isBound(); }

    /** The stored tensor for declared {@code name} of {@code sizes}, or null when not loading. */
    static Tensor adopt(String module, String kind, String name, int[] sizes) {
        if (!FRAME.isBound()) return null;
        Frame f = FRAME.get();
        String full = f.prefix() + name;
        Tensor t = f.tensors().get(full);
        if (t == null) throw new IllegalArgumentException("tensor '" + full + "' is missing (" + module + " declares a "
                + kind + " of shape " + Arrays.toString(sizes) + ")");
        if (!Arrays.equals(t.sizes(), sizes)) throw new IllegalArgumentException("tensor '" + full + "' has shape "
                + Arrays.toString(t.sizes()) + " but " + module + " declares a " + kind + " of shape "
                + Arrays.toString(sizes));
        f.used().add(full);
        return t.isContiguous() && t.offset() == 0 && t.storage().length() == t.numel() ? t : t.clone();
    }
}
