package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jtorch.backend.UnaryOp;

/**
 * Contiguous F32 kernels for every {@link UnaryOp}: {@code o[oo+i] = op(x[xo+i], a, b)} for i in [0, len), with
 * {@link FloatVector#SPECIES_PREFERRED} vectors and a scalar tail. {@code o} may be {@code x} at the same offset.
 * <p>Precision against the double definition {@link UnaryOp#apply}: NEG, ABS, SQUARE, SQRT, RECIPROCAL, SIGN, RELU,
 * CLAMP and the comparisons are exact; ADD, MUL, DIV, RSUB, RDIV round once more when {@code a} is not an F32 value
 * (≤ 1 ulp); EXP, LOG, TANH, POW, RPOW use the JDK's vector math (SVML on x86: measured ≤ 1 ulp for exp/tanh);
 * SIGMOID = 1 / (1 + exp(-x)) (≤ 3 ulp). Comparisons and CLAMP need {@code a}, {@code b} exactly representable in F32
 * to be exact, so {@link #vectorizes} says no otherwise and the caller runs the scalar double definition.
 */
final class UnaryKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private UnaryKernels() {}

    /** Whether {@link #run} matches the definition for these scalar arguments (see the class comment). */
    static boolean vectorizes(UnaryOp op, double a, double b) {
        return switch (op) {
            case EQ, NE, LT, LE, GT, GE -> (float) a == a || Double.isNaN(a);
            case CLAMP -> ((float) a == a || Double.isNaN(a)) && ((float) b == b || Double.isNaN(b));
            default -> true;
        };
    }

    /** o[oo+i] = op(x[xo+i], a, b) for i in [0, len). */
    static void run(UnaryOp op, double ad, double bd, float[] o, int oo, float[] x, int xo, int len) {
        float a = (float) ad, b = (float) bd;
        int n = S.loopBound(len), i = 0;
        FloatVector av = FloatVector.broadcast(S, a), bv = FloatVector.broadcast(S, b);
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        switch (op) {
            case NEG -> { for (; i < n; i += L) v(x, xo + i).neg().intoArray(o, oo + i); }
            case ABS -> { for (; i < n; i += L) v(x, xo + i).abs().intoArray(o, oo + i); }
            case EXP -> i = exp(o, oo, x, xo, n);
            case LOG -> i = log(o, oo, x, xo, n);
            case SQRT -> { for (; i < n; i += L) v(x, xo + i).sqrt().intoArray(o, oo + i); }
            case TANH -> i = tanh(o, oo, x, xo, n);
            case SIGMOID -> i = sigmoid(o, oo, x, xo, n);
            case RELU -> {
                for (; i < n; i += L) { FloatVector t = v(x, xo + i); t.blend(zero, t.compare(VectorOperators.LE, zero)).intoArray(o, oo + i); }
            }
            case SQUARE -> { for (; i < n; i += L) { FloatVector t = v(x, xo + i); t.mul(t).intoArray(o, oo + i); } }
            case RECIPROCAL -> { for (; i < n; i += L) one.div(v(x, xo + i)).intoArray(o, oo + i); }
            case SIGN -> {
                FloatVector m1 = one.neg();
                for (; i < n; i += L) {
                    FloatVector t = v(x, xo + i);
                    t.blend(one, t.compare(VectorOperators.GT, zero)).blend(m1, t.compare(VectorOperators.LT, zero)).intoArray(o, oo + i);
                }
            }
            case ADD -> { for (; i < n; i += L) v(x, xo + i).add(av).intoArray(o, oo + i); }
            case MUL -> { for (; i < n; i += L) v(x, xo + i).mul(av).intoArray(o, oo + i); }
            case DIV -> { for (; i < n; i += L) v(x, xo + i).div(av).intoArray(o, oo + i); }
            case RSUB -> { for (; i < n; i += L) av.sub(v(x, xo + i)).intoArray(o, oo + i); }
            case RDIV -> { for (; i < n; i += L) av.div(v(x, xo + i)).intoArray(o, oo + i); }
            case POW -> {
                if (a == 2f) { for (; i < n; i += L) { FloatVector t = v(x, xo + i); t.mul(t).intoArray(o, oo + i); } }
                else if (a == 1f) { if (o != x || oo != xo) System.arraycopy(x, xo, o, oo, n); i = n; }
                else i = pow(false, a, o, oo, x, xo, n);
            }
            case RPOW -> i = pow(true, a, o, oo, x, xo, n);
            case CLAMP -> {
                for (; i < n; i += L) {
                    FloatVector t = v(x, xo + i);
                    t.blend(bv, t.compare(VectorOperators.GT, bv)).blend(av, t.compare(VectorOperators.LT, av)).intoArray(o, oo + i);
                }
            }
            case EQ -> { for (; i < n; i += L) cmp(v(x, xo + i).compare(VectorOperators.EQ, av), zero, one).intoArray(o, oo + i); }
            case NE -> { for (; i < n; i += L) cmp(v(x, xo + i).compare(VectorOperators.NE, av), zero, one).intoArray(o, oo + i); }
            case LT -> { for (; i < n; i += L) cmp(v(x, xo + i).compare(VectorOperators.LT, av), zero, one).intoArray(o, oo + i); }
            case LE -> { for (; i < n; i += L) cmp(v(x, xo + i).compare(VectorOperators.LE, av), zero, one).intoArray(o, oo + i); }
            case GT -> { for (; i < n; i += L) cmp(v(x, xo + i).compare(VectorOperators.GT, av), zero, one).intoArray(o, oo + i); }
            case GE -> { for (; i < n; i += L) cmp(v(x, xo + i).compare(VectorOperators.GE, av), zero, one).intoArray(o, oo + i); }
        }
        for (; i < len; i++) o[oo + i] = (float) op.apply(x[xo + i], ad, bd);
    }

    // Transcendentals each get a small method of their own: inside the big switch C2 ran out of inlining budget and
    // the vector math fell back to its scalar Java implementation (measured: exp 5.3 ns/element instead of 0.3).

    // (one method per operator: the operator must be a constant for the intrinsic)
    private static int exp(float[] o, int oo, float[] x, int xo, int n) {
        int i = 0;
        for (; i < n; i += L) v(x, xo + i).lanewise(VectorOperators.EXP).intoArray(o, oo + i);
        return i;
    }

    private static int log(float[] o, int oo, float[] x, int xo, int n) {
        int i = 0;
        for (; i < n; i += L) v(x, xo + i).lanewise(VectorOperators.LOG).intoArray(o, oo + i);
        return i;
    }

    private static int tanh(float[] o, int oo, float[] x, int xo, int n) {
        int i = 0;
        for (; i < n; i += L) v(x, xo + i).lanewise(VectorOperators.TANH).intoArray(o, oo + i);
        return i;
    }

    private static int sigmoid(float[] o, int oo, float[] x, int xo, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (; i < n; i += L) one.div(v(x, xo + i).neg().lanewise(VectorOperators.EXP).add(one)).intoArray(o, oo + i);
        return i;
    }

    private static int pow(boolean reversed, float a, float[] o, int oo, float[] x, int xo, int n) {
        FloatVector av = FloatVector.broadcast(S, a);
        int i = 0;
        if (reversed) for (; i < n; i += L) VectorPow.pow(av, v(x, xo + i)).intoArray(o, oo + i);
        else for (; i < n; i += L) VectorPow.pow(v(x, xo + i), av).intoArray(o, oo + i);
        return i;
    }

    private static FloatVector v(float[] x, int at) { return FloatVector.fromArray(S, x, at); }

    private static FloatVector cmp(VectorMask<Float> m, FloatVector zero, FloatVector one) { return zero.blend(one, m); }

    /** Scalar definition over strided elements: o[oo+i*os] = op(x[xo+i*xs], a, b). */
    static void scalar(UnaryOp op, double a, double b, float[] o, int oo, int os, float[] x, int xo, int xs, int len) {
        for (int i = 0; i < len; i++) o[oo + i * os] = (float) op.apply(x[xo + i * xs], a, b);
    }
}
