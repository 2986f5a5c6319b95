package jtorch.tensor;

/**
 * Storage backed by a Java heap array: {@code float[]} for F32, {@code double[]} for F64, {@code int[]} for I32.
 * Kernels read the array through {@link #floats()}, {@link #doubles()} or {@link #ints()}.
 */
public final class HeapStorage implements Storage {
    private final DType dtype;
    private final float[] f;
    private final double[] d;
    private final int[] i;

    private HeapStorage(DType dtype, float[] f, double[] d, int[] i) {
        this.dtype = dtype; this.f = f; this.d = d; this.i = i;
    }

    /** A zero-filled storage of {@code n} elements. */
    public static HeapStorage allocate(DType dtype, int n) {
        return switch (dtype) {
            case F32 -> new HeapStorage(dtype, new float[n], null, null);
            case F64 -> new HeapStorage(dtype, null, new double[n], null);
            case I32 -> new HeapStorage(dtype, null, null, new int[n]);
        };
    }

    /** Wraps (does not copy) an array. */
    public static HeapStorage wrap(float[] a) { return new HeapStorage(DType.F32, a, null, null); }

    public static HeapStorage wrap(double[] a) { return new HeapStorage(DType.F64, null, a, null); }

    public static HeapStorage wrap(int[] a) { return new HeapStorage(DType.I32, null, null, a); }

    @Override public DType dtype() { return dtype; }

    @Override public int length() {
        return switch (dtype) { case F32 -> f.length; case F64 -> d.length; case I32 -> i.length; };
    }

    public float[] floats() { check(DType.F32); return f; }

    public double[] doubles() { check(DType.F64); return d; }

    public int[] ints() { check(DType.I32); return i; }

    /** Element {@code k} widened to double (any dtype). */
    public double get(int k) {
        return switch (dtype) { case F32 -> f[k]; case F64 -> d[k]; case I32 -> i[k]; };
    }

    /** Stores {@code v} at {@code k}, rounding to the storage's dtype (I32: truncation toward zero, as a Java cast). */
    public void set(int k, double v) {
        switch (dtype) {
            case F32 -> f[k] = (float) v;
            case F64 -> d[k] = v;
            case I32 -> i[k] = (int) v;
        }
    }

    private void check(DType want) {
        if (dtype != want) throw new IllegalStateException("storage holds " + dtype + ", not " + want);
    }
}
