package jtorch.tensor;

import java.util.Arrays;

/**
 * An immutable list of dimension sizes, e.g. {@code [64, 3, 28, 28]}. A 0-d shape {@code []} is a scalar.
 * Also holds the NumPy/Torch broadcasting rule.
 */
public record Shape(int[] dims) {

    public Shape {
        dims = dims.clone();
        for (int d : dims) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
        }
    }

    public static Shape of(int... dims) { return new Shape(dims); }

    /** A copy of the sizes (the record stays immutable). */
    @Override public int[] dims() { return dims.clone(); }

    public int rank() { return dims.length; }

    public int size(int dim) { return dims[dim]; }

    /** A copy of the sizes. */
    public int[] toArray() { return dims.clone(); }

    /** Number of elements (1 for a scalar). Throws if it does not fit an int (heap storage is int-indexed). */
    public int numel() { return numel(dims); }

    public static int numel(int[] dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
            n *= d;
        }
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape " + Arrays.toString(dims)
                + " has " + n + " elements; heap tensors hold at most " + Integer.MAX_VALUE);
        return (int) n;
    }

    /** Row-major (C order) strides for these sizes. */
    public static int[] contiguousStrides(int[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(dims[i], 1);
        }
        return s;
    }

    /**
     * The broadcast shape of {@code a} and {@code b}: align trailing dimensions; each pair must be equal or one of them 1.
     * @throws IllegalArgumentException naming {@code op} and both shapes when they do not broadcast
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast (dimension " + i + " of the result: " + da + " vs " + db + ")");
            }
            r[i] = da == 1 ? db : da;
        }
        return r;
    }

    @Override public boolean equals(Object o) { return o instanceof Shape s && Arrays.equals(dims, s.dims); }

    @Override public int hashCode() { return Arrays.hashCode(dims); }

    @Override public String toString() { return Arrays.toString(dims); }
}
