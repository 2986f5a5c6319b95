package jtorch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.data.DataLoader;
import jtorch.data.TensorDataset;
import jtorch.nn.ConcatTable;
import jtorch.nn.ParallelTable;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LeakyReLU;
import jtorch.nn.activation.ReLU;
import jtorch.nn.layer.Linear;
import jtorch.nn.layer.View;
import jtorch.nn.reduce.Sum;
import jtorch.nn.table.CAddTable;
import jtorch.nn.table.CMulTable;
import jtorch.nn.table.SelectTable;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A class-conditional GanTrainer on two 2-d Gaussians, one per class: G learns each class's own mean. */
class ConditionalGanTest {
    static final double[][] MEANS = {{2, -1}, {-2, 1.5}};
    static final double SD = 0.3;

    /** 2048 points, label i % 2, drawn from N(MEANS[label], SD² I). */
    static DataLoader data(int badLabel) {
        Generator r = new Generator(7);
        int n = 2048;
        float[] v = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 2; j++) v[2 * i + j] = (float) (MEANS[y[i]][j] + SD * r.nextGaussian());
        }
        if (badLabel >= 0) y[5] = badLabel;
        return new DataLoader(new TensorDataset(Tensor.of(v, n, 2), Tensor.of(y, n)), 64, true, 7, false);
    }

    /** D(x, y) = w·φ(x) + b + e_yᵀ E φ(x), φ(x) = LeakyReLU(W x + c) [B, 32]. */
    static Sequential projectionD() {
        return new Sequential().add(new ParallelTable().add(new Sequential().add(new Linear(2, 32)).add(new LeakyReLU(0.2)))
                        .add(new Linear(2, 32, false)))
                .add(new ConcatTable().add(new Sequential().add(new SelectTable(0)).add(new Linear(32, 1)))
                        .add(new Sequential().add(new CMulTable()).add(new Sum(1)).add(new View(1))))
                .add(new CAddTable());
    }

    static GanTrainer trainer(long seed, int epochs, DataLoader data) {
        Generator.manualSeed(seed);
        Sequential g = new Sequential().add(new Linear(4 + 2, 32)).add(new ReLU()).add(new Linear(32, 2));
        Optimizer og = new Optimizer("adam", Config.of("learningRate", 5e-3, "beta1", 0.5));
        Optimizer od = new Optimizer("adam", Config.of("learningRate", 5e-3, "beta1", 0.5));
        return GanTrainer.builder(g, projectionD(), og, od).data(data).latent(4).epochs(epochs).seed(seed)
                .conditional(2).collapseCheck(CollapseCheck.none()).build();
    }

    /** The mean of G's samples for label {@code c}. */
    static double[] classMean(GanTrainer t, int c) {
        int n = 1000;
        int[] y = new int[n];
        java.util.Arrays.fill(y, c);
        float[] v = t.generate(t.input(t.noise(new Generator(11), n), Tensor.of(y, n))).toFloatArray();
        double[] m = new double[2];
        for (int i = 0; i < n; i++) for (int j = 0; j < 2; j++) m[j] += v[2 * i + j] / n;
        return m;
    }

    static double distance(double[] a, double[] b) { return Math.hypot(a[0] - b[0], a[1] - b[1]); }

    @Test
    void eachLabelGetsItsOwnClassMean() {
        GanTrainer t = trainer(3, 10, data(-1));
        double before = distance(classMean(t, 0), classMean(t, 1));
        t.fit();
        for (int c = 0; c < 2; c++) {
            double[] m = classMean(t, c);
            String at = "label " + c + ": sample mean " + java.util.Arrays.toString(m) + ", class mean "
                    + java.util.Arrays.toString(MEANS[c]) + " (the class means are " + distance(MEANS[0], MEANS[1]) + " apart)";
            assertTrue(distance(m, MEANS[c]) < 0.5, at);
            assertTrue(distance(m, MEANS[c]) < 0.2 * distance(m, MEANS[1 - c]), at);
        }
        assertTrue(before < 1, "untrained G should barely depend on the label: its class means are " + before + " apart");
    }

    @Test
    void sameSeedSameBits() {
        GanTrainer a = trainer(5, 2, data(-1)), b = trainer(5, 2, data(-1));
        assertEquals(a.fit(), b.fit());
        assertArrayEquals(a.generator().getParameters().weights().toFloatArray(), b.generator().getParameters().weights().toFloatArray());
        // the monitor noise carries the labels 0, 1, 0, 1, ...: z ⊕ e_y
        Tensor f = a.fixedNoise();
        assertEquals(6, f.size(1));
        assertArrayEquals(new float[] {1, 0, 0, 1}, f.narrow(0, 0, 2).narrow(1, 4, 2).contiguous().toFloatArray());
    }

    @Test
    void labelMistakesAreNamed() {
        GanTrainer bad = trainer(1, 1, data(2));
        String m = assertThrows(IllegalArgumentException.class, bad::fit).getMessage();
        assertTrue(m.contains("the loader's targets") && m.contains("is 2, not a class index in 0..1"), m);
        GanTrainer t = trainer(1, 1, data(-1));
        Tensor z = t.noise(new Generator(1), 3);
        m = assertThrows(IllegalArgumentException.class, () -> t.input(z, null)).getMessage();
        assertTrue(m.contains("conditional (2 classes)"), m);
        m = assertThrows(IllegalArgumentException.class, () -> t.input(z, Tensor.of(new int[] {0, 1}, 2))).getMessage();
        assertTrue(m.contains("one label per row"), m);
        GanTrainer plain = GanTrainerTest.toy(1, 1).build();
        m = assertThrows(IllegalArgumentException.class, () -> plain.input(z, Tensor.of(new int[] {0, 1, 0}, 3))).getMessage();
        assertTrue(m.contains("not conditional"), m);
        assertEquals(0, plain.classes());
        assertThrows(IllegalArgumentException.class, () -> GanTrainerTest.toy(1, 1).conditional(1));
    }
}
