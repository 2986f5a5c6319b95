package jtorch.unsup.sparse;

import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The largest eigenvalue of a symmetric positive semi-definite matrix A [m, m] by power iteration: from a fixed
 * pseudo-random start v₀ (seeded, so the result is reproducible), v_{k+1} = A v_k / ‖A v_k‖ and the estimate is the
 * Rayleigh quotient μ_k = v_kᵀ A v_k, until |μ_k − μ_{k−1}| &le; 1e-10 · μ_k or {@link #MAX_ITERATIONS} steps.
 * μ_k approaches λ_max from below; the returned value is the last μ_k times (1 + 1e-6) (a step 1/L must not exceed
 * 1/λ_max for ISTA's and FISTA's guarantees). Computed in A's dtype.
 */
public final class PowerIteration {
    /** The cap on the number of matrix-vector products. */
    public static final int MAX_ITERATIONS = 10_000;

    private PowerIteration() {}

    /** λ_max(A) of a symmetric PSD matrix A [m, m], slightly over-estimated (see the class comment). */
    public static double largestEigenvalue(Tensor a) {
        if (a.dim() != 2 || a.size(0) != a.size(1)) throw new IllegalArgumentException("PowerIteration: expected a"
                + " square matrix [m, m], got " + a.shape());
        int m = a.size(0);
        Tensor v = Tensor.rand(a.dtype(), new Generator(0x5EED), m).to(a.backend()).addInPlace(0.5);
        v.divInPlace(v.norm(2));
        Tensor av = v.zerosLike();
        double mu = 0;
        for (int k = 0; k < MAX_ITERATIONS; k++) {
            av.addmvInPlace(0, 1, a, v);
            double next = v.dot(av), norm = av.norm(2);
            if (!(norm > 0) || !Double.isFinite(norm)) return norm == 0 ? 0 : Double.NaN;
            v.copy(av).divInPlace(norm);
            boolean done = k > 0 && Math.abs(next - mu) <= 1e-10 * Math.abs(next);
            mu = next;
            if (done) break;
        }
        return mu * (1 + 1e-6);
    }
}
