package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGEMM for a narrow result, {@code n <= 16} (and, called on the transposed problem, {@code m <= 16}):
 * {@code C = alpha·A·B + beta·C} with every operand given by element strides, A(i, p) = {@code a[aOff + i*asi + p*asp]},
 * B(p, j) = {@code b[bOff + p*bsp + j*bsj]}, C(i, j) = {@code c[cOff + i*csi + j*csj]}.
 * <p>B is copied, one vector of columns at a time, into a zero-padded k×L panel (cheap: n is small); A is read in place
 * (packing it would cost as much as the product). Eight rows of C are accumulated at once, one vector each:
 * per step p, one B vector load, eight broadcasts of A(i, p) and eight FMAs. Rows are split across threads.
 * When rows of A are contiguous, k is long and n wastes vector lanes, {@link SgemmDot} computes dot products instead.
 */
final class SgemmSkinny {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ThreadLocal<float[][]> PANEL = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[L]});

    /**
     * From this k on, rows of A that are contiguous go to {@link SgemmDot} when n is not a multiple of the vector
     * length (measured, 1 thread: 64×10×1500 37 → 41 GFLOP/s, 58 when B is given transposed; 64×10×300 loses).
     */
    static final int DOT_MIN_K = Integer.getInteger("jtorch.gemm.dotMinK", 512);

    private SgemmSkinny() {}

    static void gemm(int m, int n, int k, float alpha, float[] a, int aOff, int asi, int asp,
                     float[] b, int bOff, int bsp, int bsj, float beta, float[] c, int cOff, int csi, int csj) {
        if (Parallel.threads() > 1 && (long) m * n * k >= SgemmBlocked.PARALLEL_MIN && m >= 16) {
            int parts = Math.min(Parallel.threads(), m / 8);
            Parallel.range(parts, 1, (from, to) -> {
                int lo = (int) ((long) m * from / parts) & ~7, hi = to == parts ? m : (int) ((long) m * to / parts) & ~7;
                rows(lo, hi, n, k, alpha, a, aOff, asi, asp, b, bOff, bsp, bsj, beta, c, cOff, csi, csj);
            });
        } else {
            rows(0, m, n, k, alpha, a, aOff, asi, asp, b, bOff, bsp, bsj, beta, c, cOff, csi, csj);
        }
    }

    private static void rows(int lo, int hi, int n, int k, float alpha, float[] a, int aOff, int asi, int asp,
                             float[] b, int bOff, int bsp, int bsj, float beta, float[] c, int cOff, int csi, int csj) {
        float[][] holder = PANEL.get();
        int panel = k * Math.max(L, n); // k·L for a vector of columns, k·n for Bᵀ copied for the dot products
        if (holder[0].length < panel) holder[0] = new float[panel];
        float[] bp = holder[0], tmp = holder[1];
        if (asp == 1 && k >= DOT_MIN_K && n % L != 0) { // A rows contiguous, k long, n wastes lanes: dot products
            if (bsp == 1) {
                SgemmDot.rows(lo, hi, n, k, alpha, a, aOff, asi, b, bOff, bsj, beta, c, cOff, csi, csj);
            } else {
                for (int j = 0; j < n; j++) {
                    for (int p = 0, s = bOff + j * bsj, d = j * k; p < k; p++) bp[d + p] = b[s + p * bsp];
                }
                SgemmDot.rows(lo, hi, n, k, alpha, a, aOff, asi, bp, 0, k, beta, c, cOff, csi, csj);
            }
            return;
        }
        for (int j0 = 0; j0 < n; j0 += L) {
            int nb = Math.min(L, n - j0);
            for (int p = 0; p < k; p++) {
                int s = bOff + p * bsp + j0 * bsj, d = p * L;
                for (int j = 0; j < nb; j++) bp[d + j] = b[s + j * bsj];
                for (int j = nb; j < L; j++) bp[d + j] = 0f;
            }
            int i = lo;
            for (; i + 8 <= hi; i += 8) eight(i, j0, nb, k, alpha, a, aOff, asi, asp, bp, tmp, beta, c, cOff, csi, csj);
            for (; i < hi; i++) {
                FloatVector acc = FloatVector.zero(S);
                for (int p = 0, q = aOff + i * asi; p < k; p++, q += asp) {
                    acc = FloatVector.broadcast(S, a[q]).fma(FloatVector.fromArray(S, bp, p * L), acc);
                }
                store(acc, nb, alpha, beta, c, cOff + i * csi + j0 * csj, csj, tmp);
            }
        }
    }

    private static void eight(int i, int j0, int nb, int k, float alpha, float[] a, int aOff, int asi, int asp,
                              float[] bp, float[] tmp, float beta, float[] c, int cOff, int csi, int csj) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z;
        int o1 = asi, o2 = 2 * asi, o3 = 3 * asi, o4 = 4 * asi, o5 = 5 * asi, o6 = 6 * asi, o7 = 7 * asi;
        for (int p = 0, q = aOff + i * asi; p < k; p++, q += asp) {
            FloatVector bv = FloatVector.fromArray(S, bp, p * L);
            c0 = FloatVector.broadcast(S, a[q]).fma(bv, c0);
            c1 = FloatVector.broadcast(S, a[q + o1]).fma(bv, c1);
            c2 = FloatVector.broadcast(S, a[q + o2]).fma(bv, c2);
            c3 = FloatVector.broadcast(S, a[q + o3]).fma(bv, c3);
            c4 = FloatVector.broadcast(S, a[q + o4]).fma(bv, c4);
            c5 = FloatVector.broadcast(S, a[q + o5]).fma(bv, c5);
            c6 = FloatVector.broadcast(S, a[q + o6]).fma(bv, c6);
            c7 = FloatVector.broadcast(S, a[q + o7]).fma(bv, c7);
        }
        int co = cOff + i * csi + j0 * csj;
        store(c0, nb, alpha, beta, c, co, csj, tmp);
        store(c1, nb, alpha, beta, c, co + csi, csj, tmp);
        store(c2, nb, alpha, beta, c, co + 2 * csi, csj, tmp);
        store(c3, nb, alpha, beta, c, co + 3 * csi, csj, tmp);
        store(c4, nb, alpha, beta, c, co + 4 * csi, csj, tmp);
        store(c5, nb, alpha, beta, c, co + 5 * csi, csj, tmp);
        store(c6, nb, alpha, beta, c, co + 6 * csi, csj, tmp);
        store(c7, nb, alpha, beta, c, co + 7 * csi, csj, tmp);
    }

    /** C(j) = alpha·acc[j] + beta·C(j) for the first nb lanes, C(j) at c[co + j*csj]; beta 0 does not read C. */
    private static void store(FloatVector acc, int nb, float alpha, float beta, float[] c, int co, int csj, float[] tmp) {
        FloatVector v = acc.mul(alpha);
        if (csj == 1 && nb == L) {
            if (beta != 0) v = v.add(FloatVector.fromArray(S, c, co).mul(beta));
            v.intoArray(c, co);
            return;
        }
        v.intoArray(tmp, 0);
        for (int j = 0; j < nb; j++) {
            int o = co + j * csj;
            c[o] = beta == 0 ? tmp[j] : tmp[j] + beta * c[o];
        }
    }
}
