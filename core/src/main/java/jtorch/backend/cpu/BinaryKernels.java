package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jtorch.backend.BinaryOp;

/**
 * Contiguous F32 kernels for every {@link BinaryOp} and for {@code where}: {@code o[oo+i] = op(x[xo+i], y[yo+i], alpha)}
 * for i in [0, len), with {@link FloatVector#SPECIES_PREFERRED} vectors and a scalar tail; {@code o} may be x or y at
 * the same offset. ADD/SUB with alpha ≠ 1 use one fused multiply-add (x ± alpha·y rounded once, alpha rounded to F32);
 * POW is scalar, {@code (float) StrictMath.pow} in double (the JDK's vector pow gives different bits interpreted and
 * compiled); the scalar tail {@link #one} computes each vector formula operation for operation; MAX/MIN propagate
 * NaN as {@link Math#max}; comparisons give exactly 0 or 1.
 */
final class BinaryKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private BinaryKernels() {}

    /** o[oo+i] = op(x[xo+i], y[yo+i], alpha) for i in [0, len). */
    static void run(BinaryOp op, double alphaD, float[] o, int oo, float[] x, int xo, float[] y, int yo, int len) {
        float alpha = (float) alphaD;
        int n = S.loopBound(len), i = 0;
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        switch (op) {
            case ADD, SUB -> {
                float al = op == BinaryOp.SUB ? -alpha : alpha;
                if (al == 1f) { for (; i < n; i += L) v(x, xo + i).add(v(y, yo + i)).intoArray(o, oo + i); }
                else if (al == -1f) { for (; i < n; i += L) v(x, xo + i).sub(v(y, yo + i)).intoArray(o, oo + i); }
                else {
                    FloatVector av = FloatVector.broadcast(S, al);
                    for (; i < n; i += L) v(y, yo + i).fma(av, v(x, xo + i)).intoArray(o, oo + i);
                }
                for (; i < len; i++) o[oo + i] = Math.fma(y[yo + i], al, x[xo + i]);
                return;
            }
            case MUL -> { for (; i < n; i += L) v(x, xo + i).mul(v(y, yo + i)).intoArray(o, oo + i); }
            case DIV -> { for (; i < n; i += L) v(x, xo + i).div(v(y, yo + i)).intoArray(o, oo + i); }
            case POW -> { } // scalar: StrictMath.pow
            case MAX -> { for (; i < n; i += L) v(x, xo + i).max(v(y, yo + i)).intoArray(o, oo + i); }
            case MIN -> { for (; i < n; i += L) v(x, xo + i).min(v(y, yo + i)).intoArray(o, oo + i); }
            case EQ -> { for (; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.EQ, v(y, yo + i))).intoArray(o, oo + i); }
            case NE -> { for (; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.NE, v(y, yo + i))).intoArray(o, oo + i); }
            case LT -> { for (; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.LT, v(y, yo + i))).intoArray(o, oo + i); }
            case LE -> { for (; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.LE, v(y, yo + i))).intoArray(o, oo + i); }
            case GT -> { for (; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.GT, v(y, yo + i))).intoArray(o, oo + i); }
            case GE -> { for (; i < n; i += L) zero.blend(one, v(x, xo + i).compare(VectorOperators.GE, v(y, yo + i))).intoArray(o, oo + i); }
        }
        for (; i < len; i++) o[oo + i] = one(op, x[xo + i], y[yo + i]);
    }

    /** The vector kernels' formula for one element (every op but ADD / SUB, whose tail is inline above). */
    static float one(BinaryOp op, float x, float y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case POW -> (float) StrictMath.pow(x, y);
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
            case EQ -> x == y ? 1f : 0f;
            case NE -> x != y ? 1f : 0f;
            case LT -> x < y ? 1f : 0f;
            case LE -> x <= y ? 1f : 0f;
            case GT -> x > y ? 1f : 0f;
            case GE -> x >= y ? 1f : 0f;
        };
    }

    /** o[oo+i] = c[co+i] != 0 ? x[xo+i] : y[yo+i] for i in [0, len) (NaN counts as true). */
    static void where(float[] o, int oo, float[] c, int co, float[] x, int xo, float[] y, int yo, int len) {
        int n = S.loopBound(len), i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (; i < n; i += L) {
            v(x, xo + i).blend(v(y, yo + i), v(c, co + i).compare(VectorOperators.EQ, zero)).intoArray(o, oo + i);
        }
        for (; i < len; i++) o[oo + i] = c[co + i] != 0 ? x[xo + i] : y[yo + i];
    }

    private static FloatVector v(float[] a, int at) { return FloatVector.fromArray(S, a, at); }
}
