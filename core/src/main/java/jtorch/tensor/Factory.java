package jtorch.tensor;

import java.util.Arrays;
import jtorch.backend.Backends;

/** Creation helpers behind {@link Tensor}'s static factories. */
final class Factory {
    private Factory() {}

    static Tensor of(HeapStorage data, int[] sizes) {
        int[] s = sizes.length == 0 ? new int[] {data.length()} : sizes.clone();
        if (Shape.numel(s) != data.length()) throw new IllegalArgumentException("of: " + data.length()
                + " values do not fill shape " + Arrays.toString(s) + " (" + Shape.numel(s) + " elements)");
        Tensor host = new Tensor(Backends.ref(), data, 0, s, Shape.contiguousStrides(s));
        return onDefault(host);
    }

    static Tensor of(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) throw new IllegalArgumentException("of: row " + r + " has " + rows[r].length
                    + " values, row 0 has " + cols);
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return of(HeapStorage.wrap(flat), new int[] {rows.length, cols});
    }

    static Tensor arange(DType dtype, double start, double end, double step) {
        if (step == 0 || Double.isNaN(step)) throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
        long n = (long) Math.ceil((end - start) / step);
        if (n < 0) n = 0;
        // (end - start) / step can round up past an integer (arange(1, 1.3, 0.1)): keep only values strictly before end
        while (n > 0 && (step > 0 ? start + (n - 1) * step >= end : start + (n - 1) * step <= end)) n--;
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("arange: " + n + " elements is too many");
        HeapStorage h = HeapStorage.allocate(dtype, (int) n);
        for (int i = 0; i < n; i++) h.set(i, start + i * step);
        return of(h, new int[] {(int) n});
    }

    static Tensor linspace(DType dtype, double start, double end, int steps) {
        if (steps < 0) throw new IllegalArgumentException("linspace: steps must be >= 0, got " + steps);
        HeapStorage h = HeapStorage.allocate(dtype, steps);
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        for (int i = 0; i < steps; i++) h.set(i, i == steps - 1 && steps > 1 ? end : start + i * step);
        return of(h, new int[] {steps});
    }

    /** kind 0: uniform [0,1); 1: standard normal; 2: Bernoulli(p). Drawn on the host in row-major order. */
    static Tensor random(DType dtype, Generator g, int kind, double p, int[] sizes) {
        if (kind == 2 && !(p >= 0 && p <= 1)) throw new IllegalArgumentException("bernoulli: p must be in [0, 1], got " + p);
        int n = Shape.numel(sizes);
        HeapStorage h = HeapStorage.allocate(dtype, n);
        for (int i = 0; i < n; i++) {
            h.set(i, switch (kind) {
                case 0 -> g.nextDouble();
                case 1 -> g.nextGaussian();
                default -> g.nextDouble() < p ? 1 : 0;
            });
        }
        return of(h, sizes.clone());
    }

    /** A host tensor rebound to the default back end (heap back ends share the storage). */
    private static Tensor onDefault(Tensor host) {
        var b = Backends.getDefault();
        if (b == host.backend) return host;
        return host.to(b);
    }
}
