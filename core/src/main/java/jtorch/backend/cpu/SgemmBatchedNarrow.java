package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels of {@link SgemmBatched} for vectors of up to 8 lanes (AVX2): an MR × NR tile (MR = 4, NR = 2 vectors: 8 accumulators)
 * of C = alpha · Σ_p A(i, p) · B(p, j) (+ beta · C for the {@code Acc} forms, C not read otherwise), B from a packed
 * panel {@code bp[bo + p·NR + j]}. A is read in place from rows of unit stride ({@code N}: A(i, p) =
 * {@code a[ao + i·lda + p]}) or from columns of unit stride ({@code T}: A(i, p) = {@code a[ao + p·lda + i]}, A transposed). B is indexed
 * with a constant stride, so C2 hoists its (vector) bounds checks; A's scalar checks that remain in the T form are
 * cheap next to the FMAs. As in {@link SgemmKernelWide}, every accumulator is
 * its own local variable, and the beta = 0 and beta ≠ 0 stores are separate methods (a mixed profile makes C2
 * compile the loop much slower). Each row's sum runs p = 0, 1, … in order: the same bits in every form.
 */
final class SgemmBatchedNarrow {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 4;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;

    private SgemmBatchedNarrow() {}

    static void kernelN(int k, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc, float alpha) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z, c3_0 = z, c3_1 = z;
        int a0 = ao, a1 = ao + lda, a2 = ao + 2 * lda, a3 = ao + 3 * lda;
        for (int p = 0; p < k; p++, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo), b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]); c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(S, a[a1 + p]); c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(S, a[a2 + p]); c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(S, a[a3 + p]); c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1);
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

    static void kernelAccN(int k, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc, float alpha, float beta) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z, c3_0 = z, c3_1 = z;
        int a0 = ao, a1 = ao + lda, a2 = ao + 2 * lda, a3 = ao + 3 * lda;
        for (int p = 0; p < k; p++, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo), b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]); c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(S, a[a1 + p]); c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(S, a[a2 + p]); c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(S, a[a3 + p]); c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1);
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

    static void kernelT(int k, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc, float alpha) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z, c3_0 = z, c3_1 = z;
        for (int p = 0; p < k; p++, ao += lda, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo), b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ao + 0]); c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(S, a[ao + 1]); c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(S, a[ao + 2]); c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(S, a[ao + 3]); c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1);
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

    static void kernelAccT(int k, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc, float alpha, float beta) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0_0 = z, c0_1 = z, c1_0 = z, c1_1 = z, c2_0 = z, c2_1 = z, c3_0 = z, c3_1 = z;
        for (int p = 0; p < k; p++, ao += lda, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo), b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ao + 0]); c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(S, a[ao + 1]); c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(S, a[ao + 2]); c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(S, a[ao + 3]); c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1);
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
