package jtorch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jtorch.nn.Sequential;
import jtorch.nn.layer.Linear;
import jtorch.nn.norm.BatchNormalization;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** EmaModule: the warm-up decay, parameters and batch-norm buffers averaged, the source untouched; GanTrainer's ema. */
class EmaModuleTest {
    @Test void averagesWeightsAndBuffersWithWarmUpDecay() {
        Generator.manualSeed(3);
        Sequential net = new Sequential().add(new Linear(3, 2)).add(new BatchNormalization(2));
        net.getParameters(); // as the trainer does: the weights become views of one flat tensor
        EmaModule ema = new EmaModule(net, 0.9);
        assertNotSame(net, ema.module());
        assertFalse(ema.module().isTraining());
        float[] w0 = net.stateDict().get("0.weight").toFloatArray();
        float[] m0 = net.stateDict().get("1.running_mean").toFloatArray();
        net.training().forward(Tensor.randn(new Generator(5), 8, 3)); // moves the running statistics
        net.stateDict().get("0.weight").addInPlace(1.0); // a "step"
        float[] w1 = net.stateDict().get("0.weight").toFloatArray(), m1 = net.stateDict().get("1.running_mean").toFloatArray();
        ema.update(); // beta_1 = min(0.9, 2/11)
        double b = 2.0 / 11;
        float[] wa = ema.module().stateDict().get("0.weight").toFloatArray();
        float[] ma = ema.module().stateDict().get("1.running_mean").toFloatArray();
        for (int i = 0; i < w0.length; i++) assertEquals(b * w0[i] + (1 - b) * w1[i], wa[i], 1e-6, "weight " + i);
        for (int i = 0; i < m0.length; i++) assertEquals(b * m0[i] + (1 - b) * m1[i], ma[i], 1e-6, "running mean " + i);
        for (int t = 2; t <= 200; t++) ema.update(); // the source no longer moves: the average converges to it
        assertArrayEquals(w1, ema.module().stateDict().get("0.weight").toFloatArray(), 1e-5f);
        assertArrayEquals(w1, net.stateDict().get("0.weight").toFloatArray(), 0f); // the source is untouched
        assertEquals(200, ema.updates());
        assertThrows(IllegalArgumentException.class, () -> new EmaModule(net, 1.0));
    }

    @Test void trainerKeepsAnAverageOnlyWhenAsked() {
        GanTrainer plain = GanTrainerTest.toy(1, 1).build();
        plain.fit();
        Tensor z = plain.noise(new Generator(2), 16);
        assertThrows(IllegalStateException.class, () -> plain.generate(z, true));
        GanTrainer t = GanTrainerTest.toy(1, 2).ema(0.99).build();
        t.fit();
        assertEquals(64, t.ema().updates(), "one update per step: 2 epochs of 32 batches");
        Tensor avg = t.generate(z, true), raw = t.generate(z, false);
        assertEquals(16, avg.size(0));
        assertFalse(java.util.Arrays.equals(avg.toFloatArray(), raw.toFloatArray()), "the average differs from the last G");
        assertThrows(IllegalArgumentException.class, () -> GanTrainerTest.toy(1, 1).ema(1.0));
    }
}
