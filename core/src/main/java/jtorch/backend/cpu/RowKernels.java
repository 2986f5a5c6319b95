package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row-into-accumulator kernels for reductions across rows ({@link Reduce}): {@code acc[q] ⊕= f(x[k + q])} for q in
 * [0, w), with {@link FloatVector#SPECIES_PREFERRED} vectors and scalar tails. ⊕ is + (f = identity, square, or
 * exp(v - m_q) with m_q read from {@code m[mo + q]}, by {@link VectorMath#exp} and its scalar twin) or NaN-propagating max / min.
 */
final class RowKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private RowKernels() {}

    static void add(float[] acc, float[] x, int k, int w) {
        int q = 0;
        for (int n = S.loopBound(w); q < n; q += L) v(acc, q).add(v(x, k + q)).intoArray(acc, q);
        for (; q < w; q++) acc[q] += x[k + q];
    }

    static void addSquares(float[] acc, float[] x, int k, int w) {
        int q = 0;
        for (int n = S.loopBound(w); q < n; q += L) { FloatVector t = v(x, k + q); t.fma(t, v(acc, q)).intoArray(acc, q); }
        for (; q < w; q++) acc[q] = Math.fma(x[k + q], x[k + q], acc[q]);
    }

    static void addExp(float[] acc, float[] x, int k, float[] m, int mo, int w) {
        int q = 0;
        for (int n = S.loopBound(w); q < n; q += L) {
            v(acc, q).add(VectorMath.exp(v(x, k + q).sub(v(m, mo + q)))).intoArray(acc, q);
        }
        for (; q < w; q++) acc[q] += ScalarMath.exp(x[k + q] - m[mo + q]);
    }

    static void extreme(boolean max, float[] acc, float[] x, int k, int w) {
        int q = 0, n = S.loopBound(w);
        if (max) {
            for (; q < n; q += L) v(acc, q).max(v(x, k + q)).intoArray(acc, q);
            for (; q < w; q++) acc[q] = Math.max(acc[q], x[k + q]);
        } else {
            for (; q < n; q += L) v(acc, q).min(v(x, k + q)).intoArray(acc, q);
            for (; q < w; q++) acc[q] = Math.min(acc[q], x[k + q]);
        }
    }

    private static FloatVector v(float[] a, int at) { return FloatVector.fromArray(S, a, at); }
}
