package jtorch.nn.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jtorch.backend.Backends;
import jtorch.io.Model;
import jtorch.nn.Jacobian;
import jtorch.nn.Sequential;
import jtorch.nn.layer.Linear;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corruption modules: rates, no rescaling, the same mask in backward, evaluate mode, seeds, saving, Jacobians. */
class NoiseTest {
    @TempDir Path dir;

    /** Values in [0.1, 0.9]: never 0 or 1, so corrupted elements are recognised. */
    private static Tensor images(long seed, int... sizes) {
        return Tensor.rand(new Generator(seed), sizes).mulInPlace(0.8).addInPlace(0.1);
    }

    @Test void maskingZeroesAFractionPWithoutRescaling() {
        Tensor x = images(1, 200, 100);
        MaskingNoise m = new MaskingNoise(0.3, new Generator(2));
        Tensor y = m.forward(x);
        double[] xv = x.toDoubleArray(), yv = y.toDoubleArray();
        int zeros = 0;
        for (int i = 0; i < xv.length; i++) {
            if (yv[i] == 0) zeros++;
            else assertEquals(xv[i], yv[i], 0, "kept values are not rescaled");
        }
        assertEquals(0.3, zeros / (double) xv.length, 0.015); // 20,000 draws: 3 sigma ≈ 0.01
        Tensor g = Tensor.ones(200, 100);
        assertArrayEquals(m.mask().toDoubleArray(), m.backward(x, g).toDoubleArray(), "backward masks with the same mask");
        m.evaluate();
        assertSame(x, m.forward(x), "identity in evaluate mode");
        assertSame(g, m.backward(x, g));
    }

    @Test void saltAndPepperSetsAFractionPToZeroOrOne() {
        Tensor x = images(3, 200, 100);
        SaltAndPepperNoise s = new SaltAndPepperNoise(0.2, new Generator(4));
        double[] xv = x.toDoubleArray(), yv = s.forward(x).toDoubleArray(), k = s.keep().toDoubleArray();
        int zeros = 0, ones = 0;
        for (int i = 0; i < xv.length; i++) {
            if (k[i] == 1) assertEquals(xv[i], yv[i], 0);
            else if (yv[i] == 0) zeros++;
            else if (yv[i] == 1) ones++;
            else throw new AssertionError("corrupted element " + i + " is " + yv[i]);
        }
        assertEquals(0.2, (zeros + ones) / (double) xv.length, 0.012);
        assertEquals(0.5, zeros / (double) (zeros + ones), 0.03);
        assertArrayEquals(k, s.backward(x, Tensor.ones(200, 100)).toDoubleArray());
        assertSame(x, s.evaluate().forward(x));
    }

    @Test void whiteNoiseAddsGaussianNoise() {
        Tensor x = images(5, 200, 100);
        WhiteNoise w = new WhiteNoise(0.25, 0.5, new Generator(6));
        Tensor e = w.forward(x).sub(x);
        assertEquals(0.25, e.mean(), 0.012);
        assertEquals(0.5, Math.sqrt(e.var()), 0.01);
        Tensor g = Tensor.randn(new Generator(7), 200, 100);
        assertArrayEquals(g.toFloatArray(), w.backward(x, g).toFloatArray());
        w.evaluate();
        assertArrayEquals(x.add(0.25).toFloatArray(), w.forward(x).toFloatArray(), 0, "evaluate adds the mean (dpnn)");
        WhiteNoise zero = new WhiteNoise(0.1).evaluate();
        assertSame(x, zero.forward(x));
    }

    @Test void seededReproducibleAndFreshEveryForward() {
        Tensor x = images(8, 4, 50);
        for (Noise n : new Noise[] {new MaskingNoise(0.5, new Generator(9)), new SaltAndPepperNoise(0.5, new Generator(9)),
                new WhiteNoise(0.3, new Generator(9))}) {
            Noise twin = n.clone();
            float[] a = n.forward(x).toFloatArray(), b = n.forward(x).toFloatArray();
            assertFalse(java.util.Arrays.equals(a, b), n.name() + ": a new draw at each forward");
            assertArrayEquals(a, twin.forward(x).toFloatArray(), n.name() + ": a clone continues the same stream");
            Noise other = n.sharedClone(false);
            assertFalse(java.util.Arrays.equals(n.forward(x).toFloatArray(), other.forward(x).toFloatArray()),
                    n.name() + ": a shared clone draws from a split stream");
            n.freezeNoise(true);
            float[] c = n.forward(x).toFloatArray();
            assertArrayEquals(c, n.forward(x).toFloatArray(), n.name() + ": frozen noise");
        }
    }

    @Test void aSavedModelResumesTheSameStream() throws Exception {
        Generator.manualSeed(10);
        Sequential net = new Sequential(new MaskingNoise(0.25), new SaltAndPepperNoise(0.1), new WhiteNoise(0.2),
                new Linear(30, 3));
        Tensor x = images(11, 5, 30);
        net.forward(x);
        Path f = dir.resolve("noisy.safetensors");
        Model.save(net, f);
        Sequential back = (Sequential) Model.load(f);
        assertTrue(Files.size(f) > 0);
        assertArrayEquals(net.forward(x).toFloatArray(), back.forward(x).toFloatArray());
    }

    @Test void jacobiansWithTheNoiseHeldFixed() {
        Tensor x = Tensor.rand(DType.F64, new Generator(12), 3, 5).to(Backends.ref()).mulInPlace(0.8).addInPlace(0.1);
        for (Noise n : new Noise[] {new MaskingNoise(0.4, new Generator(13)), new SaltAndPepperNoise(0.4, new Generator(14)),
                new WhiteNoise(0.1, 0.3, new Generator(15))}) {
            Jacobian.check(n.freezeNoise(true).to(DType.F64), x).assertBelow(Jacobian.TOLERANCE);
            Jacobian.check(n.evaluate(), x).assertBelow(Jacobian.TOLERANCE);
        }
    }

    @Test void errorsNameTheModule() {
        assertThrows(IllegalArgumentException.class, () -> new MaskingNoise(1.5));
        assertThrows(IllegalArgumentException.class, () -> new SaltAndPepperNoise(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new WhiteNoise(-1));
        MaskingNoise m = new MaskingNoise(0.5);
        m.forward(images(16, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.backward(images(16, 2, 3), Tensor.ones(2, 4)));
        assertTrue(e.getMessage().startsWith("MaskingNoise(0.5): gradOutput has shape"), e.getMessage());
    }
}
