package jtorch.examples;

import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * PCA of the rows of x [N, D] with k components by subspace iteration: the covariance C = (x − μ)ᵀ(x − μ) / N, then
 * {@code iterations} steps V ← orth(C · V) from a seeded Gaussian V [D, k] (modified Gram–Schmidt in double precision).
 * The span converges to the top-k eigenspace at rate λ_{k+1}/λ_k per step; reconstruction and linear classifiers depend
 * on the span only. {@link #capturedVariance} reports trace(Vᵀ C V) / trace(C).
 */
record SubspacePca(Tensor mean, Tensor components, double capturedVariance) {

    static SubspacePca fit(Tensor x, int k, int iterations, long seed) {
        int n = x.size(0), d = x.size(1);
        Tensor mean = x.mean(0, true);
        Tensor centred = x.sub(mean);
        Tensor cov = centred.t().mm(centred).divInPlace(n);
        Tensor v = orth(Tensor.randn(new Generator(seed), d, k));
        for (int it = 0; it < iterations; it++) v = orth(cov.mm(v));
        double captured = v.mul(cov.mm(v)).sum(), total = 0;
        for (int i = 0; i < d; i++) total += cov.get(i, i);
        return new SubspacePca(mean, v, captured / total);
    }

    /** Orthonormal columns spanning those of a [D, k]. */
    static Tensor orth(Tensor a) {
        int d = a.size(0), k = a.size(1);
        double[] m = a.toDoubleArray(); // row-major [d, k]
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < j; i++) {
                double dot = 0;
                for (int r = 0; r < d; r++) dot += m[r * k + i] * m[r * k + j];
                for (int r = 0; r < d; r++) m[r * k + j] -= dot * m[r * k + i];
            }
            double norm = 0;
            for (int r = 0; r < d; r++) norm += m[r * k + j] * m[r * k + j];
            norm = Math.sqrt(norm);
            for (int r = 0; r < d; r++) m[r * k + j] /= norm;
        }
        float[] f = new float[m.length];
        for (int i = 0; i < m.length; i++) f[i] = (float) m[i];
        return Tensor.of(f, d, k);
    }

    /** The codes (x − μ) · V [N, k]. */
    Tensor encode(Tensor x) { return x.sub(mean).mm(components); }

    /** μ + codes · Vᵀ [N, D]. */
    Tensor decode(Tensor codes) { return codes.mm(components.t()).addInPlace(mean); }
}
