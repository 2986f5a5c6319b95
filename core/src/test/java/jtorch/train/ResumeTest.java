package jtorch.train;

import jtorch.optim.Optimizer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jtorch.data.DataLoader;
import jtorch.data.TensorDataset;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.Tanh;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Dropout;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming from the epoch-2 checkpoint of a 4-epoch run gives bit-identical weights to the uninterrupted run:
 * shuffled loader, Dropout on the global generator, SGD with momentum, L2, clipping and a stateful schedule.
 */
class ResumeTest {
    @TempDir Path dir;

    static TensorDataset[] data() {
        Generator g = new Generator(3);
        Tensor x = Tensor.randn(g, 240, 10), teacher = Tensor.randn(g, 10, 3);
        Tensor y = x.mm(teacher).argmax(1, false);
        return new TensorDataset(x, y).randomSplit(0.25, 5);
    }

    static Sequential model(long initSeed) {
        Generator.manualSeed(initSeed);
        return new Sequential().add(new Linear(10, 16)).add(new Tanh()).add(new Dropout(0.2))
                .add(new Linear(16, 3)).add(new LogSoftMax());
    }

    /** A stateful schedule: × 0.7 for every validation loss it has been shown (so resume must replay the history). */
    static LrSchedule countingSchedule() {
        return new LrSchedule() {
            int seen;

            @Override public double learningRate(int epoch, double baseLr, Double lastValLoss) {
                if (lastValLoss != null) seen++;
                return baseLr * Math.pow(0.7, seen);
            }

            @Override public void reset() { seen = 0; }
        };
    }

    static Trainer trainer(Sequential m, int epochs, Path ckpt) {
        TensorDataset[] d = data();
        return Trainer.builder(m, new ClassNLLCriterion(), new Optimizer("sgd", Config.of("learningRate", 0.2, "momentum", 0.9)))
                .train(new DataLoader(d[1], 32, true, 17, false)).validation(new DataLoader(d[0], 64, false, 0, false))
                .epochs(epochs).schedule(countingSchedule()).l2(1e-3).clipGradNorm(5)
                .checkpointDir(ckpt).seed(11).build();
    }

    @Test void resumedRunIsBitIdentical() throws Exception {
        Sequential a = model(7);
        History full = trainer(a, 4, dir.resolve("a")).fit();
        float[] expected = a.getParameters().weights().toFloatArray();

        trainer(model(7), 2, dir.resolve("b")).fit();
        Path ck = Trainer.checkpointPath(dir.resolve("b"), 2);
        assertTrue(Files.exists(ck), "checkpoint written");
        Sequential b = model(99); // different initial weights: resume must restore them
        Generator.global().nextLong(); // disturb the generator (the Dropout's): resume must restore it
        History resumed = trainer(b, 4, dir.resolve("c")).resume(ck);

        assertArrayEquals(expected, b.getParameters().weights().toFloatArray());
        assertEquals(4, resumed.size());
        for (int e = 0; e < 4; e++) {
            assertEquals(full.epochs().get(e).trainLoss(), resumed.epochs().get(e).trainLoss(), "train loss, epoch " + (e + 1));
            assertEquals(full.epochs().get(e).valLoss(), resumed.epochs().get(e).valLoss(), "val loss, epoch " + (e + 1));
            assertEquals(full.epochs().get(e).learningRate(), resumed.epochs().get(e).learningRate(), "lr, epoch " + (e + 1));
        }
        assertTrue(Files.exists(Trainer.checkpointPath(dir.resolve("c"), 4)));
        assertTrue(full.last().valAccuracy() > 0.5, "learns something: " + full.last());
    }
}
