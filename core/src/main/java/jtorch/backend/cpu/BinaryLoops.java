package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector loops of {@link BinaryKernels#run}, one small method per operation over the first n elements (n a
 * multiple of the vector length): {@code o[oo+i] = op(x[xo+i], y[yo+i])}. As {@link UnaryLoops}: each loop in a method
 * of its own, so that C2's node budget for the dispatching switch cannot leave some operations with boxed vectors; the
 * operations are those the switch ran inline, so the bits are unchanged.
 */
final class BinaryLoops {
    private static final VectorSpecies<Float> S = BinaryKernels.S;
    private static final int L = S.length();

    private BinaryLoops() {}

    private static FloatVector v(float[] a, int at) { return FloatVector.fromArray(S, a, at); }

    static void add(float[] o, int oo, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).add(v(y, yo + i)).intoArray(o, oo + i);
    }

    static void sub(float[] o, int oo, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).sub(v(y, yo + i)).intoArray(o, oo + i);
    }

    /** x + al · y as one fused multiply-add per element. */
    static void fma(float[] o, int oo, float[] x, int xo, float[] y, int yo, int n, float al) {
        FloatVector av = FloatVector.broadcast(S, al);
        for (int i = 0; i < n; i += L) v(y, yo + i).fma(av, v(x, xo + i)).intoArray(o, oo + i);
    }

    static void mul(float[] o, int oo, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).mul(v(y, yo + i)).intoArray(o, oo + i);
    }

    static void div(float[] o, int oo, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).div(v(y, yo + i)).intoArray(o, oo + i);
    }

    static void max(float[] o, int oo, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).max(v(y, yo + i)).intoArray(o, oo + i);
    }

    static void min(float[] o, int oo, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).min(v(y, yo + i)).intoArray(o, oo + i);
    }

    // comparisons: 1 where x op y, else 0; one method each, so that the operator is a constant C2 can intrinsify
    static void eq(float[] o, int oo, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.EQ, v(y, yo + i))).intoArray(o, oo + i);
    }

    static void ne(float[] o, int oo, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.NE, v(y, yo + i))).intoArray(o, oo + i);
    }

    static void lt(float[] o, int oo, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.LT, v(y, yo + i))).intoArray(o, oo + i);
    }

    static void le(float[] o, int oo, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.LE, v(y, yo + i))).intoArray(o, oo + i);
    }

    static void gt(float[] o, int oo, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.GT, v(y, yo + i))).intoArray(o, oo + i);
    }

    static void ge(float[] o, int oo, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.GE, v(y, yo + i))).intoArray(o, oo + i);
    }
}
