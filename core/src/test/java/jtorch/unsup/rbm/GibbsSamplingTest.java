package jtorch.unsup.rbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Block Gibbs sampling of a tiny Bernoulli RBM (4 visible, 3 hidden) reaches the exact p(v) of brute force. */
class GibbsSamplingTest {

    @Test
    void chainsMatchTheExactDistribution() {
        BernoulliRbm rbm = BruteForce.bernoulli(4, 3, 1.5, 5);
        double[] p = new BruteForce(rbm).marginal();
        int chains = 4000, snapshots = 2;
        Generator g = new Generator(11);
        Tensor v = Tensor.bernoulli(DType.F64, g, 0.5, chains, 4);
        double[] counts = new double[16];
        for (int s = 0; s < snapshots; s++) {
            for (int t = 0; t < 30; t++) v = rbm.gibbsStep(v, g);  // 30 sweeps between snapshots: independent enough
            double[] x = v.toDoubleArray();
            for (int c = 0; c < chains; c++) {
                int k = 0;
                for (int i = 0; i < 4; i++) k |= (int) x[c * 4 + i] << i;
                counts[k]++;
            }
        }
        double n = chains * snapshots, chi2 = 0, tv = 0;
        for (int k = 0; k < 16; k++) {
            chi2 += (counts[k] - n * p[k]) * (counts[k] - n * p[k]) / (n * p[k]);
            tv += 0.5 * Math.abs(counts[k] / n - p[k]);
        }
        // 15 degrees of freedom: P(chi2 > 37.7) = 0.001 for exact samples; TV of 8000 exact samples is about 0.01
        assertTrue(chi2 < 37.7, "chi-square " + chi2 + " over 16 states (15 dof)");
        assertTrue(tv < 0.03, "total variation " + tv);
    }

    @Test
    void theSameSeedGivesTheSameChain() {
        BernoulliRbm rbm = BruteForce.bernoulli(4, 3, 1.5, 5);
        double[][] ends = new double[2][];
        for (int r = 0; r < 2; r++) {
            Generator g = new Generator(4);
            Tensor v = Tensor.bernoulli(DType.F64, g, 0.5, 10, 4);
            for (int t = 0; t < 5; t++) v = rbm.gibbsStep(v, g);
            ends[r] = v.toDoubleArray();
        }
        assertArrayEquals(ends[0], ends[1]);
    }
}
