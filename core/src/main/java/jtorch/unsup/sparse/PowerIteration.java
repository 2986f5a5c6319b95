package jtorch.unsup.sparse;

import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The largest eigenvalue of a symmetric positive semi-definite matrix A [m, m] by power iteration, accelerated by
 * repeated squaring: M₀ = A / ‖A‖_F, M_{j+1} = M_j² / ‖M_j²‖_F for j &lt; {@link #SQUARINGS}, so that M_J is A^(2^J)
 * normalised (a power iteration of 2^J steps in J matrix products of m³ multiply-adds each, which converges even
 * when the top eigenvalues are close); then v = M_J v₀ from a fixed seeded start v₀ (reproducible), three plain
 * steps v ← A v / ‖A v‖, and the Rayleigh quotient μ = vᵀ A v. μ approaches λ_max from below; the returned value is
 * μ · (1 + 1e-6), so that a step 1/L does not exceed 1/λ_max (ISTA's and FISTA's guarantee). Computed in A's dtype.
 */
public final class PowerIteration {
    /** J, the number of squarings: 2^J = 1,048,576 power steps. */
    public static final int SQUARINGS = 20;

    private PowerIteration() {}

    /** λ_max(A) of a symmetric PSD matrix A [m, m], slightly over-estimated (see the class comment); 0 for A = 0. */
    public static double largestEigenvalue(Tensor a) {
        if (a.dim() != 2 || a.size(0) != a.size(1)) throw new IllegalArgumentException("PowerIteration: expected a"
                + " square matrix [m, m], got " + a.shape());
        double scale = a.norm(2);
        if (scale == 0) return 0;
        if (!Double.isFinite(scale)) return Double.NaN;
        int m = a.size(0);
        Tensor p = a.div(scale), q = p.zerosLike();
        for (int j = 0; j < SQUARINGS; j++) {
            q.addmmInPlace(0, 1, p, p);
            double norm = q.norm(2);
            if (!(norm > 0)) break;
            Tensor t = p;
            p = q.divInPlace(norm);
            q = t;
        }
        Tensor v = Tensor.rand(a.dtype(), new Generator(0x5EED), m).to(a.backend()).addInPlace(0.5);
        Tensor w = p.mv(v);
        if (!(w.norm(2) > 1e-6 * v.norm(2))) w = v; // v₀ (nearly) orthogonal to the top eigenvectors: plain steps
        Tensor av = w.zerosLike();
        for (int k = 0; k < 3; k++) {
            w.divInPlace(w.norm(2));
            av.addmvInPlace(0, 1, a, w);
            Tensor t = w;
            w = av;
            av = t;
        }
        w.divInPlace(w.norm(2));
        return w.dot(a.mv(w)) * (1 + 1e-6);
    }
}
