package jtorch.examples;

import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The top principal directions of the rows of x [N, D]: the leading eigenvectors of the covariance
 * C = (x - x̄)ᵀ(x - x̄) / N, found one at a time by power iteration (200 steps from a seeded random start) with
 * deflation C ← C - λ v vᵀ. Returns them as the columns of a [D, m] matrix (for projecting: x.mm(result)).
 */
final class Pca {
    private Pca() {}

    static Tensor components(Tensor x, int m, long seed) {
        int n = x.size(0), d = x.size(1);
        Tensor centred = x.sub(x.mean(0));
        Tensor cov = centred.t().mm(centred).divInPlace(n);
        Tensor out = Tensor.zeros(d, m);
        Generator g = new Generator(seed);
        for (int c = 0; c < m; c++) {
            Tensor v = Tensor.randn(g, d);
            v.divInPlace(v.norm(2));
            for (int it = 0; it < 200; it++) {
                v = cov.mv(v);
                v.divInPlace(v.norm(2));
            }
            double lambda = v.dot(cov.mv(v));
            cov = cov.addr(1, -lambda, v, v);
            out.select(1, c).copy(v);
        }
        return out;
    }
}
