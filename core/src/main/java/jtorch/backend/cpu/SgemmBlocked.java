package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;

/**
 * The BLIS-style SGEMM path, row-major with unit-stride C: {@code C = alpha·op(A)·op(B) + beta·C}, C [m, n] at
 * {@code c[cOff + i*ldc + j]}. op(A)(i, p) is {@code a[aOff + i*lda + p]}, or {@code a[aOff + p*lda + i]} when
 * {@code ta}; op(B)(p, j) is {@code b[bOff + p*ldb + j]}, or {@code b[bOff + j*ldb + p]} when {@code tb}.
 * <p>Loops: jc (NC columns) → pc (KC steps; pack B) → ic (MC rows; pack A) → jr (NR) → ir (MR, the micro-kernel):
 * a KC×NR B micro-panel and the MC×KC A block stay in L2 (KC is large, so C is read at most once per 4096 steps
 * of k; the kernel's own loads are ~7 bytes per cycle, well within L2 bandwidth). A transpose only changes which
 * {@link SgemmPack} routine packs an operand. Edge tiles go through a small tile buffer. Above a FLOP threshold the
 * larger of m and n is split into contiguous parts, one per thread, each with its own thread-local panels.
 */
final class SgemmBlocked {
    static final int L = FloatVector.SPECIES_PREFERRED.length();
    static final boolean WIDE = L >= 16;
    static final int MR = WIDE ? SgemmKernelWide.MR : SgemmKernelNarrow.MR;
    static final int NR = 2 * L;
    /**
     * Depth of a packed block. Large on purpose: every further K block re-reads C, and a C that has left L2 costs half
     * the speed on the Zen 4 it was tuned on (1024³ went from ~55 to ~105 GFLOP/s per core going from 256 to ≥ k).
     */
    static final int KC = Integer.getInteger("jtorch.gemm.kc", 4096);
    /** Rows of A packed per block (a multiple of MR). */
    static final int MC = Math.max(MR, Integer.getInteger("jtorch.gemm.mc", 48) / MR * MR);
    /** Columns of B packed per block (a multiple of NR). */
    static final int NC = Math.max(NR, Integer.getInteger("jtorch.gemm.nc", 512) / NR * NR);
    /**
     * Below this many multiply-adds (m·n·k) one thread does the whole product (~60 µs on one core). Measured, 1 vs 2
     * threads: 64×128×256 66 → 39 µs, 128×256×64 44 → 25 µs, 64×256×784 382 → 210 µs.
     */
    static final long PARALLEL_MIN = Long.getLong("jtorch.gemm.parallelMin", 1L << 21);

    /** Per-thread packed panels (grown to the largest block seen, then reused) and the edge tile. */
    private static final class Buffers {
        float[] ap = new float[0], bp = new float[0];
        final float[] tile = new float[MR * NR];
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private SgemmBlocked() {}

    static void gemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int threads = Parallel.threads();
        if (threads <= 1 || (long) m * n * k < PARALLEL_MIN) {
            serial(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        boolean splitM = m >= n;
        int unit = splitM ? MR : NR, units = ((splitM ? m : n) + unit - 1) / unit;
        int parts = Math.min(threads, units);
        Parallel.range(parts, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                int lo = (int) ((long) units * t / parts) * unit;
                int hi = Math.min(splitM ? m : n, (int) ((long) units * (t + 1) / parts) * unit);
                if (lo >= hi) continue;
                if (splitM) {
                    serial(ta, tb, hi - lo, n, k, alpha, a, aOff + lo * (ta ? 1 : lda), lda, b, bOff, ldb,
                            beta, c, cOff + lo * ldc, ldc);
                } else {
                    serial(ta, tb, m, hi - lo, k, alpha, a, aOff, lda, b, bOff + lo * (tb ? ldb : 1), ldb,
                            beta, c, cOff + lo, ldc);
                }
            }
        });
    }

    static void serial(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                       float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        Buffers buf = BUFFERS.get();
        int kMax = Math.min(KC, k);
        if (buf.ap.length < MC * kMax) buf.ap = new float[MC * kMax];
        int nPad = (Math.min(NC, n) + NR - 1) / NR * NR;
        if (buf.bp.length < nPad * kMax) buf.bp = new float[nPad * kMax];
        float[] ap = buf.ap, bp = buf.bp, tile = buf.tile;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float bet = pc == 0 ? beta : 1f;
                for (int jr = 0; jr < nc; jr += NR) {
                    int nr = Math.min(NR, nc - jr), j = jc + jr;
                    if (tb) SgemmPack.lines(b, bOff + j * ldb + pc, ldb, nr, kc, bp, jr * kc, NR);
                    else SgemmPack.steps(b, bOff + pc * ldb + j, ldb, nr, kc, bp, jr * kc, NR);
                }
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    for (int ir = 0; ir < mc; ir += MR) {
                        int mr = Math.min(MR, mc - ir), i = ic + ir;
                        if (ta) SgemmPack.steps(a, aOff + pc * lda + i, lda, mr, kc, ap, ir * kc, MR);
                        else SgemmPack.lines(a, aOff + i * lda + pc, lda, mr, kc, ap, ir * kc, MR);
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            tile(kc, ap, ir, bp, jr, nr, Math.min(MR, mc - ir), c, cOff + (ic + ir) * ldc + jc + jr,
                                    ldc, alpha, bet, tile);
                        }
                    }
                }
            }
        }
    }

    private static void tile(int kc, float[] ap, int ir, float[] bp, int jr, int nr, int mr, float[] c, int co, int ldc,
                             float alpha, float beta, float[] tile) {
        if (mr == MR && nr == NR) {
            if (beta == 0) kernel(kc, ap, ir * kc, bp, jr * kc, c, co, ldc, alpha);
            else kernelAcc(kc, ap, ir * kc, bp, jr * kc, c, co, ldc, alpha, beta);
        } else {
            kernel(kc, ap, ir * kc, bp, jr * kc, tile, 0, NR, 1f);
            mergeTile(tile, mr, nr, c, co, ldc, alpha, beta);
        }
    }

    private static void kernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, float alpha) {
        if (WIDE) SgemmKernelWide.kernel(kc, ap, ao, bp, bo, c, co, ldc, alpha);
        else SgemmKernelNarrow.kernel(kc, ap, ao, bp, bo, c, co, ldc, alpha);
    }

    private static void kernelAcc(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                                  float alpha, float beta) {
        if (WIDE) SgemmKernelWide.kernelAcc(kc, ap, ao, bp, bo, c, co, ldc, alpha, beta);
        else SgemmKernelNarrow.kernelAcc(kc, ap, ao, bp, bo, c, co, ldc, alpha, beta);
    }

    /** C[i, j] = alpha·tile[i, j] + beta·C[i, j] for the valid mr × nr corner (beta 0: C is not read). */
    private static void mergeTile(float[] tile, int mr, int nr, float[] c, int co, int ldc, float alpha, float beta) {
        for (int i = 0; i < mr; i++) {
            for (int j = 0, t = i * NR, o = co + i * ldc; j < nr; j++) {
                c[o + j] = beta == 0 ? alpha * tile[t + j] : alpha * tile[t + j] + beta * c[o + j];
            }
        }
    }
}
