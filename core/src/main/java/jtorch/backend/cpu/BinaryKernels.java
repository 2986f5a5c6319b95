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
        switch (op) { // each loop is a method of its own (BinaryLoops: C2's node budget)
            case ADD, SUB -> {
                float al = op == BinaryOp.SUB ? -alpha : alpha;
                if (al == 1f) BinaryLoops.add(o, oo, x, xo, y, yo, n);
                else if (al == -1f) BinaryLoops.sub(o, oo, x, xo, y, yo, n);
                else BinaryLoops.fma(o, oo, x, xo, y, yo, n, al);
                for (i = n; i < len; i++) o[oo + i] = Math.fma(y[yo + i], al, x[xo + i]);
                return;
            }
            case MUL -> { BinaryLoops.mul(o, oo, x, xo, y, yo, n); i = n; }
            case DIV -> { BinaryLoops.div(o, oo, x, xo, y, yo, n); i = n; }
            case POW -> { } // scalar: StrictMath.pow
            case MAX -> { BinaryLoops.max(o, oo, x, xo, y, yo, n); i = n; }
            case MIN -> { BinaryLoops.min(o, oo, x, xo, y, yo, n); i = n; }
            case EQ -> { BinaryLoops.eq(o, oo, x, xo, y, yo, n); i = n; }
            case NE -> { BinaryLoops.ne(o, oo, x, xo, y, yo, n); i = n; }
            case LT -> { BinaryLoops.lt(o, oo, x, xo, y, yo, n); i = n; }
            case LE -> { BinaryLoops.le(o, oo, x, xo, y, yo, n); i = n; }
            case GT -> { BinaryLoops.gt(o, oo, x, xo, y, yo, n); i = n; }
            case GE -> { BinaryLoops.ge(o, oo, x, xo, y, yo, n); i = n; }
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
