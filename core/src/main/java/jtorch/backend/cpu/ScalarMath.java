package jtorch.backend.cpu;

import static jtorch.backend.cpu.VectorMath.*;

/**
 * The scalar twins of {@link VectorMath}: the same formulas with the same IEEE operations in the same order
 * ({@link Math#fma} where the vector code fuses, a conditional where it blends, bit operations on
 * {@link Float#floatToRawIntBits}), so a scalar tail returns exactly the bits a vector lane returns for the same input;
 * the error bounds are {@link VectorMath}'s.
 */
final class ScalarMath {
    private ScalarMath() {}

    private static float pow2(int n) { return Float.intBitsToFloat((n + 127) << 23); }

    /** e^x, bit-identical to a lane of {@link VectorMath#exp}. */
    static float exp(float x) {
        float xc = x > EXP_HI ? EXP_HI : x;
        xc = xc < EXP_LO ? EXP_LO : xc;
        float t = Math.fma(xc, LOG2E, SHIFT);
        float n = t - SHIFT;
        float r = Math.fma(n, -LN2_HI, xc);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(r, E7, E6);
        p = Math.fma(p, r, E5);
        p = Math.fma(p, r, E4);
        p = Math.fma(p, r, E3);
        p = Math.fma(p, r, E2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        int ni = Float.floatToRawIntBits(t) - SHIFT_BITS;
        int n1 = ni >> 1, n2 = ni - n1;
        float y = p * pow2(n1) * pow2(n2);
        return x != x ? Float.NaN : y;
    }

    /** ln x, bit-identical to a lane of {@link VectorMath#log}. */
    static float log(float x) {
        boolean sub = x < Float.MIN_NORMAL;
        float xs = sub ? x * TWO23 : x;
        int ix = Float.floatToRawIntBits(xs) + (0x3f800000 - SQRT_HALF_BITS);
        int k = (ix >> 23) - 127;
        float f = Float.intBitsToFloat((ix & 0x007fffff) + SQRT_HALF_BITS) - 1f;
        float dk = Float.intBitsToFloat(k + SHIFT_BITS) - SHIFT;
        dk = sub ? dk - 23f : dk;
        float s = f / (f + 2f), z = s * s, w = z * z;
        float t1 = w * (w * LG4 + LG2), t2 = z * (w * LG3 + LG1);
        float rr = t2 + t1, hfsq = f * 0.5f * f;
        float y = s * (hfsq + rr) + dk * LOG_LN2_LO - hfsq + f + dk * LOG_LN2_HI;
        y = x == 0f ? Float.NEGATIVE_INFINITY : y;
        y = x == Float.POSITIVE_INFINITY ? Float.POSITIVE_INFINITY : y;
        return x < 0f || x != x ? Float.NaN : y;
    }

    /** tanh x, bit-identical to a lane of {@link VectorMath#tanh(float[], int, float[], int, int)}. */
    static float tanh(float x) {
        int bits = Float.floatToRawIntBits(x);
        float a = Float.intBitsToFloat(bits & 0x7fffffff);
        float u = a > TANH_CLAMP ? TANH_CLAMP : a;
        u = u + u;
        float t = Math.fma(u, LOG2E, SHIFT);
        float k = t - SHIFT;
        float r = Math.fma(k, -LN2_HI, u);
        r = Math.fma(k, -LN2_LO, r);
        float p = Math.fma(r, E7, E6);
        p = Math.fma(p, r, E5);
        p = Math.fma(p, r, E4);
        p = Math.fma(p, r, E3);
        p = Math.fma(p, r, E2);
        float q = Math.fma(r * p, r, r);
        float s2 = Float.intBitsToFloat((Float.floatToRawIntBits(t) - (SHIFT_BITS - 127)) << 23);
        float em = Math.fma(s2, q, s2 - 1f);
        float y = em / (em + 2f);
        return Float.intBitsToFloat(Float.floatToRawIntBits(y) | (bits & 0x80000000));
    }

    /** 1 / (1 + e^-x), bit-identical to a lane of {@link VectorMath#sigmoid(float[], int, float[], int, int)}. */
    static float sigmoid(float x) {
        float w = Float.intBitsToFloat(Float.floatToRawIntBits(x) | 0x80000000);
        w = w < EXP_LO ? EXP_LO : w;
        float t = Math.fma(w, LOG2E, SHIFT);
        float k = t - SHIFT;
        float r = Math.fma(k, -LN2_HI, w);
        r = Math.fma(k, -LN2_LO, r);
        float p = Math.fma(r, S6, S5);
        p = Math.fma(p, r, S4);
        p = Math.fma(p, r, S3);
        p = Math.fma(p, r, S2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        float e = p * Float.intBitsToFloat((Float.floatToRawIntBits(t) - (SHIFT_BITS - 191)) << 23) * 0x1p-64f;
        float num = x >= 0f ? 1f : e;
        return num / (e + 1f);
    }
}
