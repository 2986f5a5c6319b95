package jtorch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** InceptionScore and FrechetDistance against closed forms. */
class GenerativeScoresTest {
    static Tensor logProbs(double[][] p) {
        int n = p.length, c = p[0].length;
        double[] v = new double[n * c];
        for (int i = 0; i < n; i++) for (int j = 0; j < c; j++) v[i * c + j] = Math.log(p[i][j]);
        return Tensor.of(v, n, c);
    }

    @Test
    void inceptionScoreClosedForms() {
        double e = 1e-12;
        // confident and evenly spread over 4 classes: IS = 4; all one class or uniform predictions: IS = 1
        double[][] spread = new double[8][4], same = new double[8][4], uniform = new double[8][4];
        for (int i = 0; i < 8; i++) for (int j = 0; j < 4; j++) {
            spread[i][j] = j == i % 4 ? 1 - 3 * e : e;
            same[i][j] = j == 2 ? 1 - 3 * e : e;
            uniform[i][j] = 0.25;
        }
        assertEquals(4, InceptionScore.of(logProbs(spread)), 1e-9);
        assertEquals(1, InceptionScore.of(logProbs(same)), 1e-9);
        assertEquals(1, InceptionScore.of(logProbs(uniform)), 1e-12);
        double[] parts = InceptionScore.splits(logProbs(spread), 2);
        assertEquals(2, parts.length);
        assertEquals(4, parts[0], 1e-9);
        // two samples, p = (0.9, 0.1) and (0.1, 0.9): marginal 1/2, KL = 0.9 ln 1.8 + 0.1 ln 0.2 each
        double kl = 0.9 * Math.log(1.8) + 0.1 * Math.log(0.2);
        assertEquals(Math.exp(kl), InceptionScore.of(logProbs(new double[][] {{0.9, 0.1}, {0.1, 0.9}})), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(Tensor.zeros(3)));
        assertThrows(IllegalArgumentException.class, () -> InceptionScore.splits(logProbs(spread), 9));
    }

    /** n samples of N(mean, L Lᵀ) in dimension d. */
    static Tensor gaussian(long seed, int n, double[] mean, double[][] l) {
        Generator g = new Generator(seed);
        int d = mean.length;
        double[] v = new double[n * d], z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) z[k] = g.nextGaussian();
            for (int j = 0; j < d; j++) {
                double s = mean[j];
                for (int k = 0; k < d; k++) s += l[j][k] * z[k];
                v[i * d + j] = s;
            }
        }
        return Tensor.of(v, n, d);
    }

    @Test
    void frechetDistanceClosedForms() {
        // same set: 0
        Tensor x = gaussian(1, 500, new double[] {1, 2, 3}, new double[][] {{1, 0, 0}, {0.5, 1, 0}, {0.2, -0.3, 2}});
        assertEquals(0, FrechetDistance.between(x, x), 1e-9);
        // shifting every sample by m only adds ‖m‖²
        Tensor shifted = x.add(Tensor.of(new double[] {1, -2, 0.5}, 1, 3).expand(500, 3).contiguous());
        assertEquals(1 + 4 + 0.25, FrechetDistance.between(x, shifted), 1e-9);
        // 1-d: (μ₁ − μ₂)² + (σ₁ − σ₂)² from the sample moments
        Tensor a = Tensor.randn(DType.F64, new Generator(2), 400, 1), b = Tensor.randn(DType.F64, new Generator(3), 300, 1).mul(3).add(1);
        FrechetDistance.Stats sa = FrechetDistance.stats(a), sb = FrechetDistance.stats(b);
        double want = Math.pow(sa.mean()[0] - sb.mean()[0], 2) + Math.pow(Math.sqrt(sa.cov()[0][0]) - Math.sqrt(sb.cov()[0][0]), 2);
        assertEquals(want, FrechetDistance.between(a, b), 1e-10);
        // 2 × 2, non-commuting covariances: Tr (Σ₁Σ₂)^½ = √(Tr Σ₁Σ₂ + 2 √(det Σ₁ det Σ₂))
        double[][] s1 = {{2, 0.5}, {0.5, 1}}, s2 = {{1, -0.7}, {-0.7, 3}};
        double tr = s1[0][0] * s2[0][0] + 2 * s1[0][1] * s2[0][1] + s1[1][1] * s2[1][1];
        double det1 = 2 * 1 - 0.25, det2 = 3 - 0.49;
        assertEquals(Math.sqrt(tr + 2 * Math.sqrt(det1 * det2)), FrechetDistance.traceSqrtProduct(s1, s2), 1e-12);
        assertEquals(Math.sqrt(tr + 2 * Math.sqrt(det1 * det2)), FrechetDistance.traceSqrtProduct(s2, s1), 1e-12);
        // a singular covariance (rank 1) on one side
        double[][] r1 = {{1, 2}, {2, 4}};
        double tr1 = r1[0][0] * s2[0][0] + 2 * r1[0][1] * s2[0][1] + r1[1][1] * s2[1][1];
        assertEquals(Math.sqrt(tr1), FrechetDistance.traceSqrtProduct(r1, s2), 1e-7);
        // the covariance estimate: divisor N - 1
        FrechetDistance.Stats two = FrechetDistance.stats(Tensor.of(new double[] {0, 2}, 2, 1));
        assertEquals(2, two.cov()[0][0], 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(x, a))
                .getMessage().contains("dimensions differ"));
    }
}
