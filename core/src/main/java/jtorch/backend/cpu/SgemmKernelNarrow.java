package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGEMM micro-kernel for vectors of up to 8 lanes (256-bit and narrower): an MR x (2 vectors) register tile sized to fit
 * the 16 registers of AVX2: 8 accumulators + 2 B vectors + 1 broadcast. Measured with -XX:UseAVX=2 on Zen 4 (kernel
 * alone, data in L1): 4x16 ~100 GFLOP/s, 8x16 ~63, 6x16 ~45 (C2 spills accumulators).
 * <p>Every accumulator is a separate local variable (arrays of vectors box them and run ~100x slower); the body is
 * unrolled over the tile rows, so change all rows alike.
 */
final class SgemmKernelNarrow {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 4;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;

    private SgemmKernelNarrow() {}

    /**
     * C[i, j] = alpha * sum_p ap[ao + p*MR + i] * bp[bo + p*NR + j] for the MR x NR tile at {@code c[co + i*ldc + j]};
     * the old C is not read (NaN does not propagate). The stores are written out inline: a store helper called per row
     * exceeds C2's inlining node budget, and then boxes every vector.
     * <p>This and {@link #kernelAcc} are separate methods with the same loop on purpose: one kernel with a beta branch
     * gets a profile in which both stores are live once beta = 0 and beta != 0 calls mix (edge tiles, or a gradWeight
     * accumulation next to a forward product), and C2 then compiles the whole kernel about 2x slower.
     */
    static void kernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, float alpha) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        for (int p = 0; p < kc; p++, ao += MR, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo), b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ao + 0]); c0_0 = a.fma(b0, c0_0); c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ao + 1]); c1_0 = a.fma(b0, c1_0); c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ao + 2]); c2_0 = a.fma(b0, c2_0); c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ao + 3]); c3_0 = a.fma(b0, c3_0); c3_1 = a.fma(b1, c3_1);
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
    }

    /** C[i, j] = alpha * sum_p ap[ao + p*MR + i] * bp[bo + p*NR + j] + beta * C[i, j]; the loop is {@link #kernel}'s. */
    static void kernelAcc(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, float alpha,
                          float beta) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z;
        for (int p = 0; p < kc; p++, ao += MR, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo), b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ao + 0]); c0_0 = a.fma(b0, c0_0); c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ao + 1]); c1_0 = a.fma(b0, c1_0); c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ao + 2]); c2_0 = a.fma(b0, c2_0); c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ao + 3]); c3_0 = a.fma(b0, c3_0); c3_1 = a.fma(b1, c3_1);
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
    }
}
