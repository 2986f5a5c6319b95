package jtorch.backend;

/**
 * The error function in double precision, the definition {@link UnaryOp#ERF} (and so the reference back end) uses:
 * erf(x) = 2/√π ∫₀ˣ e^{-t²} dt, computed for |x| &lt; 6 by the series of positive terms
 * <pre>
 *   erf(x) = 2/√π · e^{-x²} · Σ_{n≥0} 2ⁿ x^{2n+1} / (1·3·5···(2n+1))
 * </pre>
 * (no cancellation; relative error below 1e-15 over the whole range, rounding growing with the ~x² terms), summed until a term no longer changes the
 * sum; ±1 for |x| ≥ 6 (erfc(6) ≈ 2e-17, below half an ulp of 1), erf(±0) = ±0, NaN for NaN. Deterministic: only
 * IEEE arithmetic and {@link StrictMath#exp}.
 */
final class Erf {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    private Erf() {}

    static double erf(double x) {
        if (x != x) return x;
        double a = Math.abs(x);
        if (a >= 6) return Math.copySign(1.0, x);
        if (a == 0) return x;
        double z = 2 * a * a, term = a, sum = a;
        for (int n = 1; ; n++) {
            term *= z / (2 * n + 1);
            double next = sum + term;
            if (next == sum) break;
            sum = next;
        }
        return Math.copySign(Math.min(1.0, TWO_OVER_SQRT_PI * StrictMath.exp(-a * a) * sum), x);
    }
}
