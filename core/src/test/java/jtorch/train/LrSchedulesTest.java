package jtorch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LrSchedulesTest {
    private static final double EPS = 1e-15;

    @Test void stepDecaysEveryNEpochs() {
        LrSchedule s = LrSchedules.step(2, 0.5);
        double[] expected = {0.1, 0.1, 0.05, 0.05, 0.025};
        for (int e = 1; e <= 5; e++) assertEquals(expected[e - 1], s.learningRate(e, 0.1, null), EPS);
    }

    @Test void exponential() {
        LrSchedule s = LrSchedules.exponential(0.9);
        assertEquals(1.0, s.learningRate(1, 1.0, null), EPS);
        assertEquals(0.9, s.learningRate(2, 1.0, null), EPS);
        assertEquals(0.729, s.learningRate(4, 1.0, null), 1e-15);
    }

    @Test void cosineFromBaseToMinThenFlat() {
        LrSchedule s = LrSchedules.cosine(4, 0.0);
        assertEquals(1.0, s.learningRate(1, 1.0, null), EPS);
        assertEquals((1 + Math.cos(Math.PI / 4)) / 2, s.learningRate(2, 1.0, null), EPS); // 0.8535...
        assertEquals(0.5, s.learningRate(3, 1.0, null), 1e-15);
        assertEquals(0.0, s.learningRate(5, 1.0, null), EPS);
        assertEquals(0.0, s.learningRate(9, 1.0, null), EPS);
        assertEquals(0.1 + 0.9 * 0.5, LrSchedules.cosine(4, 0.1).learningRate(3, 1.0, null), 1e-15);
    }

    @Test void warmupIsLinearThenHandsOver() {
        LrSchedule s = LrSchedules.warmup(4, LrSchedules.step(1, 0.5));
        assertEquals(0.25, s.learningRate(1, 1.0, null), EPS);
        assertEquals(0.5, s.learningRate(2, 1.0, null), EPS);
        assertEquals(1.0, s.learningRate(4, 1.0, null), EPS);
        assertEquals(1.0, s.learningRate(5, 1.0, null), EPS); // step's epoch 1
        assertEquals(0.5, s.learningRate(6, 1.0, null), EPS);
    }

    @Test void reduceOnPlateauAfterPatienceBadEpochs() {
        LrSchedule s = LrSchedules.reduceOnPlateau(0.1, 1);
        // losses seen before epochs 2.. : 1.0 (best), 1.0 (bad 1), 1.2 (bad 2 > 1: reduce), 0.5 (best), 0.6, 0.6 (reduce)
        assertEquals(1.0, s.learningRate(1, 1.0, null), EPS);
        assertEquals(1.0, s.learningRate(2, 1.0, 1.0), EPS);
        assertEquals(1.0, s.learningRate(3, 1.0, 1.0), EPS);
        assertEquals(0.1, s.learningRate(4, 1.0, 1.2), EPS);
        assertEquals(0.1, s.learningRate(5, 1.0, 0.5), EPS);
        assertEquals(0.1, s.learningRate(6, 1.0, 0.6), EPS);
        assertEquals(0.01, s.learningRate(7, 1.0, 0.6), 1e-17);
        s.reset();
        assertEquals(1.0, s.learningRate(1, 1.0, null), EPS);
    }

    @Test void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LrSchedules.step(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LrSchedules.exponential(0));
        assertThrows(IllegalArgumentException.class, () -> LrSchedules.cosine(0, 0));
        assertThrows(IllegalArgumentException.class, () -> LrSchedules.reduceOnPlateau(1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> LrSchedules.warmup(0, LrSchedules.constant()));
    }
}
