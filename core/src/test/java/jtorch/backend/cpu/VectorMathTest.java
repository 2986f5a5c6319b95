package jtorch.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorMath} and {@link ScalarMath} over the whole F32 range: every {@link #STEP}-th bit pattern (both signs,
 * subnormals, normals, inf and NaN patterns) plus the special values and a dense sweep around the overflow and
 * underflow thresholds. Each vector lane must equal the scalar twin bit for bit, and the error against StrictMath
 * (in double, so the exact result to about 1e-16) must stay within the bound stated in VectorMath's Javadoc.
 */
class VectorMathTest {
    static final int STEP = 1 << 8;
    static final int L = VectorMath.S.length();

    record Fn(String name, ArrayFn vec, ScalarFn scalar, DoubleUnaryOperator ref, double maxUlp) {}

    interface ScalarFn { float apply(float x); }

    /** o[i] = f(x[i]) for i in [0, n), n a multiple of L. */
    interface ArrayFn { void apply(float[] o, float[] x, int n); }

    static ArrayFn lanes(UnaryOperator<FloatVector> f) {
        return (o, x, n) -> {
            for (int i = 0; i < n; i += L) f.apply(FloatVector.fromArray(VectorMath.S, x, i)).intoArray(o, i);
        };
    }

    static double sigmoidRef(double x) {
        if (x >= 0) return 1 / (1 + StrictMath.exp(-x));
        double e = StrictMath.exp(x);
        return e / (1 + e);
    }

    static final Fn[] FNS = {
        new Fn("exp", lanes(VectorMath::exp), ScalarMath::exp, StrictMath::exp, 1.0),
        new Fn("log", lanes(VectorMath::log), ScalarMath::log, StrictMath::log, 1.0),
        new Fn("tanh", (o, x, n) -> VectorMath.tanh(o, 0, x, 0, n), ScalarMath::tanh, StrictMath::tanh, 2.5),
        new Fn("sigmoid", (o, x, n) -> VectorMath.sigmoid(o, 0, x, 0, n), ScalarMath::sigmoid, VectorMathTest::sigmoidRef, 2.5),
    };

    static float[] specials() {
        float[] s = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
            Math.nextDown(Float.MIN_NORMAL), Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffc00000),
            1f, -1f, 0.5f, 2f, 0.625f, Math.nextDown(0.625f), -0.625f, 88.72283f, 88.72284f, 88.7229f, 89f, 89.1f,
            -87.33655f, -103.27893f, -103.97208f, -104f, -104.1f, 9.010913f, -9.010913f, 1e-20f, -1e-20f, 1e-40f};
        float[] out = new float[s.length + 4000];
        System.arraycopy(s, 0, out, 0, s.length);
        for (int i = 0; i < 1000; i++) { // dense sweeps around the thresholds
            out[s.length + i] = 88.70f + i * 3e-5f;
            out[s.length + 1000 + i] = -103.2f - i * 8e-4f;
            out[s.length + 2000 + i] = -87.30f - i * 5e-5f;
            out[s.length + 3000 + i] = 0.62f + i * 1e-5f;
        }
        return out;
    }

    /** Checks one batch (length a multiple of L); returns the worst ulp error seen. */
    static double check(Fn fn, float[] x, float[] vec, float[] sc) {
        fn.vec.apply(vec, x, x.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            sc[i] = fn.scalar.apply(x[i]);
            if (Float.floatToRawIntBits(sc[i]) != Float.floatToRawIntBits(vec[i])) {
                fail(fn.name + "(" + x[i] + " = 0x" + Integer.toHexString(Float.floatToRawIntBits(x[i])) + "): vector lane "
                        + vec[i] + " but scalar twin " + sc[i]);
            }
            double ref = fn.ref.applyAsDouble(x[i]);
            float got = vec[i], rf = (float) ref;
            if (Double.isNaN(ref)) { assertTrue(Float.isNaN(got), fn.name + "(" + x[i] + ") should be NaN, got " + got); continue; }
            if (Float.isInfinite(rf) || Float.isInfinite(got)) {
                assertEquals(rf, got, fn.name + "(" + x[i] + "): StrictMath " + ref);
                continue;
            }
            if (rf == 0 && got == 0) {
                assertEquals(Math.copySign(1f, rf), Math.copySign(1f, got), fn.name + "(" + x[i] + "): sign of zero");
            }
            double err = Math.abs(got - ref) / Math.ulp(rf);
            if (err > fn.maxUlp) fail(fn.name + "(" + x[i] + "): got " + got + ", StrictMath " + ref + ": " + err + " ulp");
            worst = Math.max(worst, err);
        }
        return worst;
    }

    @Test
    void wholeRangeWithinStatedUlpAndVectorEqualsScalar() {
        int batch = 1 << 16;
        float[] x = new float[batch], vec = new float[batch], sc = new float[batch];
        float[] sp = specials();
        int spLen = (sp.length + L - 1) / L * L;
        float[] sx = new float[spLen], svec = new float[spLen], ssc = new float[spLen];
        System.arraycopy(sp, 0, sx, 0, sp.length);
        StringBuilder report = new StringBuilder();
        for (Fn fn : FNS) {
            double worst = check(fn, sx, svec, ssc);
            long bits = 0;
            while (bits < (1L << 32)) {
                for (int i = 0; i < batch; i++, bits += STEP) x[i] = Float.intBitsToFloat((int) bits);
                worst = Math.max(worst, check(fn, x, vec, sc));
            }
            report.append(String.format(" %s %.3f ulp;", fn.name, worst));
        }
        System.out.println("VectorMathTest (" + L + " lanes) worst errors vs StrictMath:" + report);
    }
}
