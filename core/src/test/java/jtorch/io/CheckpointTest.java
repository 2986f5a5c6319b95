package jtorch.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.Tanh;
import jtorch.nn.criterion.MSECriterion;
import jtorch.nn.layer.Dropout;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.State;
import jtorch.nn.FlatParameters;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.optim.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir Path dir;

    /** A small net after a few Adam steps, so the optimizer state holds counters and moment buffers. */
    static Checkpoint trained(int epoch) {
        Generator g = new Generator(9);
        Module net = new Sequential().add(new Linear(4, 5)).add(new Tanh()).add(new Dropout(0.2)).add(new Linear(5, 2));
        FlatParameters p = net.getParameters();
        Optimizer opt = new Optimizer("adam", Config.of("learningRate", 0.01, "beta1", 0.8, "weightDecay", 1e-4));
        State state = new State();
        MSECriterion crit = new MSECriterion();
        Tensor x = Tensor.randn(g, 8, 4), y = Tensor.randn(g, 8, 2);
        Feval f = w -> {
            net.zeroGradParameters();
            double loss = crit.forward(net.forward(x), y);
            net.backward(x, crit.backward(net.output(), y));
            return new Feval.Eval(loss, p.gradients());
        };
        for (int i = 0; i < 3; i++) opt.step(f, p.weights(), state);
        state.set("odd", Double.NaN).set("inf", Double.NEGATIVE_INFINITY).set("tiny", Double.MIN_VALUE);
        List<Map<String, Double>> history = List.of(
                new LinkedHashMap<>(Map.of("epoch", 1.0, "trainLoss", 0.1 + 0.2, "valLoss", Double.NaN)),
                new LinkedHashMap<>(Map.of("epoch", 2.0, "trainLoss", 1e-310, "valLoss", -0.0)));
        return new Checkpoint(epoch, net, opt, state, new Generator(77).split().state(), history);
    }

    static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), what);
    }

    @Test void roundTripRestoresEverythingExactly() {
        Checkpoint c = trained(7);
        Path f = dir.resolve("epoch-0007.ckpt");
        c.save(f);
        Checkpoint back = Checkpoint.load(f);
        assertEquals(7, back.epoch());
        assertEquals(ModuleRegistry.toJson(c.model()), ModuleRegistry.toJson(back.model()));
        SafetensorsTest.assertSameTensor("weights", c.model().getParameters().weights(), back.model().getParameters().weights());
        assertEquals(c.optimizer().name(), back.optimizer().name());
        assertEquals(c.optimizer().config().values(), back.optimizer().config().values());
        assertEquals(c.optimizerState().numbers().keySet(), back.optimizerState().numbers().keySet());
        c.optimizerState().numbers().forEach((k, v) -> assertBits(v, back.optimizerState().numbers().get(k), k));
        assertEquals(c.optimizerState().tensors().keySet(), back.optimizerState().tensors().keySet());
        assertTrue(c.optimizerState().tensors().size() >= 2, "adam keeps moment buffers");
        c.optimizerState().tensors().forEach((k, t) -> SafetensorsTest.assertSameTensor(k, t, back.optimizerState().tensor(k)));
        assertArrayEquals(c.rngState(), back.rngState());
        assertEquals(c.history().size(), back.history().size());
        for (int i = 0; i < c.history().size(); i++) {
            assertEquals(c.history().get(i).keySet(), back.history().get(i).keySet());
            Map<String, Double> row = back.history().get(i);
            c.history().get(i).forEach((k, v) -> assertBits(v, row.get(k), k));
        }
        Tensor x = Tensor.randn(new Generator(5), 3, 4);
        c.model().evaluate();
        back.model().evaluate();
        SafetensorsTest.assertSameTensor("output", c.model().forward(x).tensor(), back.model().forward(x).tensor());
    }

    @Test void resumedOptimizerContinuesBitForBit() {
        Checkpoint c = trained(1);
        Path f = dir.resolve("c.ckpt");
        c.save(f);
        Checkpoint back = Checkpoint.load(f);
        Tensor w1 = c.model().getParameters().weights(), w2 = back.model().getParameters().weights();
        Tensor g = Tensor.randn(new Generator(3), w1.numel());
        State s1 = c.optimizerState().copy().remove("odd").remove("inf").remove("tiny");
        State s2 = back.optimizerState().remove("odd").remove("inf").remove("tiny");
        for (int i = 0; i < 3; i++) {
            c.optimizer().step(w -> new Feval.Eval(1, g.clone()), w1, s1); // adam adds weight decay into g
            back.optimizer().step(w -> new Feval.Eval(1, g.clone()), w2, s2);
        }
        SafetensorsTest.assertSameTensor("weights after 3 more steps", w1, w2);
    }

    @Test void nullStateAndRngAreAllowed() {
        Path f = dir.resolve("n.ckpt");
        new Checkpoint(0, new Linear(2, 2), new Optimizer("sgd", new Config()), null, null, null).save(f);
        Checkpoint back = Checkpoint.load(f);
        assertTrue(back.optimizerState().isEmpty());
        assertNull(back.rngState());
        assertEquals(List.of(), back.history());
    }

    @Test void truncatedOrCorruptedCheckpointsGiveClearErrors() throws IOException {
        Path f = dir.resolve("good.ckpt");
        trained(3).save(f);
        byte[] good = Files.readAllBytes(f);
        Path bad = dir.resolve("bad.ckpt");
        for (int len : new int[] {0, 7, 8, 100, good.length / 2, good.length - 1}) {
            Files.write(bad, Arrays.copyOf(good, len));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(bad), "length " + len);
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        }
        // every single flipped byte in the data region is caught by the checksum
        int dataStart = 8 + (int) java.nio.ByteBuffer.wrap(good).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertTrue(good.length - dataStart > 400, "data region");
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 50; i++) {
            byte[] b = good.clone();
            int pos = dataStart + r.nextInt(good.length - dataStart);
            b[pos] ^= (byte) (1 << r.nextInt(8));
            Files.write(bad, b);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(bad), "byte " + pos);
            assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        }
        // a model file is not a checkpoint
        Path model = dir.resolve("model.safetensors");
        Model.save(new Linear(2, 2), model);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(model));
        assertTrue(e.getMessage().contains("not a checkpoint"), e.getMessage());
    }

    @Test void latestPicksTheHighestEpoch() throws IOException {
        assertNull(Checkpoint.latest(dir.resolve("none")));
        assertNull(Checkpoint.latest(dir));
        Checkpoint c = trained(1);
        c.save(dir.resolve("epoch-0002.ckpt"));
        c.save(dir.resolve("epoch-0010.ckpt"));
        c.save(dir.resolve("epoch-0009.ckpt"));
        Files.writeString(dir.resolve(".epoch-0011.ckpt.123.tmp"), "partial");
        assertEquals(dir.resolve("epoch-0010.ckpt"), Checkpoint.latest(dir));
    }
}
