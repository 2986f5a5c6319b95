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
 *   <li>{@link #tanh(float[], int, float[], int, int)}: m = e^{2a} - 1 for a = min(|x|, 9.02), from exp's steps as
 *       2^n·(e^r - 1) + (2^n - 1) (exact for n = 0, so no cancellation near 0), then m / (m + 2), sign restored from x
 *       (tanh(-0) = -0): ≤ 2.5 ulp [2.27].</li>
 *   <li>{@link #sigmoid(float[], int, float[], int, int)}: e = e^{-|x|} (exp's steps with a fitted degree-6
 *       polynomial), then 1 / (1 + e) for x ≥ 0
 *       and e / (1 + e) for x &lt; 0 (no overflow, full precision down to the subnormals): ≤ 2.5 ulp [2.18].</li>
 * </ul>
 * NaN inputs give NaN (exp and log return the canonical {@link Float#NaN}).
 * <p>Speed (1 thread, 16M floats, ElementwiseSideBySide, shared 2-vCPU Zen 4, triad 23–25 GB/s): exp 24–25 GB/s,
 * tanh 24 GB/s, sigmoid 23–25 GB/s, i.e. 0.93–1.07 of triad (JDK vector math before: exp 25–28, tanh 14, sigmoid
 * 23–24 GB/s).
 */
final class VectorMath {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    // exp
    static final float EXP_HI = 89f, EXP_LO = -104f, LOG2E = 1.44269504088896341f, SHIFT = 0x1.8p23f;
    static final float LN2_HI = 0.693145751953125f, LN2_LO = 1.42860682030941723212e-6f;
    static final float E7 = 1.9875691500E-4f, E6 = 1.3981999507E-3f, E5 = 8.3334519073E-3f, E4 = 4.1665795894E-2f,
            E3 = 1.6666665459E-1f, E2 = 5.0000001201E-1f;
    static final int SHIFT_BITS = 0x4B400000;
    // sigmoid's e^r - 1 - r ≈ r²·(S2 + S3 r + ... + S6 r⁴), least-squares fitted towards minimax relative error
    static final float S6 = 0.0013814544f, S5 = 0.008368745f, S4 = 0.04166839f, S3 = 0.16666521f, S2 = 0.49999994f;
    // log
    static final float LOG_LN2_HI = 6.9313812256e-01f, LOG_LN2_LO = 9.0580006145e-06f, TWO23 = 0x1p23f;
    static final float LG1 = 0xaaaaaa.0p-24f, LG2 = 0xccce13.0p-25f, LG3 = 0x91e9ee.0p-25f, LG4 = 0xf89e26.0p-26f;
    static final int SQRT_HALF_BITS = 0x3f3504f3;
    // tanh(|x|) is taken at min(|x|, TANH_CLAMP), where it rounds to 1 already
    static final float TANH_CLAMP = 9.02f;

    private VectorMath() {}

    private static FloatVector c(float v) { return FloatVector.broadcast(S, v); }

    /** e^x lane-wise (see the class comment for the method and its error). */
    static FloatVector exp(FloatVector x) {
        // no helper methods in here: every call is a JDK @ForceInline one, which C2's node-count inlining cutoff spares
        // (with pow2() and c() helpers, tanh's loop with exp inlined hit NodeCountInliningCutoff: 2.9 ns/element)
        FloatVector xc = x.blend(EXP_HI, x.compare(VectorOperators.GT, EXP_HI))
                .blend(EXP_LO, x.compare(VectorOperators.LT, EXP_LO));
        FloatVector t = xc.fma(LOG2E, SHIFT);
        FloatVector n = t.sub(SHIFT);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), xc);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = r.fma(E7, E6);
        p = p.fma(r, FloatVector.broadcast(S, E5));
        p = p.fma(r, FloatVector.broadcast(S, E4));
        p = p.fma(r, FloatVector.broadcast(S, E3));
        p = p.fma(r, FloatVector.broadcast(S, E2));
        FloatVector one = FloatVector.broadcast(S, 1f);
        p = p.fma(r, one);
        p = p.fma(r, one);
        IntVector ni = t.reinterpretAsInts().sub(SHIFT_BITS);
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1), n2 = ni.sub(n1);
        FloatVector s1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2).blend(Float.NaN, x.compare(VectorOperators.NE, x));
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

    // tanh and sigmoid are array loops with their own specialised copy of exp's steps inside, and no helper methods:
    // as vector functions calling exp, C2 sometimes refused to inline exp into them ("callee is too large" with a cold
    // call-site profile) or ran out of its node budget (NodeCountInliningCutoff), and the vectors then went through
    // memory as objects (measured: tanh 5 GB/s instead of 20+). JDK @ForceInline methods are spared those limits.

    /** o[oo+i] = tanh(x[xo+i]) for i in [0, n), n a multiple of the lane count (see the class comment). */
    static void tanh(float[] o, int oo, float[] x, int xo, int n) {
        FloatVector nln2hi = c(-LN2_HI), nln2lo = c(-LN2_LO), e5 = c(E5), e4 = c(E4), e3 = c(E3), e2 = c(E2), one = c(1f);
        for (int i = 0; i < n; i += S.length()) {
            IntVector bits = FloatVector.fromArray(S, x, xo + i).reinterpretAsInts();
            FloatVector a = bits.and(0x7fffffff).reinterpretAsFloats();
            FloatVector u = a.blend(TANH_CLAMP, a.compare(VectorOperators.GT, TANH_CLAMP));
            u = u.add(u);
            FloatVector t = u.fma(LOG2E, SHIFT);
            FloatVector k = t.sub(SHIFT);
            FloatVector r = k.fma(nln2hi, u);
            r = k.fma(nln2lo, r);
            FloatVector p = r.fma(E7, E6);
            p = p.fma(r, e5);
            p = p.fma(r, e4);
            p = p.fma(r, e3);
            p = p.fma(r, e2);
            FloatVector q = r.mul(p).fma(r, r);
            FloatVector s2 = t.reinterpretAsInts().sub(SHIFT_BITS - 127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector em = s2.fma(q, s2.sub(one));
            FloatVector y = em.div(em.add(2f));
            y.reinterpretAsInts().or(bits.and(0x80000000)).reinterpretAsFloats().intoArray(o, oo + i);
        }
    }

    /** o[oo+i] = 1 / (1 + e^-x[xo+i]) for i in [0, n), n a multiple of the lane count (see the class comment). */
    static void sigmoid(float[] o, int oo, float[] x, int xo, int n) {
        FloatVector nln2hi = c(-LN2_HI), nln2lo = c(-LN2_LO), s4 = c(S4), s3 = c(S3), s2 = c(S2), one = c(1f);
        for (int i = 0; i < n; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            FloatVector w = v.reinterpretAsInts().or(0x80000000).reinterpretAsFloats();
            w = w.blend(EXP_LO, w.compare(VectorOperators.LT, EXP_LO));
            FloatVector t = w.fma(LOG2E, SHIFT);
            FloatVector k = t.sub(SHIFT);
            FloatVector r = k.fma(nln2hi, w);
            r = k.fma(nln2lo, r);
            FloatVector p = r.fma(S6, S5); // degree 6 (fitted, rel. error 4e-9 on |r| <= ln2/2): one FMA less
            p = p.fma(r, s4);
            p = p.fma(r, s3);
            p = p.fma(r, s2);
            p = p.fma(r, one);
            p = p.fma(r, one);
            // n in [-150, 0]: e = (p·2^(n+64))·2^-64, the first product exact, the second rounded once (subnormals)
            FloatVector s1 = t.reinterpretAsInts().sub(SHIFT_BITS - 191).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = p.mul(s1).mul(0x1p-64f);
            e.blend(one, v.compare(VectorOperators.GE, 0f)).div(e.add(one)).intoArray(o, oo + i);
        }
    }
}
