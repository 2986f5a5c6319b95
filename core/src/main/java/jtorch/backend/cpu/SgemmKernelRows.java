package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SgemmKernelWide}'s 12 x 32 register tile with A read in place from its rows instead of a packed panel: row i
 * of the tile is {@code x[ao + i*lda + p]} for p in [0, kc) (A row-major, rows contiguous along k). The 12 row
 * streams are read in step order, so each A cache line is loaded once per tile and stays in L1 for its next 15
 * steps; packing A (a scalar transpose, ~0.5 ns per element) is skipped, which is most of the packing cost when few
 * column panels share each A panel (n = 128: 768 x 128 x 512 went from ~90 to ~106 GFLOP/s, 1 thread, Zen 4).
 * <p>The multiply-adds are {@link SgemmKernelWide}'s, in the same order, so the bits equal the packed path's. Every
 * accumulator is a separate local variable and the body is unrolled over the rows (change all rows alike);
 * {@link #kernel} and {@link #kernelAcc} are separate methods for the reason {@link SgemmKernelWide#kernel} gives.
 */
final class SgemmKernelRows {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = SgemmKernelWide.MR;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;

    private SgemmKernelRows() {}

    /** C[i, j] = alpha * sum_p x[ao + i*lda + p] * bp[bo + p*NR + j] for the tile at {@code c[co + i*ldc + j]}. */
    static void kernel(int kc, float[] x, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc,
                       float alpha) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z, c4_0 = z, c4_1 = z, c5_0 = z, c5_1 = z;
        FloatVector c6_0 = z, c6_1 = z, c7_0 = z, c7_1 = z, c8_0 = z, c8_1 = z;
        FloatVector c9_0 = z, c9_1 = z, c10_0 = z, c10_1 = z, c11_0 = z, c11_1 = z;
        int r0 = ao, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda;
        int r6 = r5 + lda, r7 = r6 + lda, r8 = r7 + lda, r9 = r8 + lda, r10 = r9 + lda, r11 = r10 + lda;
        for (int p = 0; p < kc; p++, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo), b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a;
            a = FloatVector.broadcast(S, x[r0 + p]); c0_0 = a.fma(b0, c0_0); c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, x[r1 + p]); c1_0 = a.fma(b0, c1_0); c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, x[r2 + p]); c2_0 = a.fma(b0, c2_0); c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, x[r3 + p]); c3_0 = a.fma(b0, c3_0); c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, x[r4 + p]); c4_0 = a.fma(b0, c4_0); c4_1 = a.fma(b1, c4_1);
            a = FloatVector.broadcast(S, x[r5 + p]); c5_0 = a.fma(b0, c5_0); c5_1 = a.fma(b1, c5_1);
            a = FloatVector.broadcast(S, x[r6 + p]); c6_0 = a.fma(b0, c6_0); c6_1 = a.fma(b1, c6_1);
            a = FloatVector.broadcast(S, x[r7 + p]); c7_0 = a.fma(b0, c7_0); c7_1 = a.fma(b1, c7_1);
            a = FloatVector.broadcast(S, x[r8 + p]); c8_0 = a.fma(b0, c8_0); c8_1 = a.fma(b1, c8_1);
            a = FloatVector.broadcast(S, x[r9 + p]); c9_0 = a.fma(b0, c9_0); c9_1 = a.fma(b1, c9_1);
            a = FloatVector.broadcast(S, x[r10 + p]); c10_0 = a.fma(b0, c10_0); c10_1 = a.fma(b1, c10_1);
            a = FloatVector.broadcast(S, x[r11 + p]); c11_0 = a.fma(b0, c11_0); c11_1 = a.fma(b1, c11_1);
        }
        FloatVector al = FloatVector.broadcast(S, alpha);
        c0_0.mul(al).intoArray(c, co);
        c0_1.mul(al).intoArray(c, co + L);
        c1_0.mul(al).intoArray(c, co + ldc);
        c1_1.mul(al).intoArray(c, co + ldc + L);
        c2_0.mul(al).intoArray(c, co + 2 * ldc);
        c2_1.mul(al).intoArray(c, co + 2 * ldc + L);
        c3_0.mul(al).intoArray(c, co + 3 * ldc);
        c3_1.mul(al).intoArray(c, co + 3 * ldc + L);
        c4_0.mul(al).intoArray(c, co + 4 * ldc);
        c4_1.mul(al).intoArray(c, co + 4 * ldc + L);
        c5_0.mul(al).intoArray(c, co + 5 * ldc);
        c5_1.mul(al).intoArray(c, co + 5 * ldc + L);
        c6_0.mul(al).intoArray(c, co + 6 * ldc);
        c6_1.mul(al).intoArray(c, co + 6 * ldc + L);
        c7_0.mul(al).intoArray(c, co + 7 * ldc);
        c7_1.mul(al).intoArray(c, co + 7 * ldc + L);
        c8_0.mul(al).intoArray(c, co + 8 * ldc);
        c8_1.mul(al).intoArray(c, co + 8 * ldc + L);
        c9_0.mul(al).intoArray(c, co + 9 * ldc);
        c9_1.mul(al).intoArray(c, co + 9 * ldc + L);
        c10_0.mul(al).intoArray(c, co + 10 * ldc);
        c10_1.mul(al).intoArray(c, co + 10 * ldc + L);
        c11_0.mul(al).intoArray(c, co + 11 * ldc);
        c11_1.mul(al).intoArray(c, co + 11 * ldc + L);
    }

    /** Like {@link #kernel}, plus beta * C[i, j] (the old C is read). */
    static void kernelAcc(int kc, float[] x, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc,
                          float alpha, float beta) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z, c4_0 = z, c4_1 = z, c5_0 = z, c5_1 = z;
        FloatVector c6_0 = z, c6_1 = z, c7_0 = z, c7_1 = z, c8_0 = z, c8_1 = z;
        FloatVector c9_0 = z, c9_1 = z, c10_0 = z, c10_1 = z, c11_0 = z, c11_1 = z;
        int r0 = ao, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda;
        int r6 = r5 + lda, r7 = r6 + lda, r8 = r7 + lda, r9 = r8 + lda, r10 = r9 + lda, r11 = r10 + lda;
        for (int p = 0; p < kc; p++, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo), b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a;
            a = FloatVector.broadcast(S, x[r0 + p]); c0_0 = a.fma(b0, c0_0); c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, x[r1 + p]); c1_0 = a.fma(b0, c1_0); c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, x[r2 + p]); c2_0 = a.fma(b0, c2_0); c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, x[r3 + p]); c3_0 = a.fma(b0, c3_0); c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, x[r4 + p]); c4_0 = a.fma(b0, c4_0); c4_1 = a.fma(b1, c4_1);
            a = FloatVector.broadcast(S, x[r5 + p]); c5_0 = a.fma(b0, c5_0); c5_1 = a.fma(b1, c5_1);
            a = FloatVector.broadcast(S, x[r6 + p]); c6_0 = a.fma(b0, c6_0); c6_1 = a.fma(b1, c6_1);
            a = FloatVector.broadcast(S, x[r7 + p]); c7_0 = a.fma(b0, c7_0); c7_1 = a.fma(b1, c7_1);
            a = FloatVector.broadcast(S, x[r8 + p]); c8_0 = a.fma(b0, c8_0); c8_1 = a.fma(b1, c8_1);
            a = FloatVector.broadcast(S, x[r9 + p]); c9_0 = a.fma(b0, c9_0); c9_1 = a.fma(b1, c9_1);
            a = FloatVector.broadcast(S, x[r10 + p]); c10_0 = a.fma(b0, c10_0); c10_1 = a.fma(b1, c10_1);
            a = FloatVector.broadcast(S, x[r11 + p]); c11_0 = a.fma(b0, c11_0); c11_1 = a.fma(b1, c11_1);
        }
        FloatVector al = FloatVector.broadcast(S, alpha);
        FloatVector be = FloatVector.broadcast(S, beta);
        c0_0.mul(al).add(FloatVector.fromArray(S, c, co).mul(be)).intoArray(c, co);
        c0_1.mul(al).add(FloatVector.fromArray(S, c, co + L).mul(be)).intoArray(c, co + L);
        c1_0.mul(al).add(FloatVector.fromArray(S, c, co + ldc).mul(be)).intoArray(c, co + ldc);
        c1_1.mul(al).add(FloatVector.fromArray(S, c, co + ldc + L).mul(be)).intoArray(c, co + ldc + L);
        c2_0.mul(al).add(FloatVector.fromArray(S, c, co + 2 * ldc).mul(be)).intoArray(c, co + 2 * ldc);
        c2_1.mul(al).add(FloatVector.fromArray(S, c, co + 2 * ldc + L).mul(be)).intoArray(c, co + 2 * ldc + L);
        c3_0.mul(al).add(FloatVector.fromArray(S, c, co + 3 * ldc).mul(be)).intoArray(c, co + 3 * ldc);
        c3_1.mul(al).add(FloatVector.fromArray(S, c, co + 3 * ldc + L).mul(be)).intoArray(c, co + 3 * ldc + L);
        c4_0.mul(al).add(FloatVector.fromArray(S, c, co + 4 * ldc).mul(be)).intoArray(c, co + 4 * ldc);
        c4_1.mul(al).add(FloatVector.fromArray(S, c, co + 4 * ldc + L).mul(be)).intoArray(c, co + 4 * ldc + L);
        c5_0.mul(al).add(FloatVector.fromArray(S, c, co + 5 * ldc).mul(be)).intoArray(c, co + 5 * ldc);
        c5_1.mul(al).add(FloatVector.fromArray(S, c, co + 5 * ldc + L).mul(be)).intoArray(c, co + 5 * ldc + L);
        c6_0.mul(al).add(FloatVector.fromArray(S, c, co + 6 * ldc).mul(be)).intoArray(c, co + 6 * ldc);
        c6_1.mul(al).add(FloatVector.fromArray(S, c, co + 6 * ldc + L).mul(be)).intoArray(c, co + 6 * ldc + L);
        c7_0.mul(al).add(FloatVector.fromArray(S, c, co + 7 * ldc).mul(be)).intoArray(c, co + 7 * ldc);
        c7_1.mul(al).add(FloatVector.fromArray(S, c, co + 7 * ldc + L).mul(be)).intoArray(c, co + 7 * ldc + L);
        c8_0.mul(al).add(FloatVector.fromArray(S, c, co + 8 * ldc).mul(be)).intoArray(c, co + 8 * ldc);
        c8_1.mul(al).add(FloatVector.fromArray(S, c, co + 8 * ldc + L).mul(be)).intoArray(c, co + 8 * ldc + L);
        c9_0.mul(al).add(FloatVector.fromArray(S, c, co + 9 * ldc).mul(be)).intoArray(c, co + 9 * ldc);
        c9_1.mul(al).add(FloatVector.fromArray(S, c, co + 9 * ldc + L).mul(be)).intoArray(c, co + 9 * ldc + L);
        c10_0.mul(al).add(FloatVector.fromArray(S, c, co + 10 * ldc).mul(be)).intoArray(c, co + 10 * ldc);
        c10_1.mul(al).add(FloatVector.fromArray(S, c, co + 10 * ldc + L).mul(be)).intoArray(c, co + 10 * ldc + L);
        c11_0.mul(al).add(FloatVector.fromArray(S, c, co + 11 * ldc).mul(be)).intoArray(c, co + 11 * ldc);
        c11_1.mul(al).add(FloatVector.fromArray(S, c, co + 11 * ldc + L).mul(be)).intoArray(c, co + 11 * ldc + L);
    }
}
