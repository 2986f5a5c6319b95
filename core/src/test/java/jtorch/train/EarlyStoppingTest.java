package jtorch.train;

import jtorch.optim.Optimizer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.tensor.DType;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    private static EpochMetrics epoch(int e, double valLoss, double valAcc) {
        return new EpochMetrics(e, 1, 0.5, valLoss, valAcc, 0.1, 1, 100);
    }

    /** Feeds the epochs, setting every weight to the epoch number first; returns the context. */
    private static TrainContext run(EarlyStopping es, EpochMetrics... ms) {
        Linear m = new Linear(2, 1);
        m.to(DType.F64);
        History h = new History();
        TrainContext c = new TrainContext(m, m.getParameters(), new Optimizer("sgd", new Config()), h);
        for (EpochMetrics em : ms) {
            c.epoch = em.epoch();
            es.onEpochStart(c);
            c.parameters().weights().fillInPlace(em.epoch());
            h.add(em);
            es.onEpochEnd(c, em);
            if (c.stopRequested()) break;
        }
        es.onTrainEnd(c, h);
        return c;
    }

    @Test void stopsAfterPatienceEpochsWithoutImprovementByMinDeltaAndRestoresBest() {
        EarlyStopping es = new EarlyStopping(3, 0.05, EarlyStopping.Monitor.VAL_LOSS);
        TrainContext c = run(es, epoch(1, 1.0, 0), epoch(2, 0.8, 0), epoch(3, 0.85, 0),
                epoch(4, 0.79, 0), // better, but by less than minDelta: no improvement
                epoch(5, 0.9, 0), epoch(6, 0.1, 0));
        assertTrue(c.stopRequested());
        assertEquals(5, es.stoppedEpoch());
        assertEquals(2, es.bestEpoch());
        assertEquals(0.8, es.bestScore());
        assertEquals(2.0, c.parameters().weights().max());
        assertEquals(2.0, c.parameters().weights().min());
    }

    @Test void watchesValidationErrorAndKeepsGoingWhileImproving() {
        EarlyStopping es = new EarlyStopping(2, 0, EarlyStopping.Monitor.VAL_ERROR);
        TrainContext c = run(es, epoch(1, 9, 0.5), epoch(2, 9, 0.6), epoch(3, 9, 0.6), epoch(4, 9, 0.7));
        assertFalse(c.stopRequested());
        assertEquals(4, es.bestEpoch());
        assertEquals(0.30000000000000004, es.bestScore()); // 1 - 0.7
        assertEquals(4.0, c.parameters().weights().max());
    }

    @Test void restoreCanBeTurnedOff() {
        EarlyStopping es = new EarlyStopping(1).restoreBest(false);
        TrainContext c = run(es, epoch(1, 1, 0), epoch(2, 2, 0));
        assertTrue(c.stopRequested());
        assertEquals(2.0, c.parameters().weights().max());
    }

    @Test void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(1, -1, EarlyStopping.Monitor.VAL_LOSS));
    }
}
