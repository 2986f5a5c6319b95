package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGEMM for a short, wide result ({@code m <= 16}) whose B and C rows are contiguous: {@code C = alpha·A·B + beta·C},
 * A(i, p) = {@code a[aOff + i*asi + p*asp]}, B(p, j) = {@code b[bOff + p*ldb + j]}, C(i, j) = {@code c[cOff + i*ldc + j]}.
 * <p>Nothing is packed (with m this small a packed B would be used at most m times): a 4-row × 2-vector block of C is
 * 8 accumulators; per step p, two vector loads straight from row p of B, four broadcasts of A(i, p), eight FMAs.
 * A last partial row block repeats a valid row and stores only the valid ones; the last n mod 2L columns go to
 * {@link SgemmSkinny} as Cᵀ = Bᵀ·Aᵀ.
 * Columns are split across threads.
 */
final class SgemmRowPanel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private SgemmRowPanel() {}

    static void gemm(int m, int n, int k, float alpha, float[] a, int aOff, int asi, int asp, float[] b, int bOff,
                     int ldb, float beta, float[] c, int cOff, int ldc) {
        int blocks = (n + 2 * L - 1) / (2 * L);
        int parts = Parallel.threads() > 1 && (long) m * n * k >= SgemmBlocked.PARALLEL_MIN
                ? Math.min(Parallel.threads(), blocks) : 1;
        if (parts <= 1) {
            columns(0, n, m, k, alpha, a, aOff, asi, asp, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        Parallel.range(parts, 1, (from, to) -> columns((int) ((long) blocks * from / parts) * 2 * L,
                Math.min(n, (int) ((long) blocks * to / parts) * 2 * L), m, k, alpha, a, aOff, asi, asp, b, bOff, ldb,
                beta, c, cOff, ldc));
    }

    private static void columns(int lo, int hi, int m, int k, float alpha, float[] a, int aOff, int asi, int asp,
                                float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int j = lo;
        for (; j + 2 * L <= hi; j += 2 * L) {
            for (int i = 0; i < m; i += 4) block(i, Math.min(4, m - i), j, k, alpha, a, aOff, asi, asp, b, bOff, ldb,
                    beta, c, cOff, ldc);
        }
        if (j < hi) { // last < 2L columns: the skinny kernel on Cᵀ = Bᵀ·Aᵀ
            SgemmSkinny.gemm(hi - j, m, k, alpha, b, bOff + j, 1, ldb, a, aOff, asp, asi, beta, c, cOff + j, 1, ldc);
        }
    }

    private static void block(int i, int r, int j, int k, float alpha, float[] a, int aOff, int asi, int asp,
                              float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int a0 = aOff + i * asi, a1 = r > 1 ? a0 + asi : a0, a2 = r > 2 ? a1 + asi : a0, a3 = r > 3 ? a2 + asi : a0;
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        for (int p = 0, q = 0, o = bOff + j; p < k; p++, q += asp, o += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, o), b1 = FloatVector.fromArray(S, b, o + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + q]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + q]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + q]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + q]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
        }
        // stores written out: a store helper called per row is not inlined by C2 and then boxes the accumulators
        int o0 = cOff + i * ldc + j, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
        if (beta == 0) {
            c00.mul(alpha).intoArray(c, o0); c01.mul(alpha).intoArray(c, o0 + L);
            if (r > 1) { c10.mul(alpha).intoArray(c, o1); c11.mul(alpha).intoArray(c, o1 + L); }
            if (r > 2) { c20.mul(alpha).intoArray(c, o2); c21.mul(alpha).intoArray(c, o2 + L); }
            if (r > 3) { c30.mul(alpha).intoArray(c, o3); c31.mul(alpha).intoArray(c, o3 + L); }
        } else {
            c00.mul(alpha).add(FloatVector.fromArray(S, c, o0).mul(beta)).intoArray(c, o0);
            c01.mul(alpha).add(FloatVector.fromArray(S, c, o0 + L).mul(beta)).intoArray(c, o0 + L);
            if (r > 1) {
                c10.mul(alpha).add(FloatVector.fromArray(S, c, o1).mul(beta)).intoArray(c, o1);
                c11.mul(alpha).add(FloatVector.fromArray(S, c, o1 + L).mul(beta)).intoArray(c, o1 + L);
            }
            if (r > 2) {
                c20.mul(alpha).add(FloatVector.fromArray(S, c, o2).mul(beta)).intoArray(c, o2);
                c21.mul(alpha).add(FloatVector.fromArray(S, c, o2 + L).mul(beta)).intoArray(c, o2 + L);
            }
            if (r > 3) {
                c30.mul(alpha).add(FloatVector.fromArray(S, c, o3).mul(beta)).intoArray(c, o3);
                c31.mul(alpha).add(FloatVector.fromArray(S, c, o3 + L).mul(beta)).intoArray(c, o3 + L);
            }
        }
    }
}
