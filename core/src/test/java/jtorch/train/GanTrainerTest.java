package jtorch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import jtorch.data.DataLoader;
import jtorch.data.TensorDataset;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LeakyReLU;
import jtorch.nn.activation.ReLU;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** GanTrainer on a 2-d Gaussian toy distribution: moments move toward the data's, reproducibility, collapse reports. */
class GanTrainerTest {
    static final double[] MEAN = {2, -1}, SD = {0.5, 1.0};

    /** 2048 points of N(MEAN, diag(SD²)). */
    static DataLoader toyData(long seed) {
        Generator r = new Generator(seed);
        int n = 2048;
        float[] v = new float[n * 2];
        for (int i = 0; i < n; i++) for (int j = 0; j < 2; j++) v[2 * i + j] = (float) (MEAN[j] + SD[j] * r.nextGaussian());
        return new DataLoader(new TensorDataset(Tensor.of(v, n, 2), Tensor.zeros(n)), 64, true, seed, false);
    }

    static Sequential generator() {
        return new Sequential().add(new Linear(4, 16)).add(new ReLU()).add(new Linear(16, 2));
    }

    static Sequential discriminator() {
        return new Sequential().add(new Linear(2, 32)).add(new LeakyReLU(0.2)).add(new Linear(32, 1));
    }

    static Optimizer adam(double lr) { return new Optimizer("adam", Config.of("learningRate", lr, "beta1", 0.5)); }

    static GanTrainer.Builder toy(long seed, int epochs) {
        Generator.manualSeed(seed);
        return GanTrainer.builder(generator(), discriminator(), adam(5e-3), adam(5e-3)).data(toyData(7)).latent(4)
                .epochs(epochs).seed(seed);
    }

    /** Per-dimension mean and standard deviation of x [N, 2]. */
    static double[][] moments(Tensor x) {
        float[] v = x.toFloatArray();
        int n = x.size(0);
        double[][] m = new double[2][2];
        for (int j = 0; j < 2; j++) {
            double s = 0, q = 0;
            for (int i = 0; i < n; i++) { s += v[2 * i + j]; q += v[2 * i + j] * (double) v[2 * i + j]; }
            m[0][j] = s / n;
            m[1][j] = Math.sqrt(q / n - m[0][j] * m[0][j]);
        }
        return m;
    }

    @Test
    void generatorMomentsMoveTowardTheData() {
        GanTrainer t = toy(3, 8).collapseCheck(CollapseCheck.none()).build();
        double[][] before = moments(t.generate(t.noise(new Generator(11), 2000)));
        List<GanEpoch> h = t.fit();
        double[][] after = moments(t.generate(t.noise(new Generator(11), 2000)));
        for (int j = 0; j < 2; j++) {
            String at = "dim " + j + ": mean " + before[0][j] + " -> " + after[0][j] + ", sd " + before[1][j] + " -> " + after[1][j];
            assertTrue(Math.abs(after[0][j] - MEAN[j]) < 0.35 * Math.abs(before[0][j] - MEAN[j]) + 0.1, at);
            assertTrue(Math.abs(after[0][j] - MEAN[j]) < 0.4, at);
            assertTrue(Math.abs(after[1][j] - SD[j]) < 0.5 * SD[j], at);
        }
        GanEpoch last = h.getLast();
        assertEquals(8, h.size());
        assertTrue(Double.isFinite(last.dLoss()) && Double.isFinite(last.gLoss()), last.summary());
        // near equilibrium D cannot tell: D(x) and D(G(z)) both near 1/2, L_D near 2 log 2
        assertTrue(last.dReal() > 0.3 && last.dReal() < 0.7 && last.dFake() > 0.3 && last.dFake() < 0.7, last.summary());
        assertTrue(last.diversity() > 0.6 && last.diversity() < 1.5, last.summary());
    }

    @Test
    void sameSeedSameBitsOtherSeedOtherBits() {
        GanTrainer a = toy(5, 2).build(), b = toy(5, 2).build(), c = toy(6, 2).build();
        List<GanEpoch> ha = a.fit(), hb = b.fit(), hc = c.fit();
        assertEquals(ha, hb);
        assertArrayEquals(a.generator().getParameters().weights().toFloatArray(), b.generator().getParameters().weights().toFloatArray());
        assertArrayEquals(a.discriminator().getParameters().weights().toFloatArray(), b.discriminator().getParameters().weights().toFloatArray());
        assertFalse(ha.equals(hc));
    }

    @Test
    void progressLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        toy(1, 1).progress(new PrintStream(bytes, true), 16).build().fit();
        String out = bytes.toString();
        assertTrue(out.contains("gan epoch 1 batch 16/32: D loss "), out);
        assertTrue(out.contains("gan epoch 1: D loss ") && out.contains("diversity"), out);
    }

    @Test
    void discriminatorWinningIsReported() {
        // G cannot learn (lr 0), D learns fast: D's loss goes to ~0 and the run is stopped
        Generator.manualSeed(2);
        GanTrainer t = GanTrainer.builder(generator(), discriminator(), new Optimizer("sgd", Config.of("learningRate", 0.0)),
                adam(0.05)).data(toyData(7)).latent(4).epochs(20).collapseCheck(new CollapseCheck(0.01, 20, 0, 1, 1)).build();
        GanCollapseException e = assertThrows(GanCollapseException.class, t::fit);
        assertTrue(e.getMessage().contains("discriminator loss averaged"), e.getMessage());
        assertTrue(e.batch() > 0);
    }

    @Test
    void constantGeneratorIsReportedAsModeCollapse() {
        Sequential g = generator();
        Linear out = (Linear) g.get(2);
        out.weight().fillInPlace(0); // G(z) = its bias: every sample alike
        GanTrainer t = GanTrainer.builder(g, discriminator(), new Optimizer("sgd", Config.of("learningRate", 0.0)),
                adam(1e-3)).data(toyData(7)).latent(4).epochs(3).collapseCheck(new CollapseCheck(0, 1, 0.25, 1, 1)).build();
        GanCollapseException e = assertThrows(GanCollapseException.class, t::fit);
        assertTrue(e.getMessage().contains("sample diversity 0.000 is below 0.250"), e.getMessage());
        assertEquals(1, e.epoch());
        assertEquals(0, e.batch());
        assertTrue(e.history().isEmpty());
    }

    @Test
    void classHistogramTest() {
        CollapseCheck c = CollapseCheck.defaults();
        assertNull(c.epochReason(1, 1.0, new int[] {30, 25, 45}));
        String why = c.epochReason(1, 1.0, new int[] {10, 80, 10});
        assertNotNull(why);
        assertTrue(why.contains("class 1 takes 80 of 100"), why);
        // a monitor classifier: the sign of the first coordinate decides the class
        Linear cls = new Linear(2, 2);
        cls.weight().copy(Tensor.of(new float[] {-1, 0, 1, 0}, 2, 2));
        cls.bias().fillInPlace(0);
        int[] h = GanTrainer.classHistogram(cls, Tensor.of(new float[] {1, 0, 2, 0, -1, 0}, 3, 2));
        assertArrayEquals(new int[] {1, 2}, h);
        assertEquals(0, CollapseCheck.diversity(Tensor.ones(5, 3), Tensor.randn(new Generator(1), 5, 3)), 0);
    }

    @Test
    void scheduleSetsEachOptimizersRatePerEpochAndRestoresIt() {
        // epoch 1 at each base rate, epoch 2 at rate 0: nothing moves in epoch 2, and the base rates come back
        Optimizer og = adam(5e-3), od = adam(2e-3);
        Generator.manualSeed(3);
        Sequential g = generator(), d = discriminator();
        List<Double> seen = new java.util.ArrayList<>();
        Tensor[] after1 = new Tensor[2];
        GanTrainer t = GanTrainer.builder(g, d, og, od).data(toyData(7)).latent(4).epochs(2).seed(3)
                .schedule((e, base, v) -> { seen.add(base); assertNull(v); return e == 1 ? base : 0; })
                .onEpochEnd((e, tr) -> {
                    if (e.epoch() == 1) { after1[0] = g.getParameters().weights().clone(); after1[1] = d.getParameters().weights().clone(); }
                }).build();
        t.fit();
        assertEquals(List.of(5e-3, 2e-3, 5e-3, 2e-3), seen);
        assertArrayEquals(after1[0].toFloatArray(), g.getParameters().weights().toFloatArray());
        assertArrayEquals(after1[1].toFloatArray(), d.getParameters().weights().toFloatArray());
        assertEquals(5e-3, og.learningRate());
        assertEquals(2e-3, od.learningRate());
    }

    @Test
    void badOptionsAreRejected() {
        var b = GanTrainer.builder(generator(), discriminator(), adam(1e-3), adam(1e-3));
        assertTrue(assertThrows(IllegalArgumentException.class, b::build).getMessage().contains("data loader"));
        assertThrows(IllegalArgumentException.class, () -> b.latent(0));
        assertThrows(IllegalArgumentException.class, () -> b.realLabel(0));
        assertThrows(IllegalArgumentException.class, () -> new CollapseCheck(-1, 1, 0, 1, 1));
        Sequential same = generator();
        assertThrows(IllegalArgumentException.class, () -> GanTrainer.builder(same, same, adam(1e-3), adam(1e-3)));
    }
}
