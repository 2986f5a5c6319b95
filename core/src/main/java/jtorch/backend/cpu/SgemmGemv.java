package jtorch.backend.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix-vector product, the n = 1 case of SGEMM: {@code y = alpha·A·x + beta·y}, A [m, k] with A(i, p) =
 * {@code a[aOff + i*asi + p*asp]}, x(p) = {@code x[xOff + p*xs]}, y(i) = {@code y[yOff + i*ys]}.
 * <ul>
 * <li>Rows of A contiguous ({@code asp == 1}): four dot products at a time, vectorised over p.</li>
 * <li>Otherwise (columns contiguous, {@code asi == 1}): y accumulates columns of A scaled by x(p), four at a time,
 *     vectorised over i.</li>
 * </ul>
 * x is copied to a unit-stride scratch first when needed. Memory-bound: rows are split across threads for large A.
 */
final class SgemmGemv {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0]});

    private SgemmGemv() {}

    static void gemv(int m, int k, float alpha, float[] a, int aOff, int asi, int asp, float[] x, int xOff, int xs,
                     float beta, float[] y, int yOff, int ys) {
        if (xs != 1) { // unit-stride copy of x in the caller's scratch (workers only read it)
            float[][] holder = SCRATCH.get();
            if (holder[1].length < k) holder[1] = new float[k];
            float[] t = holder[1];
            for (int p = 0; p < k; p++) t[p] = x[xOff + p * xs];
            x = t; xOff = 0;
        }
        float[] xx = x;
        int xo = xOff;
        int parts = Parallel.threads() > 1 && (long) m * k >= SgemmBlocked.PARALLEL_MIN
                ? Math.min(Parallel.threads(), m / (4 * L)) : 1;
        if (parts <= 1) {
            rows(0, m, k, alpha, a, aOff, asi, asp, xx, xo, beta, y, yOff, ys);
            return;
        }
        Parallel.range(parts, 1, (from, to) -> rows((int) ((long) m * from / parts), (int) ((long) m * to / parts), k,
                alpha, a, aOff, asi, asp, xx, xo, beta, y, yOff, ys));
    }

    private static void rows(int lo, int hi, int k, float alpha, float[] a, int aOff, int asi, int asp,
                             float[] x, int xOff, float beta, float[] y, int yOff, int ys) {
        if (asp == 1 || asi != 1) {
            for (int i = lo; i < hi; i += 4) {
                int r = Math.min(4, hi - i);
                dot4(i, r, k, alpha, a, aOff, asi, asp, x, xOff, beta, y, yOff, ys);
            }
            return;
        }
        float[][] holder = SCRATCH.get();
        int m = hi - lo;
        if (holder[0].length < m) holder[0] = new float[m];
        float[] acc = holder[0];
        Arrays.fill(acc, 0, m, 0f);
        int base = aOff + lo, bound = S.loopBound(m), p = 0;
        for (; p + 4 <= k; p += 4) {
            int c0 = base + p * asp, c1 = c0 + asp, c2 = c1 + asp, c3 = c2 + asp;
            float x0 = x[xOff + p], x1 = x[xOff + p + 1], x2 = x[xOff + p + 2], x3 = x[xOff + p + 3];
            FloatVector v0 = FloatVector.broadcast(S, x0), v1 = FloatVector.broadcast(S, x1);
            FloatVector v2 = FloatVector.broadcast(S, x2), v3 = FloatVector.broadcast(S, x3);
            int i = 0;
            for (; i < bound; i += L) {
                FloatVector v = FloatVector.fromArray(S, acc, i);
                v = FloatVector.fromArray(S, a, c0 + i).fma(v0, v);
                v = FloatVector.fromArray(S, a, c1 + i).fma(v1, v);
                v = FloatVector.fromArray(S, a, c2 + i).fma(v2, v);
                v = FloatVector.fromArray(S, a, c3 + i).fma(v3, v);
                v.intoArray(acc, i);
            }
            for (; i < m; i++) { // the vector lanes' fused steps, in their order
                float v = Math.fma(a[c0 + i], x0, acc[i]);
                v = Math.fma(a[c1 + i], x1, v);
                v = Math.fma(a[c2 + i], x2, v);
                acc[i] = Math.fma(a[c3 + i], x3, v);
            }
        }
        for (; p < k; p++) {
            int c0 = base + p * asp;
            float x0 = x[xOff + p];
            for (int i = 0; i < m; i++) acc[i] = Math.fma(a[c0 + i], x0, acc[i]);
        }
        for (int i = 0; i < m; i++) {
            int o = yOff + (lo + i) * ys;
            y[o] = beta == 0 ? alpha * acc[i] : alpha * acc[i] + beta * y[o];
        }
    }

    /** Rows i .. i+r-1 (r <= 4) as dot products with x. */
    private static void dot4(int i, int r, int k, float alpha, float[] a, int aOff, int asi, int asp,
                             float[] x, int xOff, float beta, float[] y, int yOff, int ys) {
        int r0 = aOff + i * asi, r1 = r > 1 ? r0 + asi : r0, r2 = r > 2 ? r1 + asi : r0, r3 = r > 3 ? r2 + asi : r0;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int p = 0;
        if (asp == 1) {
            FloatVector z = FloatVector.zero(S), v0 = z, v1 = z, v2 = z, v3 = z;
            for (int bound = S.loopBound(k); p < bound; p += L) {
                FloatVector xv = FloatVector.fromArray(S, x, xOff + p);
                v0 = FloatVector.fromArray(S, a, r0 + p).fma(xv, v0);
                v1 = FloatVector.fromArray(S, a, r1 + p).fma(xv, v1);
                v2 = FloatVector.fromArray(S, a, r2 + p).fma(xv, v2);
                v3 = FloatVector.fromArray(S, a, r3 + p).fma(xv, v3);
            }
            s0 = Lanes.sum(v0);
            s1 = Lanes.sum(v1);
            s2 = Lanes.sum(v2);
            s3 = Lanes.sum(v3);
        }
        for (; p < k; p++) {
            float xp = x[xOff + p];
            int q = p * asp;
            s0 += a[r0 + q] * xp; s1 += a[r1 + q] * xp; s2 += a[r2 + q] * xp; s3 += a[r3 + q] * xp;
        }
        int o = yOff + i * ys;
        put(y, o, s0, alpha, beta);
        if (r > 1) put(y, o + ys, s1, alpha, beta);
        if (r > 2) put(y, o + 2 * ys, s2, alpha, beta);
        if (r > 3) put(y, o + 3 * ys, s3, alpha, beta);
    }

    private static void put(float[] y, int o, float s, float alpha, float beta) {
        y[o] = beta == 0 ? alpha * s : alpha * s + beta * y[o];
    }
}
