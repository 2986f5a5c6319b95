package jtorch.backend.cpu;

/**
 * Two products with one left operand, {@code C1 = alpha·op(A)·op(B1) + beta·C1} and {@code C2 = alpha·op(A)·op(B2) +
 * beta·C2} (A [m, k], B1 [k, n1], B2 [k, n2]), as one {@link SgemmBlocked} product A·[B1 | B2] whose column panels
 * come from B1 then B2 and write to C1 then C2: A is packed once for both (the recurrent weight gradients
 * δᵀ·x and δᵀ·h_prev share δ, whose packing is a fifth of each product's time). n1 must be a multiple of NR (no panel
 * straddles the two). The depth blocks follow {@link SgemmBlocked#depth} for m × (n1 + n2); rows are split across
 * threads in MR units, so each element is the same FMA chain for any thread count.
 */
final class SgemmPair {
    static final int MR = SgemmBlocked.MR, NR = SgemmBlocked.NR, MC = SgemmBlocked.MC;

    private SgemmPair() {}

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[][] {new float[0],
            new float[0], new float[MR * NR]});

    /** Operand layout as {@link SgemmBlocked#gemm}: ta/tb as there, B1 and B2 with the same transposition. */
    static void gemm(boolean ta, boolean tb, int m, int n1, int n2, int k, float alpha, float[] a, int aOff, int lda,
                     float[] b1, int b1Off, int ldb1, float[] b2, int b2Off, int ldb2, float beta,
                     float[] c1, int c1Off, int ldc1, float[] c2, int c2Off, int ldc2) {
        int kcb = SgemmBlocked.depth(m, n1 + n2, k), units = (m + MR - 1) / MR;
        int parts = Parallel.threads() <= 1 || (long) m * (n1 + n2) * k < SgemmBlocked.PARALLEL_MIN ? 1
                : Math.min(Parallel.threads(), units);
        if (parts == 1) {
            serial(ta, tb, m, n1, n2, k, kcb, alpha, a, aOff, lda, b1, b1Off, ldb1, b2, b2Off, ldb2, beta, c1, c1Off,
                    ldc1, c2, c2Off, ldc2);
            return;
        }
        Parallel.range(parts, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                int lo = (int) ((long) units * t / parts) * MR, hi = Math.min(m, (int) ((long) units * (t + 1) / parts) * MR);
                if (lo < hi) serial(ta, tb, hi - lo, n1, n2, k, kcb, alpha, a, aOff + lo * (ta ? 1 : lda), lda, b1, b1Off,
                        ldb1, b2, b2Off, ldb2, beta, c1, c1Off + lo * ldc1, ldc1, c2, c2Off + lo * ldc2, ldc2);
            }
        });
    }

    private static void serial(boolean ta, boolean tb, int m, int n1, int n2, int k, int kcb, float alpha, float[] a,
                               int aOff, int lda, float[] b1, int b1Off, int ldb1, float[] b2, int b2Off, int ldb2,
                               float beta, float[] c1, int c1Off, int ldc1, float[] c2, int c2Off, int ldc2) {
        float[][] buf = BUFFERS.get();
        int n = n1 + n2, kMax = Math.min(kcb, k), nPad = (n + NR - 1) / NR * NR;
        if (buf[0].length < MC * kMax) buf[0] = new float[MC * kMax];
        if (buf[1].length < nPad * kMax) buf[1] = new float[nPad * kMax];
        float[] ap = buf[0], bp = buf[1], tile = buf[2];
        for (int pc = 0; pc < k; pc += kcb) {
            int kc = Math.min(kcb, k - pc);
            float bet = pc == 0 ? beta : 1f;
            for (int j = 0; j < n; j += NR) {
                boolean first = j < n1;
                float[] b = first ? b1 : b2;
                int jj = first ? j : j - n1, nr = Math.min(NR, (first ? n1 : n2) - jj), ldb = first ? ldb1 : ldb2;
                int bOff = first ? b1Off : b2Off;
                if (tb) SgemmPack.lines(b, bOff + jj * ldb + pc, ldb, nr, kc, bp, j * kc, NR);
                else SgemmPack.steps(b, bOff + pc * ldb + jj, ldb, nr, kc, bp, j * kc, NR);
            }
            for (int ic = 0; ic < m; ic += MC) {
                int mc = Math.min(MC, m - ic);
                for (int ir = 0; ir < mc; ir += MR) {
                    int mr = Math.min(MR, mc - ir), i = ic + ir;
                    if (ta) SgemmPack.steps(a, aOff + pc * lda + i, lda, mr, kc, ap, ir * kc, MR);
                    else SgemmPack.lines(a, aOff + i * lda + pc, lda, mr, kc, ap, ir * kc, MR);
                }
                for (int j = 0; j < n; j += NR) {
                    boolean first = j < n1;
                    int jj = first ? j : j - n1, nr = Math.min(NR, (first ? n1 : n2) - jj);
                    for (int ir = 0; ir < mc; ir += MR) {
                        int row = ic + ir;
                        if (first) SgemmBlocked.tile(kc, ap, ir, bp, j, nr, Math.min(MR, mc - ir), c1,
                                c1Off + row * ldc1 + jj, ldc1, alpha, bet, tile);
                        else SgemmBlocked.tile(kc, ap, ir, bp, j, nr, Math.min(MR, mc - ir), c2,
                                c2Off + row * ldc2 + jj, ldc2, alpha, bet, tile);
                    }
                }
            }
        }
    }
}
