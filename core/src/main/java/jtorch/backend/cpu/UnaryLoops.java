package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector loops of {@link UnaryKernels#run}, one small method per operation over the first n elements (n a multiple
 * of the vector length): {@code o[oo+i] = op(x[xo+i], a)}. Each loop lives in a method of its own so that C2 compiles
 * it on its own: written inline in one big switch, the loops of a process that uses many operations exhausted C2's
 * node budget for that method, and the operations it compiled last ran with boxed vectors (measured: MUL and ADD
 * 6 ns/element after a mix of eight operations, 0.8 ns alone). The operations and their order are those of the
 * switch, so the bits are unchanged.
 */
final class UnaryLoops {
    private static final VectorSpecies<Float> S = UnaryKernels.S;
    private static final int L = S.length();

    private UnaryLoops() {}

    private static FloatVector v(float[] x, int at) { return FloatVector.fromArray(S, x, at); }

    static void neg(float[] o, int oo, float[] x, int xo, int n) { for (int i = 0; i < n; i += L) v(x, xo + i).neg().intoArray(o, oo + i); }

    static void abs(float[] o, int oo, float[] x, int xo, int n) { for (int i = 0; i < n; i += L) v(x, xo + i).abs().intoArray(o, oo + i); }

    static void sqrt(float[] o, int oo, float[] x, int xo, int n) { for (int i = 0; i < n; i += L) v(x, xo + i).sqrt().intoArray(o, oo + i); }

    static void relu(float[] o, int oo, float[] x, int xo, int n) {
        FloatVector zero = FloatVector.zero(S);
        for (int i = 0; i < n; i += L) { FloatVector t = v(x, xo + i); t.blend(zero, t.compare(VectorOperators.LE, zero)).intoArray(o, oo + i); }
    }

    static void square(float[] o, int oo, float[] x, int xo, int n) {
        for (int i = 0; i < n; i += L) { FloatVector t = v(x, xo + i); t.mul(t).intoArray(o, oo + i); }
    }

    static void reciprocal(float[] o, int oo, float[] x, int xo, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) one.div(v(x, xo + i)).intoArray(o, oo + i);
    }

    static void sign(float[] o, int oo, float[] x, int xo, int n) {
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f), m1 = one.neg();
        for (int i = 0; i < n; i += L) {
            FloatVector t = v(x, xo + i);
            t.blend(one, t.compare(VectorOperators.GT, zero)).blend(m1, t.compare(VectorOperators.LT, zero)).intoArray(o, oo + i);
        }
    }

    static void add(float[] o, int oo, float[] x, int xo, int n, float a) {
        FloatVector av = FloatVector.broadcast(S, a);
        for (int i = 0; i < n; i += L) v(x, xo + i).add(av).intoArray(o, oo + i);
    }

    static void mul(float[] o, int oo, float[] x, int xo, int n, float a) {
        FloatVector av = FloatVector.broadcast(S, a);
        for (int i = 0; i < n; i += L) v(x, xo + i).mul(av).intoArray(o, oo + i);
    }

    static void div(float[] o, int oo, float[] x, int xo, int n, float a) {
        FloatVector av = FloatVector.broadcast(S, a);
        for (int i = 0; i < n; i += L) v(x, xo + i).div(av).intoArray(o, oo + i);
    }

    static void rsub(float[] o, int oo, float[] x, int xo, int n, float a) {
        FloatVector av = FloatVector.broadcast(S, a);
        for (int i = 0; i < n; i += L) av.sub(v(x, xo + i)).intoArray(o, oo + i);
    }

    static void rdiv(float[] o, int oo, float[] x, int xo, int n, float a) {
        FloatVector av = FloatVector.broadcast(S, a);
        for (int i = 0; i < n; i += L) av.div(v(x, xo + i)).intoArray(o, oo + i);
    }

    static void clamp(float[] o, int oo, float[] x, int xo, int n, float a, float b) {
        FloatVector av = FloatVector.broadcast(S, a), bv = FloatVector.broadcast(S, b);
        for (int i = 0; i < n; i += L) {
            FloatVector t = v(x, xo + i);
            t.blend(bv, t.compare(VectorOperators.GT, bv)).blend(av, t.compare(VectorOperators.LT, av)).intoArray(o, oo + i);
        }
    }

    // comparisons: 1 where x op a, else 0; one method each, so that the operator is a constant C2 can intrinsify
    static void eq(float[] o, int oo, float[] x, int xo, int n, float a) {
        FloatVector av = FloatVector.broadcast(S, a), zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.EQ, av)).intoArray(o, oo + i);
    }

    static void ne(float[] o, int oo, float[] x, int xo, int n, float a) {
        FloatVector av = FloatVector.broadcast(S, a), zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.NE, av)).intoArray(o, oo + i);
    }

    static void lt(float[] o, int oo, float[] x, int xo, int n, float a) {
        FloatVector av = FloatVector.broadcast(S, a), zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.LT, av)).intoArray(o, oo + i);
    }

    static void le(float[] o, int oo, float[] x, int xo, int n, float a) {
        FloatVector av = FloatVector.broadcast(S, a), zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.LE, av)).intoArray(o, oo + i);
    }

    static void gt(float[] o, int oo, float[] x, int xo, int n, float a) {
        FloatVector av = FloatVector.broadcast(S, a), zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.GT, av)).intoArray(o, oo + i);
    }

    static void ge(float[] o, int oo, float[] x, int xo, int n, float a) {
        FloatVector av = FloatVector.broadcast(S, a), zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.GE, av)).intoArray(o, oo + i);
    }
}
