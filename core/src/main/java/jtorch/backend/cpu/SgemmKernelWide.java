package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGEMM micro-kernel for 16-lane (512-bit) vectors: a 12 x 32 register tile, 24 accumulators + 2 B vectors + 1
 * broadcast = 27 of the 32 zmm registers. Reads packed panels (see {@link SgemmPack}); one FMA per 16 multiply-adds.
 * <p>Every accumulator is a separate local variable (arrays of vectors box them and run ~100x slower); the body is
 * unrolled over the tile rows, so change all rows alike.
 */
final class SgemmKernelWide {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 12;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;

    private SgemmKernelWide() {}

    /**
     * C[i, j] = alpha * sum_p ap[ao + p*as + i] * bp[bo + p*NR + j] for the MR x NR tile at {@code c[co + i*ldc + j]};
     * the old C is not read (NaN does not propagate). A step stride {@code as} = MR reads a packed panel; a larger one
     * reads a transposed A in place (its steps are rows of the source, {@code as} its row stride). The stores are
     * written out inline: a store helper called per row exceeds C2's inlining node budget, and then boxes every vector.
     * <p>This and {@link #kernelAcc} are separate methods with the same loop on purpose: one kernel with a beta branch
     * gets a profile in which both stores are live once beta = 0 and beta != 0 calls mix (edge tiles, or a gradWeight
     * accumulation next to a forward product), and C2 then compiles the whole kernel about 2x slower.
     */
    static void kernel(int kc, float[] ap, int ao, int as, float[] bp, int bo, float[] c, int co, int ldc,
                       float alpha) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z, c4_0 = z, c4_1 = z, c5_0 = z, c5_1 = z;
        FloatVector c6_0 = z, c6_1 = z, c7_0 = z, c7_1 = z, c8_0 = z, c8_1 = z;
        FloatVector c9_0 = z, c9_1 = z, c10_0 = z, c10_1 = z, c11_0 = z, c11_1 = z;
        for (int p = 0; p < kc; p++, ao += as, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo), b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ao + 0]); c0_0 = a.fma(b0, c0_0); c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ao + 1]); c1_0 = a.fma(b0, c1_0); c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ao + 2]); c2_0 = a.fma(b0, c2_0); c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ao + 3]); c3_0 = a.fma(b0, c3_0); c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, ap[ao + 4]); c4_0 = a.fma(b0, c4_0); c4_1 = a.fma(b1, c4_1);
            a = FloatVector.broadcast(S, ap[ao + 5]); c5_0 = a.fma(b0, c5_0); c5_1 = a.fma(b1, c5_1);
            a = FloatVector.broadcast(S, ap[ao + 6]); c6_0 = a.fma(b0, c6_0); c6_1 = a.fma(b1, c6_1);
            a = FloatVector.broadcast(S, ap[ao + 7]); c7_0 = a.fma(b0, c7_0); c7_1 = a.fma(b1, c7_1);
            a = FloatVector.broadcast(S, ap[ao + 8]); c8_0 = a.fma(b0, c8_0); c8_1 = a.fma(b1, c8_1);
            a = FloatVector.broadcast(S, ap[ao + 9]); c9_0 = a.fma(b0, c9_0); c9_1 = a.fma(b1, c9_1);
            a = FloatVector.broadcast(S, ap[ao + 10]); c10_0 = a.fma(b0, c10_0); c10_1 = a.fma(b1, c10_1);
            a = FloatVector.broadcast(S, ap[ao + 11]); c11_0 = a.fma(b0, c11_0); c11_1 = a.fma(b1, c11_1);
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

    /** C[i, j] = alpha * sum_p ap[ao + p*as + i] * bp[bo + p*NR + j] + beta * C[i, j]; the loop is {@link #kernel}'s. */
    static void kernelAcc(int kc, float[] ap, int ao, int as, float[] bp, int bo, float[] c, int co, int ldc,
                          float alpha, float beta) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z;
        FloatVector c3_0 = z, c3_1 = z, c4_0 = z, c4_1 = z, c5_0 = z, c5_1 = z;
        FloatVector c6_0 = z, c6_1 = z, c7_0 = z, c7_1 = z, c8_0 = z, c8_1 = z;
        FloatVector c9_0 = z, c9_1 = z, c10_0 = z, c10_1 = z, c11_0 = z, c11_1 = z;
        for (int p = 0; p < kc; p++, ao += as, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo), b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ao + 0]); c0_0 = a.fma(b0, c0_0); c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ao + 1]); c1_0 = a.fma(b0, c1_0); c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ao + 2]); c2_0 = a.fma(b0, c2_0); c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ao + 3]); c3_0 = a.fma(b0, c3_0); c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, ap[ao + 4]); c4_0 = a.fma(b0, c4_0); c4_1 = a.fma(b1, c4_1);
            a = FloatVector.broadcast(S, ap[ao + 5]); c5_0 = a.fma(b0, c5_0); c5_1 = a.fma(b1, c5_1);
            a = FloatVector.broadcast(S, ap[ao + 6]); c6_0 = a.fma(b0, c6_0); c6_1 = a.fma(b1, c6_1);
            a = FloatVector.broadcast(S, ap[ao + 7]); c7_0 = a.fma(b0, c7_0); c7_1 = a.fma(b1, c7_1);
            a = FloatVector.broadcast(S, ap[ao + 8]); c8_0 = a.fma(b0, c8_0); c8_1 = a.fma(b1, c8_1);
            a = FloatVector.broadcast(S, ap[ao + 9]); c9_0 = a.fma(b0, c9_0); c9_1 = a.fma(b1, c9_1);
            a = FloatVector.broadcast(S, ap[ao + 10]); c10_0 = a.fma(b0, c10_0); c10_1 = a.fma(b1, c10_1);
            a = FloatVector.broadcast(S, ap[ao + 11]); c11_0 = a.fma(b0, c11_0); c11_1 = a.fma(b1, c11_1);
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
