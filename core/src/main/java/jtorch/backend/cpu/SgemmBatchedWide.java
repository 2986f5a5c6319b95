package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels of {@link SgemmBatched} for 16-lane vectors: an MR × NR tile (MR = 8, NR = 2 vectors: 16 accumulators)
 * of C = alpha · Σ_p A(i, p) · B(p, j) (+ beta · C for the {@code Acc} forms, C not read otherwise), B from a packed
 * panel {@code bp[bo + p·NR + j]}. A is read in place from rows of unit stride ({@code N}: A(i, p) =
 * {@code a[ao + i·lda + p]}) or from columns of unit stride ({@code T}: A(i, p) = {@code a[ao + p·lda + i]}, A transposed). B is indexed
 * with a constant stride, so C2 hoists its (vector) bounds checks; A's scalar checks that remain in the T form are
 * cheap next to the FMAs. As in {@link SgemmKernelWide}, every accumulator is
 * its own local variable, and the beta = 0 and beta ≠ 0 stores are separate methods (a mixed profile makes C2
 * compile the loop much slower). Each row's sum runs p = 0, 1, … in order: the same bits in every form.
 */
final class SgemmBatchedWide {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 8;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;

    private SgemmBatchedWide() {}

    static void kernelN(int k, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc, float alpha) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z, c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z, c5_0 = z, c5_1 = z, c6_0 = z, c6_1 = z, c7_0 = z, c7_1 = z;
        int a0 = ao, a1 = ao + lda, a2 = ao + 2 * lda, a3 = ao + 3 * lda, a4 = ao + 4 * lda, a5 = ao + 5 * lda, a6 = ao + 6 * lda, a7 = ao + 7 * lda;
        for (int p = 0; p < k; p++, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo), b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]); c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(S, a[a1 + p]); c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(S, a[a2 + p]); c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(S, a[a3 + p]); c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1);
            x = FloatVector.broadcast(S, a[a4 + p]); c4_0 = x.fma(b0, c4_0); c4_1 = x.fma(b1, c4_1);
            x = FloatVector.broadcast(S, a[a5 + p]); c5_0 = x.fma(b0, c5_0); c5_1 = x.fma(b1, c5_1);
            x = FloatVector.broadcast(S, a[a6 + p]); c6_0 = x.fma(b0, c6_0); c6_1 = x.fma(b1, c6_1);
            x = FloatVector.broadcast(S, a[a7 + p]); c7_0 = x.fma(b0, c7_0); c7_1 = x.fma(b1, c7_1);
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
    }

    static void kernelAccN(int k, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc, float alpha, float beta) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z, c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z, c5_0 = z, c5_1 = z, c6_0 = z, c6_1 = z, c7_0 = z, c7_1 = z;
        int a0 = ao, a1 = ao + lda, a2 = ao + 2 * lda, a3 = ao + 3 * lda, a4 = ao + 4 * lda, a5 = ao + 5 * lda, a6 = ao + 6 * lda, a7 = ao + 7 * lda;
        for (int p = 0; p < k; p++, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo), b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]); c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(S, a[a1 + p]); c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(S, a[a2 + p]); c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(S, a[a3 + p]); c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1);
            x = FloatVector.broadcast(S, a[a4 + p]); c4_0 = x.fma(b0, c4_0); c4_1 = x.fma(b1, c4_1);
            x = FloatVector.broadcast(S, a[a5 + p]); c5_0 = x.fma(b0, c5_0); c5_1 = x.fma(b1, c5_1);
            x = FloatVector.broadcast(S, a[a6 + p]); c6_0 = x.fma(b0, c6_0); c6_1 = x.fma(b1, c6_1);
            x = FloatVector.broadcast(S, a[a7 + p]); c7_0 = x.fma(b0, c7_0); c7_1 = x.fma(b1, c7_1);
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
    }

    static void kernelT(int k, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc, float alpha) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z, c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z, c5_0 = z, c5_1 = z, c6_0 = z, c6_1 = z, c7_0 = z, c7_1 = z;
        for (int p = 0; p < k; p++, ao += lda, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo), b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ao + 0]); c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(S, a[ao + 1]); c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(S, a[ao + 2]); c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(S, a[ao + 3]); c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1);
            x = FloatVector.broadcast(S, a[ao + 4]); c4_0 = x.fma(b0, c4_0); c4_1 = x.fma(b1, c4_1);
            x = FloatVector.broadcast(S, a[ao + 5]); c5_0 = x.fma(b0, c5_0); c5_1 = x.fma(b1, c5_1);
            x = FloatVector.broadcast(S, a[ao + 6]); c6_0 = x.fma(b0, c6_0); c6_1 = x.fma(b1, c6_1);
            x = FloatVector.broadcast(S, a[ao + 7]); c7_0 = x.fma(b0, c7_0); c7_1 = x.fma(b1, c7_1);
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
    }

    static void kernelAccT(int k, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc, float alpha, float beta) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z, c3_0 = z, c3_1 = z;
        FloatVector c4_0 = z, c4_1 = z, c5_0 = z, c5_1 = z, c6_0 = z, c6_1 = z, c7_0 = z, c7_1 = z;
        for (int p = 0; p < k; p++, ao += lda, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo), b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ao + 0]); c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(S, a[ao + 1]); c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(S, a[ao + 2]); c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(S, a[ao + 3]); c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1);
            x = FloatVector.broadcast(S, a[ao + 4]); c4_0 = x.fma(b0, c4_0); c4_1 = x.fma(b1, c4_1);
            x = FloatVector.broadcast(S, a[ao + 5]); c5_0 = x.fma(b0, c5_0); c5_1 = x.fma(b1, c5_1);
            x = FloatVector.broadcast(S, a[ao + 6]); c6_0 = x.fma(b0, c6_0); c6_1 = x.fma(b1, c6_1);
            x = FloatVector.broadcast(S, a[ao + 7]); c7_0 = x.fma(b0, c7_0); c7_1 = x.fma(b1, c7_1);
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
    }
}
