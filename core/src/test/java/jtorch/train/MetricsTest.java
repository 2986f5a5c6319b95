package jtorch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jtorch.data.Batch;
import jtorch.nn.Module;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.criterion.MSECriterion;
import jtorch.nn.layer.Identity;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MetricsTest {
    // rows: target 2 is ranked 1st, 2nd, 3rd, 3rd
    private static final Tensor SCORES = Tensor.of(new float[] {
            0.1f, 0.2f, 0.7f,
            0.5f, 0.1f, 0.4f,
            0.5f, 0.3f, 0.2f,
            0.3f, 0.6f, 0.1f}, 4, 3);
    private static final Tensor TARGETS = Tensor.of(new int[] {2, 2, 2, 2});

    @Test void accuracyAndTopK() {
        assertEquals(1, Metrics.correct(SCORES, TARGETS));
        assertEquals(0.25, Metrics.accuracy(SCORES, TARGETS));
        assertEquals(2, Metrics.topKCorrect(SCORES, TARGETS, 2));
        assertEquals(4, Metrics.topKCorrect(SCORES, TARGETS, 3));
        assertThrows(IllegalArgumentException.class, () -> Metrics.correct(SCORES, Tensor.of(new int[] {0, 3, 0, 0})));
        assertThrows(IllegalArgumentException.class, () -> Metrics.topKCorrect(SCORES, TARGETS, 0));
    }

    @Test void evaluatorWeightsBatchesBySize() {
        // Identity on log-probabilities: NLL = -x[target]; batch 1 = rows 0..2, batch 2 = row 3
        Tensor logp = SCORES.log();
        List<Batch> batches = List.of(new Batch(logp.narrow(0, 0, 3), TARGETS.narrow(0, 0, 3)),
                new Batch(logp.narrow(0, 3, 1), TARGETS.narrow(0, 3, 1)));
        Module id = new Identity();
        Evaluator.Evaluation ev = Evaluator.evaluate(id, new ClassNLLCriterion(), batches, 2);
        double expected = -(Math.log(0.7f) + Math.log(0.4f) + Math.log(0.2f) + Math.log(0.1f)) / 4;
        assertEquals(expected, ev.loss(), 1e-6);
        assertEquals(0.25, ev.accuracy());
        assertEquals(0.5, ev.topK());
        assertEquals(4, ev.confusion().total());
        assertEquals(1, ev.confusion().counts()[2][2]);
        assertTrue(id.isTraining(), "training mode restored");
    }

    @Test void regressionHasNoAccuracy() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), y = Tensor.zeros(2, 2);
        Evaluator.Evaluation ev = Evaluator.evaluate(new Identity(), new MSECriterion(), List.of(new Batch(x, y)), 1);
        assertEquals(7.5, ev.loss(), 1e-6);
        assertTrue(Double.isNaN(ev.accuracy()));
        assertNull(ev.confusion());
    }
}
