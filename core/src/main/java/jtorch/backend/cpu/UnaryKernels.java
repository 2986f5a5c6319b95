package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import jtorch.backend.UnaryOp;

/**
 * Contiguous F32 kernels for every {@link UnaryOp}: {@code o[oo+i] = op(x[xo+i], a, b)} for i in [0, len), with
 * {@link FloatVector#SPECIES_PREFERRED} vectors and a scalar tail {@link #one} that computes the same F32 formula with
 * the same operations, so every element gets the same bits whichever path (and whichever JIT state) computes it.
 * {@code o} may be {@code x} at the same offset.
 * <p>Precision against the double definition {@link UnaryOp#apply}: NEG, ABS, SQUARE, SQRT, RECIPROCAL, SIGN, RELU,
 * CLAMP and the comparisons are exact; ADD, MUL, DIV, RSUB, RDIV round once more when {@code a} is not an F32 value
 * (≤ 1 ulp); EXP, LOG, TANH, SIGMOID use {@link VectorMath} / {@link ScalarMath} (≤ 1, 1, 2.5, 2.5 ulp against
 * StrictMath); POW and RPOW (other than x², x¹) are scalar, {@code (float) StrictMath.pow} in double (≤ 0.5 ulp plus
 * double rounding). Comparisons and CLAMP need {@code a}, {@code b} exactly representable in F32 to be exact, so
 * {@link #vectorizes} says no otherwise and the caller runs the scalar double definition.
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
        switch (op) { // each loop is a method of its own (UnaryLoops: C2's node budget)
            case NEG -> { UnaryLoops.neg(o, oo, x, xo, n); i = n; }
            case ABS -> { UnaryLoops.abs(o, oo, x, xo, n); i = n; }
            case EXP -> i = exp(o, oo, x, xo, n);
            case LOG -> i = log(o, oo, x, xo, n);
            case SQRT -> { UnaryLoops.sqrt(o, oo, x, xo, n); i = n; }
            case TANH -> { VectorMath.tanh(o, oo, x, xo, n); i = n; }
            case SIGMOID -> { VectorMath.sigmoid(o, oo, x, xo, n); i = n; }
            case RELU -> { UnaryLoops.relu(o, oo, x, xo, n); i = n; }
            case SQUARE -> { UnaryLoops.square(o, oo, x, xo, n); i = n; }
            case RECIPROCAL -> { UnaryLoops.reciprocal(o, oo, x, xo, n); i = n; }
            case SIGN -> { UnaryLoops.sign(o, oo, x, xo, n); i = n; }
            case ADD -> { UnaryLoops.add(o, oo, x, xo, n, a); i = n; }
            case MUL -> { UnaryLoops.mul(o, oo, x, xo, n, a); i = n; }
            case DIV -> { UnaryLoops.div(o, oo, x, xo, n, a); i = n; }
            case RSUB -> { UnaryLoops.rsub(o, oo, x, xo, n, a); i = n; }
            case RDIV -> { UnaryLoops.rdiv(o, oo, x, xo, n, a); i = n; }
            case POW -> {
                if (ad == 2) { UnaryLoops.square(o, oo, x, xo, n); i = n; }
                else if (ad == 1) { if (o != x || oo != xo) System.arraycopy(x, xo, o, oo, n); i = n; }
            }
            case RPOW -> { } // scalar: StrictMath.pow
            case CLAMP -> { UnaryLoops.clamp(o, oo, x, xo, n, a, b); i = n; }
            case EQ -> { UnaryLoops.eq(o, oo, x, xo, n, a); i = n; }
            case NE -> { UnaryLoops.ne(o, oo, x, xo, n, a); i = n; }
            case LT -> { UnaryLoops.lt(o, oo, x, xo, n, a); i = n; }
            case LE -> { UnaryLoops.le(o, oo, x, xo, n, a); i = n; }
            case GT -> { UnaryLoops.gt(o, oo, x, xo, n, a); i = n; }
            case GE -> { UnaryLoops.ge(o, oo, x, xo, n, a); i = n; }
        }
        for (; i < len; i++) o[oo + i] = one(op, x[xo + i], a, b, ad);
    }

    /**
     * The vector kernels' formula for one element, operation for operation (a, b: the F32 arguments; ad: the double
     * exponent of POW / base of RPOW); used for the tails and for broadcast inputs.
     */
    static float one(UnaryOp op, float x, float a, float b, double ad) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case EXP -> ScalarMath.exp(x);
            case LOG -> ScalarMath.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case TANH -> ScalarMath.tanh(x);
            case SIGMOID -> ScalarMath.sigmoid(x);
            case RELU -> x <= 0f ? 0f : x;
            case SQUARE -> x * x;
            case RECIPROCAL -> 1f / x;
            case SIGN -> x > 0f ? 1f : (x < 0f ? -1f : x);
            case ADD -> x + a;
            case MUL -> x * a;
            case DIV -> x / a;
            case RSUB -> a - x;
            case RDIV -> a / x;
            case POW -> ad == 2 ? x * x : ad == 1 ? x : (float) StrictMath.pow(x, ad);
            case RPOW -> (float) StrictMath.pow(ad, x);
            case CLAMP -> { float r = x > b ? b : x; yield x < a ? a : r; }
            case EQ -> x == a ? 1f : 0f;
            case NE -> x != a ? 1f : 0f;
            case LT -> x < a ? 1f : 0f;
            case LE -> x <= a ? 1f : 0f;
            case GT -> x > a ? 1f : 0f;
            case GE -> x >= a ? 1f : 0f;
        };
    }

    // Transcendentals each get a small method of their own: inside the big switch C2 ran out of inlining budget
    // (measured with the JDK's vector math: exp 5.3 ns/element instead of 0.3).
    private static int exp(float[] o, int oo, float[] x, int xo, int n) {
        int i = 0;
        for (; i < n; i += L) VectorMath.exp(v(x, xo + i)).intoArray(o, oo + i);
        return i;
    }

    private static int log(float[] o, int oo, float[] x, int xo, int n) {
        int i = 0;
        for (; i < n; i += L) VectorMath.log(v(x, xo + i)).intoArray(o, oo + i);
        return i;
    }

    private static FloatVector v(float[] x, int at) { return FloatVector.fromArray(S, x, at); }


    /** Scalar definition over strided elements: o[oo+i*os] = op(x[xo+i*xs], a, b). */
    static void scalar(UnaryOp op, double a, double b, float[] o, int oo, int os, float[] x, int xo, int xs, int len) {
        for (int i = 0; i < len; i++) o[oo + i * os] = (float) op.apply(x[xo + i * xs], a, b);
    }
}
