package jtorch.unsup.rbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * CD-k and PCD against the exact log-likelihood gradient of a tiny RBM (4 visible, 3 hidden, parameters ~ N(0, s²)):
 * 4,000 chains, the 5 data rows repeated 800 times. The sampling error of one estimate is at most 0.5 / √4000 ≈ 0.008
 * per parameter; measured max-abs errors (19 parameters) of CD-100 over seeds: 0.005 .. 0.018 (s = 1.5), 0.009 .. 0.011
 * (s = 3); CD-1's: 0.045 .. 0.056, cosine 0.995 (s = 1.5), 0.16 .. 0.20, cosine 0.97 .. 0.98 (s = 3).
 */
class ContrastiveDivergenceTest {
    static final int REPEAT = 800;

    static Tensor batch() { return PartitionFunctionTest.DATA.unsqueeze(0).expand(REPEAT, 5, 4).clone().view(REPEAT * 5, 4); }

    static double[] exactGradient(Rbm rbm) {
        rbm.zeroGradParameters();
        PartitionFunction.accNegativeLogLikelihoodGradient(rbm, PartitionFunctionTest.DATA);
        return rbm.gradParameters().toDoubleArray();
    }

    static double[] estimate(Rbm rbm, ContrastiveDivergence cd, Tensor batch, Generator g) {
        cd.gradient(rbm, batch, g);
        return rbm.gradParameters().toDoubleArray();
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    static double cosine(double[] a, double[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void cdWithManyStepsApproachesTheExactGradientWhileCd1IsBiasedButCorrelated() {
        BernoulliRbm rbm = BruteForce.bernoulli(4, 3, 3.0, 6);  // strong weights: CD-1's bias is ~20x the noise
        double[] exact = exactGradient(rbm);
        Tensor batch = batch();
        double[] cd100 = estimate(rbm, ContrastiveDivergence.cd(100), batch, new Generator(1));
        double[] cd1 = estimate(rbm, ContrastiveDivergence.cd(1), batch, new Generator(2));
        double e100 = maxAbsDiff(cd100, exact), e1 = maxAbsDiff(cd1, exact), cos1 = cosine(cd1, exact);
        assertTrue(e100 < 0.03, "CD-100 max abs error " + e100 + " (sampling error <= 0.008 per parameter)");
        assertTrue(e1 > 0.1, "CD-1 should be visibly biased at these weights: max abs error " + e1);
        assertTrue(cos1 > 0.9, "CD-1 should still point the exact gradient's way: cosine " + cos1);
    }

    @Test
    void persistentChainsApproachTheExactGradient() {
        BernoulliRbm rbm = BruteForce.bernoulli(4, 3, 1.5, 5);
        double[] exact = exactGradient(rbm);
        Tensor batch = batch();
        ContrastiveDivergence pcd = ContrastiveDivergence.pcd(1, 0);
        Generator g = new Generator(3);
        for (int i = 0; i < 50; i++) pcd.gradient(rbm, batch, g);  // burn-in with the parameters held fixed
        // one estimate's error is 0.004 .. 0.02 (measured); the mean of 20 measured 0.0007
        double[] mean = new double[exact.length];
        int calls = 20;
        for (int i = 0; i < calls; i++) {
            double[] e = estimate(rbm, pcd, batch, g);
            for (int j = 0; j < e.length; j++) mean[j] += e[j] / calls;
        }
        double err = maxAbsDiff(mean, exact);
        assertTrue(err < 0.01, "PCD-1 max abs error " + err);
        assertTrue(pcd.chains().size(0) == batch.size(0), "one chain per batch row");
    }

    @Test
    void seededTrainingReproducesEveryBit() {
        Tensor data = batch().narrow(0, 0, 300);
        double[][] runs = new double[3][];
        long[] seeds = {7, 7, 8};
        for (int r = 0; r < 3; r++) {
            BernoulliRbm rbm = new BernoulliRbm(4, 3, DType.F32);
            rbm.initialise(new Generator(1), 0.01, data.to(DType.F32));
            RbmTrainer t = new RbmTrainer(rbm, ContrastiveDivergence.pcd(2, 50), RbmTrainer.Settings.hinton().withBatchSize(50), seeds[r]);
            for (int e = 0; e < 3; e++) t.epoch(data.to(DType.F32));
            runs[r] = rbm.parameters().toDoubleArray();
        }
        assertArrayEquals(runs[0], runs[1], "same seed, same bits");
        assertFalse(Arrays.equals(runs[0], runs[2]), "another seed, another run");
    }
}
