package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;

/**
 * The BLIS-style SGEMM path, row-major with unit-stride C: {@code C = alpha·op(A)·op(B) + beta·C}, C [m, n] at
 * {@code c[cOff + i*ldc + j]}. op(A)(i, p) is {@code a[aOff + i*lda + p]}, or {@code a[aOff + p*lda + i]} when
 * {@code ta}; op(B)(p, j) is {@code b[bOff + p*ldb + j]}, or {@code b[bOff + j*ldb + p]} when {@code tb}.
 * <p>Loops: jc (NC columns) → pc (KC steps; pack B) → ic (MC rows; pack A) → jr (NR) → ir (MR, the micro-kernel):
 * a KC×NR B micro-panel and the MC×KC A block stay in L2 (KC is large, so C is read at most once per 4096 steps
 * of k; the kernel's own loads are ~7 bytes per cycle, well within L2 bandwidth). A transpose only changes which
 * {@link SgemmPack} routine packs an operand. With 16-lane vectors, full-height tiles read A in place instead (see
 * {@link #ROWS_MAX_N}): the same multiply-adds in the same order, so the same bits. Edge tiles go through a small
 * tile buffer. Above a FLOP threshold the larger of m and n is split into contiguous parts, one per thread, each with
 * its own thread-local panels.
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
    /**
     * Depth of a packed block when C is small enough to stay in L2 (at most {@link #SMALL_C} elements): then re-reading
     * C per K block is cheap, and a shallower block keeps the A and B micro-panels in L1/L2 (the char-LSTM's weight
     * gradients δᵀ·x, [512 × 2500]·[2500 × 128], ran at ~70 GFLOP/s with k in one block and ~80 in 500-deep blocks).
     */
    static final int KC_SMALL_C = Integer.getInteger("jtorch.gemm.kcSmallC", 512);
    /** The C size (elements) up to which {@link #KC_SMALL_C} applies. */
    static final long SMALL_C = 1L << 17;
    /** Rows of A packed per block (a multiple of MR). */
    static final int MC = Math.max(MR, Integer.getInteger("jtorch.gemm.mc", 48) / MR * MR);
    /** Columns of B packed per block (a multiple of NR). */
    static final int NC = Math.max(NR, Integer.getInteger("jtorch.gemm.nc", 512) / NR * NR);
    /**
     * Below this many multiply-adds (m·n·k) one thread does the whole product (~60 µs on one core). Measured, 1 vs 2
     * threads: 64×128×256 66 → 39 µs, 128×256×64 44 → 25 µs, 64×256×784 382 → 210 µs.
     */
    static final long PARALLEL_MIN = Long.getLong("jtorch.gemm.parallelMin", 1L << 21);
    /**
     * Up to this many columns (of one thread's part) the wide kernels read a row-major A in place instead of packing
     * it (a transposed A is always read in place): the packing's scalar transpose is then a large share of the time
     * (1 thread, Zen 4, A·Bᵀ: 768×128×512 90 → 106 GFLOP/s, 768×384×128 103.5 → 105, 768×512×128 98-102 → 104
     * best of 200, ~1 % less in a Transformer layer step, alternated in one JVM; the packed A panel is reused by n/32
     * column panels, so packing pays off again for wide products). A transposed A read in place: 504×128×768 97 → 110.
     */
    static final int ROWS_MAX_N = Integer.getInteger("jtorch.gemm.rowsMaxN", 512);

    /** Per-thread packed panels (grown to the largest block seen, then reused) and the edge tile. */
    private static final class Buffers {
        float[] ap = new float[0], bp = new float[0];
        final float[] tile = new float[MR * NR];
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private SgemmBlocked() {}

    /**
     * The depth of the K blocks for a whole m × n × k product (chosen before any thread split, so the blocks, and with
     * them the bits, do not depend on the thread count): k in blocks of about equal depth at most KC, or at most
     * KC_SMALL_C when C is small.
     */
    static int depth(long m, long n, int k) {
        int max = m * n <= SMALL_C ? Math.min(KC, KC_SMALL_C) : KC;
        int blocks = (k + max - 1) / max;
        return Math.max(1, (k + blocks - 1) / blocks);
    }

    static void gemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int threads = Parallel.threads(), kcb = depth(m, n, k);
        if (threads <= 1 || (long) m * n * k < PARALLEL_MIN) {
            serial(ta, tb, m, n, k, kcb, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
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
                    serial(ta, tb, hi - lo, n, k, kcb, alpha, a, aOff + lo * (ta ? 1 : lda), lda, b, bOff, ldb,
                            beta, c, cOff + lo * ldc, ldc);
                } else {
                    serial(ta, tb, m, hi - lo, k, kcb, alpha, a, aOff, lda, b, bOff + lo * (tb ? ldb : 1), ldb,
                            beta, c, cOff + lo, ldc);
                }
            }
        });
    }

    /** The product on the calling thread, K in blocks of depth kcb (see {@link #depth}). */
    static void serial(boolean ta, boolean tb, int m, int n, int k, int kcb, float alpha, float[] a, int aOff, int lda,
                       float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        serial(ta, tb, m, n, k, kcb, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                WIDE && (ta || n <= ROWS_MAX_N));
    }

    /** {@link #serial}, with A read in place by full-height tiles when {@code direct} (16-lane vectors only). */
    static void serial(boolean ta, boolean tb, int m, int n, int k, int kcb, float alpha, float[] a, int aOff, int lda,
                       float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, boolean direct) {
        Buffers buf = BUFFERS.get();
        int kMax = Math.min(kcb, k);
        if (buf.ap.length < MC * kMax) buf.ap = new float[MC * kMax];
        int nPad = (Math.min(NC, n) + NR - 1) / NR * NR;
        if (buf.bp.length < nPad * kMax) buf.bp = new float[nPad * kMax];
        float[] ap = buf.ap, bp = buf.bp, tile = buf.tile;
        direct &= WIDE;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kcb) {
                int kc = Math.min(kcb, k - pc);
                float bet = pc == 0 ? beta : 1f;
                if (!tb) SgemmPack.stepPanels(b, bOff + pc * ldb + jc, ldb, nc, kc, bp, 0, NR);
                else for (int jr = 0; jr < nc; jr += NR) {
                    SgemmPack.lines(b, bOff + (jc + jr) * ldb + pc, ldb, Math.min(NR, nc - jr), kc, bp, jr * kc, NR);
                }
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    for (int ir = 0; ir < mc; ir += MR) {
                        int mr = Math.min(MR, mc - ir), i = ic + ir;
                        if (direct && mr == MR) continue; // read in place by the kernel
                        if (ta) SgemmPack.steps(a, aOff + pc * lda + i, lda, mr, kc, ap, ir * kc, MR);
                        else SgemmPack.lines(a, aOff + i * lda + pc, lda, mr, kc, ap, ir * kc, MR);
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir), i = ic + ir, co = cOff + i * ldc + jc + jr;
                            if (direct && mr == MR) {
                                direct(ta, kc, a, ta ? aOff + pc * lda + i : aOff + i * lda + pc, lda, bp, jr * kc, nr,
                                        c, co, ldc, alpha, bet, tile);
                            } else {
                                tile(kc, ap, ir, bp, jr, nr, mr, c, co, ldc, alpha, bet, tile);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * A full-height tile with A read in place ({@link #serial}'s {@code direct} case): along its steps by
     * {@link SgemmKernelWide} with step stride lda when {@code ta}, else along its rows by {@link SgemmKernelRows}.
     */
    private static void direct(boolean ta, int kc, float[] a, int ao, int lda, float[] bp, int bo, int nr, float[] c,
                               int co, int ldc, float alpha, float beta, float[] tile) {
        if (nr == NR && beta == 0) {
            if (ta) SgemmKernelWide.kernel(kc, a, ao, lda, bp, bo, c, co, ldc, alpha);
            else SgemmKernelRows.kernel(kc, a, ao, lda, bp, bo, c, co, ldc, alpha);
        } else if (nr == NR) {
            if (ta) SgemmKernelWide.kernelAcc(kc, a, ao, lda, bp, bo, c, co, ldc, alpha, beta);
            else SgemmKernelRows.kernelAcc(kc, a, ao, lda, bp, bo, c, co, ldc, alpha, beta);
        } else {
            if (ta) SgemmKernelWide.kernel(kc, a, ao, lda, bp, bo, tile, 0, NR, 1f);
            else SgemmKernelRows.kernel(kc, a, ao, lda, bp, bo, tile, 0, NR, 1f);
            mergeTile(tile, MR, nr, c, co, ldc, alpha, beta);
        }
    }

    static void tile(int kc, float[] ap, int ir, float[] bp, int jr, int nr, int mr, float[] c, int co, int ldc,
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
        if (WIDE) SgemmKernelWide.kernel(kc, ap, ao, MR, bp, bo, c, co, ldc, alpha);
        else SgemmKernelNarrow.kernel(kc, ap, ao, bp, bo, c, co, ldc, alpha);
    }

    private static void kernelAcc(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                                  float alpha, float beta) {
        if (WIDE) SgemmKernelWide.kernelAcc(kc, ap, ao, MR, bp, bo, c, co, ldc, alpha, beta);
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
