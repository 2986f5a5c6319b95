package jtorch.train;

import jtorch.optim.Optimizer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jtorch.data.DataLoader;
import jtorch.data.TensorDataset;
import jtorch.nn.criterion.MSECriterion;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * y = w·x + b on x = 1, target 0, with SGD at lr 1000: s = w + b is multiplied by (1 − 4000) every step, so the F32
 * output overflows after about a dozen one-batch epochs and the loss becomes infinite, then NaN.
 */
class NonFiniteLossTest {
    @TempDir Path dir;

    private static Trainer.Builder diverging() {
        Linear model = new Linear(1, 1);
        model.weight().fillInPlace(2);
        model.bias().fillInPlace(0.5);
        TensorDataset ds = new TensorDataset(Tensor.ones(1, 1), Tensor.zeros(1, 1));
        return Trainer.builder(model, new MSECriterion(), new Optimizer("sgd", Config.of("learningRate", 1000.0)))
                .train(new DataLoader(ds, 1, false, 0, false).withPrefetch(0)).epochs(40);
    }

    @Test void divergenceStopsTrainingAndKeepsTheLastGoodCheckpoint() {
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> diverging().checkpointDir(dir).build().fit());
        assertTrue(e.epoch() >= 2 && e.epoch() < 40, "epoch " + e.epoch());
        assertEquals(1, e.batch());
        assertFalse(Double.isFinite(e.loss()));
        Path last = Trainer.checkpointPath(dir, e.epoch() - 1);
        assertEquals(last, e.lastCheckpoint());
        assertTrue(Files.exists(last));
        assertFalse(Files.exists(Trainer.checkpointPath(dir, e.epoch())), "no checkpoint for the bad epoch");
        assertTrue(e.getMessage().contains("at epoch " + e.epoch() + " batch 1") && e.getMessage().contains(last.toString()),
                e.getMessage());
    }

    @Test void allowNonFiniteTrainsOnAndBestIgnoresBadEpochs() {
        History h = diverging().allowNonFinite(true).build().fit();
        assertEquals(40, h.size());
        assertFalse(Double.isFinite(h.last().trainLoss()));
        assertTrue(Double.isFinite(h.best().trainLoss()));
    }

    @Test void anAllNaNHistoryHasNoBestEpoch() {
        EpochMetrics nan = new EpochMetrics(1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.1, 1, 1);
        EpochMetrics inf = new EpochMetrics(2, Double.POSITIVE_INFINITY, 0.1, Double.NaN, Double.NaN, 0.1, 1, 1);
        History h = new History(List.of(nan, inf));
        assertEquals(0, h.bestEpoch());
        assertNull(h.best());
        EpochMetrics ok = new EpochMetrics(3, 2.0, 0.5, Double.NaN, Double.NaN, 0.1, 1, 1);
        assertEquals(3, new History(List.of(nan, ok, inf)).bestEpoch());
    }
}
