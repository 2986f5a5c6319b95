package jtorch.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backend;
import jtorch.backend.Backends;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * gemmPair (C1 = αA·B1 + βC1, C2 = αA·B2 + βC2 with A packed once) against the ref F64 products: Aᵀ views (the
 * recurrent weight gradients δᵀ·x, δᵀ·h), plain A, transposed Bs, edge rows and panels, a C that is a column block of
 * a wider tensor, shapes that fall back to two products; the same bits with 1 and 2 threads and on a second call.
 */
class SgemmPairTest {
    static final Backend CPU = Backends.cpu(), REF = Backends.ref();

    static Tensor f64(Tensor t) { return t.to(DType.F64).to(REF); }

    @Test void matchesTwoProducts() {
        // {m, k, n1, n2, A transposed, B transposed}
        int[][] shapes = {{512, 2500, 128, 128, 1, 0}, {100, 700, 64, 40, 1, 0}, {37, 90, 32, 33, 0, 0},
            {61, 45, 96, 17, 0, 1}, {40, 50, 20, 30, 1, 0}, {8, 30, 32, 32, 1, 0}};
        int saved = Parallel.threads();
        try {
            for (int[] s : shapes) for (double beta : new double[] {0, 1}) {
                int m = s[0], k = s[1], n1 = s[2], n2 = s[3];
                Generator g = new Generator(m * 7L + k + n1 * 3L + n2);
                Tensor a = s[4] == 1 ? Tensor.randn(g, k, m).t() : Tensor.randn(g, m, k);
                Tensor b1 = s[5] == 1 ? Tensor.randn(g, n1, k).t() : Tensor.randn(g, k, n1);
                Tensor b2 = s[5] == 1 ? Tensor.randn(g, n2, k).t() : Tensor.randn(g, k, n2);
                Tensor c1 = Tensor.randn(g, m, n1), c2 = Tensor.randn(g, m, n2);
                Tensor w1 = f64(c1).mulInPlace(beta).addmmInPlace(1, 0.5, f64(a), f64(b1));
                Tensor w2 = f64(c2).mulInPlace(beta).addmmInPlace(1, 0.5, f64(a), f64(b2));
                Tensor[][] got = new Tensor[3][];
                for (int r = 0; r < 3; r++) {
                    Parallel.setThreads(r == 0 ? 1 : 2);
                    Tensor g1 = Tensor.zeros(m, n1 + 5).narrow(1, 3, n1).copy(c1), g2 = c2.clone();
                    CPU.gemmPair(0.5, a, b1, b2, beta, g1, g2);
                    got[r] = new Tensor[] {g1, g2};
                }
                String what = java.util.Arrays.toString(s) + " beta " + beta;
                for (int i = 0; i < 2; i++) {
                    Tensor want = i == 0 ? w1 : w2;
                    double err = f64(got[0][i]).sub(want).abs().max() / (1 + want.abs().max());
                    assertTrue(err < 1e-5, what + " C" + (i + 1) + ": off by " + err);
                    assertEquals(0, got[0][i].sub(got[1][i]).abs().max(), 0, what + ": 1 vs 2 threads");
                    assertEquals(0, got[1][i].sub(got[2][i]).abs().max(), 0, what + ": second call");
                }
                Tensor r1 = f64(c1), r2 = f64(c2);
                REF.gemmPair(0.5, f64(a), f64(b1), f64(b2), beta, r1, r2);
                assertTrue(r1.sub(w1).abs().max() < 1e-9 && r2.sub(w2).abs().max() < 1e-9, what + " ref");
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
