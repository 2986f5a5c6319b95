package jtorch.unsup.rbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Free energy, log Z, the exact log-likelihood and its exact gradient of tiny Bernoulli RBMs against brute force. */
class PartitionFunctionTest {
    static final Tensor DATA = Tensor.of(new double[] {1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 1}, 5, 4);

    @Test
    void freeEnergyAndEnergyMatchBruteForce() {
        BernoulliRbm rbm = BruteForce.bernoulli(4, 3, 1.0, 1);
        BruteForce bf = new BruteForce(rbm);
        Tensor vs = BruteForce.allStates(4);
        double[] f = rbm.freeEnergy(vs).toDoubleArray();
        for (int k = 0; k < 16; k++) assertEquals(bf.freeEnergy(BruteForce.bits(k, 4)), f[k], 1e-12, "F(v) for v = " + k);
        Tensor hs = HiddenStates.block(DType.F64, 3, 0, 8);
        for (int k = 0; k < 16; k++) {
            double[] e = rbm.energy(vs.narrow(0, k, 1).expand(8, 4).contiguous(), hs).toDoubleArray();
            for (int hk = 0; hk < 8; hk++) {
                assertEquals(bf.energy(BruteForce.bits(k, 4), BruteForce.bits(hk, 3)), e[hk], 1e-12, "E(" + k + ", " + hk + ")");
            }
        }
    }

    @Test
    void hiddenStatesCountInBinary() {
        assertArrayEquals(BruteForce.allStates(5).toDoubleArray(), HiddenStates.block(DType.F64, 5, 0, 32).toDoubleArray());
        assertArrayEquals(BruteForce.allStates(5).narrow(0, 13, 7).toDoubleArray(),
                HiddenStates.block(DType.F32, 5, 13, 7).toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> HiddenStates.block(DType.F64, 5, 30, 3));
    }

    @Test
    void logZAndLikelihoodMatchBruteForce() {
        BernoulliRbm rbm = BruteForce.bernoulli(4, 3, 1.5, 2);
        BruteForce bf = new BruteForce(rbm);
        assertEquals(bf.logZ(), PartitionFunction.logZ(rbm), 1e-12);
        double ll = 0;
        for (double[] v : BruteForce.rows(DATA)) ll += -bf.freeEnergy(v) - bf.logZ();
        assertEquals(ll / 5, PartitionFunction.logLikelihood(rbm, DATA), 1e-12);
    }

    @Test
    void blockedLogZOverManyBlocksMatchesTheVisibleSum() {
        // H = 15: 2 blocks of 2^14 hidden configurations, against log Σ_v e^{-F(v)} over the 8 visible states; large
        // weights (std 10) put log Z above 88, where e^{log M} overflows F32: the F32 model must survive it too
        BernoulliRbm rbm = BruteForce.bernoulli(3, 15, 10.0, 3);
        double viaVisible = rbm.freeEnergy(BruteForce.allStates(3)).negInPlace().logsumexp();
        double viaHidden = PartitionFunction.logZ(rbm);
        assertTrue(viaHidden > 88, "a test with large log Z: " + viaHidden);
        assertEquals(viaVisible, viaHidden, 1e-12 * viaVisible);
        BernoulliRbm f32 = new BernoulliRbm(3, 15, DType.F32);
        f32.parameters().copy(rbm.parameters());
        assertEquals(viaVisible, PartitionFunction.logZ(f32), 1e-5 * viaVisible, "F32");
    }

    @Test
    void exactGradientMatchesEnumerationAndFiniteDifferences() {
        BernoulliRbm rbm = BruteForce.bernoulli(4, 3, 1.0, 4);
        double[] enumerated = new BruteForce(rbm).nllGradient(BruteForce.rows(DATA));
        rbm.zeroGradParameters();
        PartitionFunction.accNegativeLogLikelihoodGradient(rbm, DATA);
        double[] exact = rbm.gradParameters().toDoubleArray();
        double[] fd = Numeric.finiteDifference(rbm, () -> -PartitionFunction.logLikelihood(rbm, DATA));
        for (int i = 0; i < exact.length; i++) {
            assertEquals(enumerated[i], exact[i], 1e-12, "parameter " + i + ": tensor code vs enumeration over (v, h)");
            assertEquals(fd[i], exact[i], 1e-7, "parameter " + i + ": exact gradient vs finite differences");
        }
    }

    @Test
    void independentPixelModelIsTheZeroWeightRbm() {
        BernoulliRbm rbm = new BernoulliRbm(4, 6, DType.F64);
        rbm.initialise(new jtorch.tensor.Generator(1), 0, DATA);
        double[] p = DATA.sum(0, false).addInPlace(1).divInPlace(7).toDoubleArray();
        double ll = 0;
        for (double[] v : BruteForce.rows(DATA)) {
            for (int i = 0; i < 4; i++) ll += Math.log(v[i] == 1 ? p[i] : 1 - p[i]);
        }
        assertEquals(ll / 5, PartitionFunction.logLikelihood(rbm, DATA), 1e-12);
    }

    @Test
    void tooManyHiddenUnitsAndBadShapesAreClearErrors() {
        BernoulliRbm big = new BernoulliRbm(4, 21, DType.F64);
        var e = assertThrows(IllegalArgumentException.class, () -> PartitionFunction.logZ(big));
        assertTrue(e.getMessage().contains("21 hidden units") && e.getMessage().contains("H <= 20"), e.getMessage());
        BernoulliRbm rbm = new BernoulliRbm(4, 3, DType.F64);
        e = assertThrows(IllegalArgumentException.class, () -> rbm.freeEnergy(Tensor.zeros(DType.F64, 2, 5)));
        assertTrue(e.getMessage().contains("BernoulliRbm.freeEnergy") && e.getMessage().contains("[B, 4]")
                && e.getMessage().contains("[2, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rbm.hiddenProbabilities(Tensor.zeros(DType.F64, 4)));
        assertTrue(e.getMessage().contains("unsqueeze(0)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rbm.freeEnergy(Tensor.zeros(DType.F32, 2, 4)));
        assertTrue(e.getMessage().contains("F32") && e.getMessage().contains("F64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rbm.energy(Tensor.zeros(DType.F64, 2, 4), Tensor.zeros(DType.F64, 3, 3)));
        assertTrue(e.getMessage().contains("2 visible rows but 3 hidden rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BernoulliRbm(0, 3, DType.F64));
        assertThrows(IllegalArgumentException.class, () -> ContrastiveDivergence.cd(0));
    }
}
