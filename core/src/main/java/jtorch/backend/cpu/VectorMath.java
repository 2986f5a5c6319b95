package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp, log, tanh and sigmoid of F32 lanes, built only from operations whose IEEE results cannot depend on how the
 * code runs: add, sub, mul, div, fused multiply-add, comparisons, blends and integer bit operations on the float bits.
 * So the interpreter (the Vector API's Java fallback) and C2 (the intrinsics) give the same bits, unlike
 * {@code lanewise(EXP/LOG/TANH)}, whose compiled form calls a native math library. {@link ScalarMath} computes the
 * same formulas with the same operations in the same order, so a vector lane and a scalar tail agree bit for bit.
 * <p>Maximum error against {@code StrictMath} (the exact value rounded to F32 is within 0.5 ulp of it), tested over
 * every 256th F32 bit pattern (all signs and exponents), the special values and dense sweeps around the thresholds by
 * {@code VectorMathTest} (worst seen there in brackets):
 * <ul>
 *   <li>{@link #exp}: x = n·ln2 + r, |r| ≤ ln2/2 (Cody–Waite in two fused steps), e^r by a degree-7 polynomial,
 *       scaled by 2^n in two exact-or-once-rounded multiplications (subnormal results rounded once): ≤ 1 ulp [0.87].
 *       x &gt; 88.73 gives +inf, x &lt; -103.98 gives +0.</li>
 *   <li>{@link #log}: x = 2^k·m, m in [√½, √2), f = m - 1, s = f / (2 + f), log(1+f) = f - f²/2 + s·(f²/2 + R(s²))
 *       (R a degree-4 polynomial in s²): ≤ 1 ulp [0.77]. log(±0) = -inf, log(x &lt; 0) = NaN, log(+inf) = +inf;
 *       subnormal x is scaled by 2^23 first.</li>
 *   <li>{@link #tanh}: |x| &lt; 0.625: x + x³·P(x²); otherwise 1 - 2 / (e^{2|x|} + 1); sign restored from x (tanh(-0)
 *       = -0): ≤ 1.5 ulp [1.37].</li>
 *   <li>{@link #sigmoid}: e = e^{-|x|}, then 1 / (1 + e) for x ≥ 0 and e / (1 + e) for x &lt; 0 (no overflow, full
 *       precision down to the subnormals): ≤ 2.5 ulp [2.18].</li>
 * </ul>
 * NaN inputs give NaN (exp and log return the canonical {@link Float#NaN}).
 */
final class VectorMath {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    // exp
    static final float EXP_HI = 89f, EXP_LO = -104f, LOG2E = 1.44269504088896341f, SHIFT = 0x1.8p23f;
    static final float LN2_HI = 0.693145751953125f, LN2_LO = 1.42860682030941723212e-6f;
    static final float E7 = 1.9875691500E-4f, E6 = 1.3981999507E-3f, E5 = 8.3334519073E-3f, E4 = 4.1665795894E-2f,
            E3 = 1.6666665459E-1f, E2 = 5.0000001201E-1f;
    static final int SHIFT_BITS = 0x4B400000;
    // log
    static final float LOG_LN2_HI = 6.9313812256e-01f, LOG_LN2_LO = 9.0580006145e-06f, TWO23 = 0x1p23f;
    static final float LG1 = 0xaaaaaa.0p-24f, LG2 = 0xccce13.0p-25f, LG3 = 0x91e9ee.0p-25f, LG4 = 0xf89e26.0p-26f;
    static final int SQRT_HALF_BITS = 0x3f3504f3;
    // tanh on |x| < TANH_SMALL
    static final float TANH_SMALL = 0.625f, T1 = -5.70498872745E-3f, T2 = 2.06390887954E-2f, T3 = -5.37397155531E-2f,
            T4 = 1.33314422036E-1f, T5 = -3.33332819422E-1f;

    private VectorMath() {}

    private static FloatVector c(float v) { return FloatVector.broadcast(S, v); }

    /** 2^n for integer lanes n in [-126, 127], exactly. */
    private static FloatVector pow2(IntVector n) {
        return n.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    /** e^x lane-wise (see the class comment for the method and its error). */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.blend(c(EXP_HI), x.compare(VectorOperators.GT, EXP_HI))
                .blend(c(EXP_LO), x.compare(VectorOperators.LT, EXP_LO));
        FloatVector t = xc.fma(c(LOG2E), c(SHIFT));
        FloatVector n = t.sub(SHIFT);
        FloatVector r = n.fma(c(-LN2_HI), xc);
        r = n.fma(c(-LN2_LO), r);
        FloatVector p = r.fma(c(E7), c(E6));
        p = p.fma(r, c(E5));
        p = p.fma(r, c(E4));
        p = p.fma(r, c(E3));
        p = p.fma(r, c(E2));
        p = p.fma(r, c(1f));
        p = p.fma(r, c(1f));
        IntVector ni = t.reinterpretAsInts().sub(SHIFT_BITS);
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1), n2 = ni.sub(n1);
        return p.mul(pow2(n1)).mul(pow2(n2)).blend(Float.NaN, x.compare(VectorOperators.NE, x));
    }

    /** Natural logarithm lane-wise (see the class comment). */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> sub = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(TWO23), sub);
        IntVector ix = xs.reinterpretAsInts().add(0x3f800000 - SQRT_HALF_BITS);
        IntVector k = ix.lanewise(VectorOperators.ASHR, 23).sub(127);
        FloatVector f = ix.and(0x007fffff).add(SQRT_HALF_BITS).reinterpretAsFloats().sub(1f);
        FloatVector dk = k.add(SHIFT_BITS).reinterpretAsFloats().sub(SHIFT);
        dk = dk.blend(dk.sub(23f), sub);
        FloatVector s = f.div(f.add(2f)), z = s.mul(s), w = z.mul(z);
        FloatVector t1 = w.mul(w.mul(LG4).add(LG2)), t2 = z.mul(w.mul(LG3).add(LG1));
        FloatVector rr = t2.add(t1), hfsq = f.mul(0.5f).mul(f);
        FloatVector y = s.mul(hfsq.add(rr)).add(dk.mul(LOG_LN2_LO)).sub(hfsq).add(f).add(dk.mul(LOG_LN2_HI));
        y = y.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f))
                .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
        return y.blend(Float.NaN, x.compare(VectorOperators.LT, 0f).or(x.compare(VectorOperators.NE, x)));
    }

    /** tanh lane-wise (see the class comment). */
    static FloatVector tanh(FloatVector x) {
        IntVector bits = x.reinterpretAsInts();
        FloatVector a = bits.and(0x7fffffff).reinterpretAsFloats();
        FloatVector z = a.mul(a);
        FloatVector p = z.fma(c(T1), c(T2));
        p = p.fma(z, c(T3));
        p = p.fma(z, c(T4));
        p = p.fma(z, c(T5));
        FloatVector small = p.mul(z).fma(a, a);
        FloatVector e = exp(a.add(a));
        FloatVector big = c(1f).sub(c(2f).div(e.add(1f)));
        FloatVector r = big.blend(small, a.compare(VectorOperators.LT, TANH_SMALL));
        return r.reinterpretAsInts().or(bits.and(0x80000000)).reinterpretAsFloats();
    }

    /** 1 / (1 + e^-x) lane-wise (see the class comment). */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.reinterpretAsInts().or(0x80000000).reinterpretAsFloats());
        FloatVector num = e.blend(c(1f), x.compare(VectorOperators.GE, 0f));
        return num.div(e.add(1f));
    }
}
