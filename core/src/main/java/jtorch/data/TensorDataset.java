package jtorch.data;

import java.util.Arrays;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * An in-memory data set of two tensors that share dimension 0, the example index: {@code inputs} [N, ...] (e.g. F32
 * [N, 784]) and {@code targets} [N, ...] (e.g. I32 [N] class indices). Example {@code i} is
 * {@code (inputs[i], targets[i])}; {@link #batch(int[])} is one {@code indexSelect(0, indices)} per tensor.
 */
public final class TensorDataset implements Dataset {
    private final Tensor inputs, targets;

    public TensorDataset(Tensor inputs, Tensor targets) {
        if (inputs.dim() == 0 || targets.dim() == 0) throw new IllegalArgumentException("TensorDataset: inputs "
                + Arrays.toString(inputs.sizes()) + " and targets " + Arrays.toString(targets.sizes())
                + " need a dimension 0 (the example index)");
        if (inputs.size(0) != targets.size(0)) throw new IllegalArgumentException("TensorDataset: inputs "
                + Arrays.toString(inputs.sizes()) + " and targets " + Arrays.toString(targets.sizes())
                + " disagree in dimension 0 (the example count)");
        this.inputs = inputs;
        this.targets = targets;
    }

    public Tensor inputs() { return inputs; }

    public Tensor targets() { return targets; }

    @Override public int size() { return inputs.size(0); }

    /** Example {@code i} as views {@code inputs.select(0, i)}, {@code targets.select(0, i)}. */
    @Override public Batch get(int i) {
        check("get", i);
        return new Batch(inputs.select(0, i), targets.select(0, i));
    }

    /** The examples at {@code indices} (repeats allowed): inputs [B, ...], targets [B, ...], freshly allocated. */
    @Override public Batch batch(int[] indices) {
        Tensor idx = index("batch", indices);
        return new Batch(inputs.indexSelect(0, idx), targets.indexSelect(0, idx));
    }

    /** A new data set holding copies of the examples at {@code indices}, in that order. */
    public TensorDataset subset(int[] indices) {
        for (int i : indices) check("subset", i);
        Tensor idx = Tensor.of(indices);
        return new TensorDataset(inputs.indexSelect(0, idx), targets.indexSelect(0, idx));
    }

    /**
     * A seeded random split into {@code {first, second}}, where {@code firstFraction} is the share that goes to
     * {@code first} (e.g. {@code randomSplit(0.8, seed)} keeps 80 % first): a uniformly random permutation of 0..N-1 drawn from
     * {@code new Generator(seed)}; its first {@code round(N * firstFraction)} indices form {@code first}, the rest
     * {@code second}. The same seed always gives the same split.
     */
    public TensorDataset[] randomSplit(double firstFraction, long seed) {
        if (!(firstFraction >= 0 && firstFraction <= 1)) throw new IllegalArgumentException("TensorDataset.randomSplit: firstFraction must be "
                + "in [0, 1], got " + firstFraction);
        int n = size(), k = (int) Math.round(n * firstFraction);
        int[] perm = permutation(n, new Generator(seed));
        return new TensorDataset[] {subset(Arrays.copyOfRange(perm, 0, k)), subset(Arrays.copyOfRange(perm, k, n))};
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates driven by {@code g}). */
    public static int[] permutation(int n, Generator g) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = g.nextInt(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private void check(String op, int i) {
        if (i < 0 || i >= size()) throw new IndexOutOfBoundsException("TensorDataset." + op + ": index " + i
                + " out of range [0, " + size() + ")");
    }

    private Tensor index(String op, int[] indices) {
        if (indices.length == 0) throw new IllegalArgumentException("TensorDataset." + op + ": no indices");
        for (int i : indices) check(op, i);
        return Tensor.of(indices);
    }

    @Override public String toString() {
        return "TensorDataset(inputs " + inputs.dtype() + Arrays.toString(inputs.sizes()) + ", targets "
                + targets.dtype() + Arrays.toString(targets.sizes()) + ")";
    }
}
