package jtorch.nn.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.Jacobian;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GaussianSamplerTest {

    private static Tensor r64(long seed, int... s) { return Tensor.randn(DType.F64, new Generator(seed), s).to(Backends.ref()); }

    @Test
    void samplesHaveTheRequestedMeanAndVariance() {
        int b = 20000;
        Tensor mu = Tensor.full(DType.F32, 1, b, 2), lv = Tensor.full(DType.F32, Math.log(4), b, 2);
        Tensor z = new GaussianSampler(new Generator(5)).forward(Table.of(mu, lv)).toTensor("z");
        assertEquals(1, z.mean(), 0.05);
        assertEquals(4, z.var(), 0.15);
    }

    @Test
    void zIsMuPlusSigmaTimesTheDrawnNoiseFromTheSeededStream() {
        Tensor mu = r64(1, 3, 4), lv = r64(2, 3, 4);
        GaussianSampler s = new GaussianSampler(new Generator(7)).to(DType.F64);
        Tensor z = s.forward(Table.of(mu, lv)).toTensor("z");
        Tensor eps = Tensor.randn(DType.F64, new Generator(7), 3, 4);
        assertArrayEquals(eps.toDoubleArray(), s.noise().toDoubleArray(), 0);
        Tensor want = mu.add(lv.mul(0.5).exp().mul(eps.to(Backends.ref())));
        assertArrayEquals(want.toDoubleArray(), z.toDoubleArray(), 1e-15);
        double[] first = z.toDoubleArray();
        assertNotEquals(first[0], s.forward(Table.of(mu, lv)).toTensor("z").get(0, 0), "fresh noise at every forward");
    }

    @Test
    void evaluateGivesTheMeanAndNoLogvarGradient() {
        Tensor mu = r64(3, 2, 3), lv = r64(4, 2, 3), g = r64(5, 2, 3);
        GaussianSampler s = new GaussianSampler(new Generator(1)).to(DType.F64).evaluate();
        assertSame(mu, s.forward(Table.of(mu, lv)));
        Table gi = s.backward(Table.of(mu, lv), g).table();
        assertArrayEquals(g.toDoubleArray(), gi.tensor(0).toDoubleArray(), 0);
        assertEquals(0, gi.tensor(1).abs().max(), 0);
    }

    @Test
    void jacobianWithFrozenNoise() {
        GaussianSampler s = new GaussianSampler(new Generator(9)).freezeNoise(true).to(DType.F64);
        Jacobian.check(s, Table.of(r64(6, 4, 3), r64(7, 4, 3).mul(2))).assertBelow(Jacobian.TOLERANCE);
    }

    @Test
    void theStreamIsSavedInTheBufferAndClonesContinueOrSplitIt() {
        Tensor mu = Tensor.zeros(2, 5), lv = Tensor.zeros(2, 5);
        GaussianSampler a = new GaussianSampler(new Generator(11));
        a.forward(Table.of(mu, lv));
        GaussianSampler resumed = new GaussianSampler(new Generator(0));
        resumed.loadStateDict(a.stateDict(), true);
        GaussianSampler copy = a.clone();
        float[] next = copy.forward(Table.of(mu, lv)).toTensor("z").toFloatArray();
        assertArrayEquals(next, resumed.forward(Table.of(mu, lv)).toTensor("z").toFloatArray(), 0);
        GaussianSampler shared = a.sharedClone(false); // splits a's stream: a and the clone then draw differently
        float[] mine = a.forward(Table.of(mu, lv)).toTensor("z").toFloatArray();
        float[] other = shared.forward(Table.of(mu, lv)).toTensor("z").toFloatArray();
        assertTrue(other[0] != mine[0] || other[1] != mine[1], "a shared clone draws from its own stream");
    }

    @Test
    void badInputsAreClearErrors() {
        GaussianSampler s = new GaussianSampler();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.forward(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("{mu, logvar}"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.forward(Table.of(Tensor.zeros(2, 3), Tensor.zeros(2, 4))));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
    }

    @Test
    void backendNormalDrawsTheRandnStream() {
        for (var be : new jtorch.backend.Backend[] {Backends.ref(), Backends.cpu()}) {
            Tensor t = Tensor.zeros(be, DType.F32, 3, 5);
            be.normal(t, new Generator(3));
            assertArrayEquals(Tensor.randn(new Generator(3), 3, 5).toFloatArray(), t.toFloatArray(), 0);
            Tensor v = Tensor.zeros(be, DType.F64, 5, 3).t(); // non-contiguous
            be.normal(v, new Generator(4));
            assertArrayEquals(Tensor.randn(DType.F64, new Generator(4), 3, 5).toDoubleArray(), v.toDoubleArray(), 0);
        }
    }
}
