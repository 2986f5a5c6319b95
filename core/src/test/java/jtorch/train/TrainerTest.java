package jtorch.train;

import jtorch.optim.Optimizer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import jtorch.data.DataLoader;
import jtorch.data.TensorDataset;
import jtorch.nn.criterion.MSECriterion;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * One SGD step (lr 0.1) of y = w·x + b on the single example x = 1, target 0, from w = 2, b = 0.5, with MSE:
 * loss = (w + b)² = 6.25 and g = (∂/∂w, ∂/∂b) = (5, 5) before penalties and clipping.
 */
class TrainerTest {
    private Linear model;

    private Trainer.Builder oneStep() {
        model = new Linear(1, 1);
        model.to(DType.F64);
        model.weight().fillInPlace(2);
        model.bias().fillInPlace(0.5);
        TensorDataset ds = new TensorDataset(Tensor.ones(DType.F64, 1, 1), Tensor.zeros(DType.F64, 1, 1));
        return Trainer.builder(model, new MSECriterion(), new Optimizer("sgd", Config.of("learningRate", 0.1)))
                .train(new DataLoader(ds, 1, false, 0, false).withPrefetch(0)).epochs(1);
    }

    private void assertStep(Trainer.Builder b, double gw, double gb) {
        History h = b.build().fit();
        assertEquals(2 - 0.1 * gw, model.weight().get(0, 0), 1e-15);
        assertEquals(0.5 - 0.1 * gb, model.bias().get(0), 1e-15);
        assertEquals(6.25, h.last().trainLoss(), 1e-15, "the criterion loss, without penalties");
        assertEquals(0.1, h.last().learningRate());
    }

    @Test void plainStep() { assertStep(oneStep(), 5, 5); }

    @Test void l2AddsLambdaTimesWeights() { assertStep(oneStep().l2(0.1), 5 + 0.1 * 2, 5 + 0.1 * 0.5); }

    @Test void l1AddsLambdaTimesSign() {
        assertStep(oneStep().l1(0.1), 5.1, 5.1);
    }

    @Test void clipByGlobalNorm() {
        double s = 1 / Math.sqrt(50); // ‖(5, 5)‖ = √50
        assertStep(oneStep().clipGradNorm(1), 5 * s, 5 * s);
        assertStep(oneStep().clipGradNorm(10), 5, 5); // below the threshold: unchanged
    }

    @Test void clipByValue() { assertStep(oneStep().clipGradValue(1), 1, 1); }

    @Test void penaltiesComeBeforeClipping() {
        // g = (5.2, 5.05) then clamped to 5.1
        assertStep(oneStep().l2(0.1).clipGradValue(5.1), 5.1, 5.05);
    }

    @Test void callbacksSeeEveryBatchAndCanStop() {
        List<String> events = new ArrayList<>();
        Callback c = new Callback() {
            @Override public void onEpochStart(TrainContext ctx) { events.add("start " + ctx.epoch()); }

            @Override public void onBatchEnd(TrainContext ctx, int batch, double loss) {
                events.add("batch " + batch + "/" + ctx.batchesPerEpoch());
            }

            @Override public void onEpochEnd(TrainContext ctx, EpochMetrics m) {
                events.add("end " + m.epoch());
                if (m.epoch() == 2) ctx.stop();
            }

            @Override public void onTrainEnd(TrainContext ctx, History h) { events.add("done " + h.size()); }
        };
        History h = oneStep().epochs(5).callback(c).build().fit();
        assertEquals(List.of("start 1", "batch 1/1", "end 1", "start 2", "batch 1/1", "end 2", "done 2"), events);
        assertTrue(h.stoppedEarly());
        assertEquals(2, h.size());
    }

    @Test void scheduleSetsTheRateOfEachEpoch() {
        History h = oneStep().epochs(3).schedule(LrSchedules.step(1, 0.5)).build().fit();
        assertEquals(0.1, h.epochs().get(0).learningRate(), 1e-15);
        assertEquals(0.05, h.epochs().get(1).learningRate(), 1e-15);
        assertEquals(0.025, h.epochs().get(2).learningRate(), 1e-15);
        assertFalse(h.stoppedEarly());
    }

    @Test void checkpointsWithoutValidationResumeToTheSameWeights(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        oneStep().epochs(3).checkpointDir(dir).build().fit();
        double w3 = model.weight().get(0, 0);
        Trainer.Builder again = oneStep().epochs(3);
        History h = again.build().resume(Trainer.checkpointPath(dir, 1));
        assertEquals(w3, model.weight().get(0, 0));
        assertEquals(3, h.size());
        assertTrue(Double.isNaN(h.epochs().get(0).valLoss()));
        assertEquals(6.25, h.epochs().get(0).trainLoss(), 1e-15);
    }

    @Test void resumeNamesAMissingCheckpoint(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        var missing = dir.resolve("nope.ckpt");
        RuntimeException e = assertThrows(RuntimeException.class, () -> oneStep().build().resume(missing));
        assertTrue(e.getMessage().contains("nope.ckpt"), e.getMessage());
    }

    @Test void earlyStoppingInAFitRestoresTheBestEpoch() {
        // validation target 2 while training pulls w + b from 2.5 towards 0: after epoch 1, w + b = 2.5 - 0.1·(5 + 5)
        // = 1.5 (validation loss 0.25), then smaller still, so the validation loss only grows
        TensorDataset val = new TensorDataset(Tensor.ones(DType.F64, 1, 1), Tensor.full(DType.F64, 2, 1, 1));
        List<Double> weights = new ArrayList<>();
        Callback record = new Callback() {
            @Override public void onEpochEnd(TrainContext c, EpochMetrics m) { weights.add(model.weight().get(0, 0)); }
        };
        EarlyStopping es = new EarlyStopping(2);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        History h = oneStep().epochs(10).validation(new DataLoader(val, 1, false, 0, false).withPrefetch(0))
                .callback(record).callback(es).callback(new ProgressBar(new PrintStream(log, true), false)).build().fit();
        assertEquals(3, h.size());
        assertTrue(h.stoppedEarly());
        assertEquals(1, es.bestEpoch());
        assertEquals(1, h.bestEpoch());
        assertEquals(0.25, h.epochs().get(0).valLoss(), 1e-12); // (1.5 - 2)²
        assertEquals(weights.get(0), model.weight().get(0, 0), "best weights restored");
        assertEquals(3, log.toString().lines().filter(l -> l.contains("train loss")).count(), log.toString());
    }

    @Test void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> oneStep().clipGradNorm(0));
        assertThrows(IllegalArgumentException.class, () -> oneStep().l2(-1));
        assertThrows(IllegalArgumentException.class, () -> oneStep().epochs(0));
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder(new Linear(1, 1), new MSECriterion(),
                new Optimizer("sgd", new Config())).build());
    }
}
