package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * erf of F32 lanes, and its scalar twin, built only from IEEE add, mul, div, fused multiply-add, comparisons, blends
 * and sign-bit operations, plus {@link VectorMath#exp} / {@link ScalarMath#exp} (themselves bit-identical), so a
 * vector lane, a scalar tail, the interpreter and C2 give the same bits:
 * <pre>
 *   |x| ≤ 1:      erf(x) = x · P(x²)                       P of degree 6, fitted to erf(x)/x (relative error 1.2e-9)
 *   1 &lt; |x| &lt; 4:  erf(x) = ±(1 - e^{-x²} · R(1/|x|))       R of degree 10, fitted to erfc(x)·e^{x²} (2.7e-9)
 *   |x| ≥ 4:      ±1                                        (1 - erf(4) ≈ 1.5e-8 rounds to 1 in F32)
 * </pre>
 * with Horner's rule in fused steps. Error against the exact value: ≤ 2.5 ulp (worst near |x| = 0.94; tested by
 * {@code ElementwiseUnaryTest}). erf(±0) = ±0, erf(±inf) = ±1, erf(NaN) = NaN. The coefficients were fitted for this
 * file (weighted least squares on Chebyshev nodes). NaN results are the canonical {@link Float#NaN} (the NaN a lane
 * or the fallback produces otherwise depends on how the code runs).
 */
final class ErfMath {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final float[] P = {0x1.20dd74p+0f, -0x1.81273ep-2f, 0x1.ce2cfp-4f, -0x1.b7f88cp-6f, 0x1.5401dep-8f,
            -0x1.a3dc26p-11f, 0x1.492356p-14f};
    static final float[] R = {0x1.b3977ap-16f, 0x1.209fcep-1f, 0x1.8b4d1ap-9f, -0x1.24088ep-2f, -0x1.1baf7ep-4f,
            0x1.cc867ap-1f, -0x1.862604p+0f, 0x1.6c8904p+0f, -0x1.9f03fcp-1f, 0x1.0f00eep-2f, -0x1.39103cp-5f};

    private ErfMath() {}

    /** o[oo+i] = erf(x[xo+i]) for i in [0, n), n a multiple of the lane count. */
    static void erf(float[] o, int oo, float[] x, int xo, int n) {
        for (int i = 0; i < n; i += S.length()) erf(FloatVector.fromArray(S, x, xo + i)).intoArray(o, oo + i);
    }

    static FloatVector erf(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector z = x.mul(x);
        FloatVector p = FloatVector.broadcast(S, P[6]);
        for (int k = 5; k >= 0; k--) p = p.fma(z, FloatVector.broadcast(S, P[k]));
        FloatVector small = x.mul(p);
        FloatVector ac = a.blend(1f, a.compare(VectorOperators.LT, 1f)).blend(4f, a.compare(VectorOperators.GT, 4f));
        FloatVector u = FloatVector.broadcast(S, 1f).div(ac);
        FloatVector q = FloatVector.broadcast(S, R[10]);
        for (int k = 9; k >= 0; k--) q = q.fma(u, FloatVector.broadcast(S, R[k]));
        FloatVector e = VectorMath.exp(ac.neg().mul(ac));
        FloatVector mid = e.neg().fma(q, FloatVector.broadcast(S, 1f));
        mid = mid.blend(1f, a.compare(VectorOperators.GE, 4f));
        FloatVector signed = mid.reinterpretAsInts().or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
        VectorMask<Float> inner = a.compare(VectorOperators.LE, 1f);
        return signed.blend(small, inner).blend(Float.NaN, x.compare(VectorOperators.NE, x));
    }

    /** erf x, bit-identical to a lane of {@link #erf(FloatVector)}. */
    static float erf(float x) {
        float a = Math.abs(x);
        float z = x * x;
        float p = P[6];
        for (int k = 5; k >= 0; k--) p = Math.fma(p, z, P[k]);
        float small = x * p;
        float ac = a < 1f ? 1f : a;
        ac = a > 4f ? 4f : ac;
        float u = 1f / ac;
        float q = R[10];
        for (int k = 9; k >= 0; k--) q = Math.fma(q, u, R[k]);
        float e = ScalarMath.exp(-ac * ac);
        float mid = Math.fma(-e, q, 1f);
        mid = a >= 4f ? 1f : mid;
        float signed = Float.intBitsToFloat(Float.floatToRawIntBits(mid) | (Float.floatToRawIntBits(x) & 0x80000000));
        return x != x ? Float.NaN : a <= 1f ? small : signed;
    }
}
