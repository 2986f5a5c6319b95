package jtorch.train;

import jtorch.optim.Optimizer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jtorch.data.DataLoader;
import jtorch.data.TensorDataset;
import jtorch.io.Checkpoint;
import jtorch.nn.criterion.MSECriterion;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.State;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Trainer.resume refuses checkpoints whose counters or optimizer options make no sense, naming the file. */
class CheckpointCheckTest {
    private static final Path FILE = Path.of("ck/epoch-0002.ckpt");

    private static Trainer trainer(int epochs) {
        TensorDataset ds = new TensorDataset(Tensor.ones(4, 1), Tensor.zeros(4, 1));
        return Trainer.builder(new Linear(1, 1), new MSECriterion(), new Optimizer("sgd", Config.of("learningRate", 0.1)))
                .train(new DataLoader(ds, 2, false, 0, false).withPrefetch(0)).epochs(epochs).build();
    }

    private static List<Map<String, Double>> history(int n) {
        List<Map<String, Double>> h = new ArrayList<>();
        for (int e = 1; e <= n; e++) h.add(new EpochMetrics(e, 1, Double.NaN, Double.NaN, Double.NaN, 0.1, 1, 1).toMap());
        return h;
    }

    private static Checkpoint ck(int epoch, Optimizer opt, List<Map<String, Double>> history) {
        return new Checkpoint(epoch, new Linear(1, 1), opt, new State(), null, history);
    }

    private static void refused(Checkpoint c, int epochs, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer(epochs).resume(c, FILE));
        assertTrue(e.getMessage().contains(FILE.toString()) && e.getMessage().contains(expected), e.getMessage());
    }

    private static final Optimizer SGD = new Optimizer("sgd", Config.of("learningRate", 0.1));

    @Test void saneCheckpointResumes() {
        assertEquals(3, trainer(3).resume(ck(2, SGD, history(2)), FILE).size());
    }

    @Test void epochCountersMustBeSane() {
        refused(ck(5, SGD, history(5)), 3, "epoch 5, outside 0..3");
        refused(ck(-1, SGD, history(0)), 3, "outside 0..3");
        refused(ck(2, SGD, history(1)), 3, "history has 1 entries");
        List<Map<String, Double>> h = history(2);
        h.get(1).put("epoch", 7.0);
        refused(ck(2, SGD, h), 3, "history entry 1 is for epoch 7.0");
    }

    @Test void optimizerOptionsMustBeInRange() {
        refused(ck(1, new Optimizer("sgd", Config.of("learningRate", 0.1, "momentum", -0.5)), history(1)), 3, "momentum");
        refused(ck(1, new Optimizer("sgd", Config.of("learningRate", Double.NaN)), history(1)), 3, "learningRate is NaN");
        refused(ck(1, new Optimizer("adam", Config.of("learningRate", -1.0)), history(1)), 3, "not > 0");
        refused(ck(1, new Optimizer("adam", Config.of("learningRate", 0.1, "beta1", 2.0)), history(1)), 3, "beta1");
    }
}
