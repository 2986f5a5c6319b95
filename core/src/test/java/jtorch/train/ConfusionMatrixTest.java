package jtorch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    @Test void countsRowsAreTargetsColumnsArePredictions() {
        ConfusionMatrix m = new ConfusionMatrix(List.of("cat", "dog", "bird"));
        // scores [4, 3]: predictions 0, 1, 1, 2
        Tensor scores = Tensor.of(new float[] {0.9f, 0.1f, 0, 0.2f, 0.7f, 0.1f, 0.3f, 0.6f, 0.1f, 0, 0, 1}, 4, 3);
        m.add(scores, Tensor.of(new int[] {0, 1, 0, 2}));
        m.add(Tensor.of(new int[] {2, 2}), Tensor.of(new int[] {1, 1})); // labels: two dogs called birds
        assertArrayEquals(new int[] {1, 1, 0}, m.counts()[0]);
        assertArrayEquals(new int[] {0, 1, 2}, m.counts()[1]);
        assertArrayEquals(new int[] {0, 0, 1}, m.counts()[2]);
        assertEquals(6, m.total());
        assertEquals(3.0 / 6, m.accuracy(), 1e-15);
        assertArrayEquals(new double[] {0.5, 1.0 / 3, 1.0}, m.perClassAccuracy(), 1e-15);
        assertEquals((0.5 + 1.0 / 3 + 1.0) / 3, m.averagePerClassAccuracy(), 1e-15);
    }

    @Test void unseenClassIsNaNAndLeftOutOfTheAverage() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(0, 0).add(1, 0).add(1, 1);
        assertTrue(Double.isNaN(m.perClassAccuracy()[2]));
        assertEquals((0.5 + 1.0) / 2, m.averagePerClassAccuracy(), 1e-15);
        assertTrue(Double.isNaN(new ConfusionMatrix(2).accuracy()));
    }

    @Test void printsAnAlignedTable() {
        ConfusionMatrix m = new ConfusionMatrix(List.of("cat", "dog"));
        for (int i = 0; i < 10; i++) m.add(0, 0);
        m.add(1, 0).add(1, 1);
        String expected = """
                ConfusionMatrix (rows: target, columns: predicted)
                  target  0  1   accuracy
                0 cat    10  1    90.91%
                1 dog     0  1   100.00%
                average per-class accuracy: 95.45%
                total accuracy: 91.67% (12 examples)
                """;
        assertEquals(expected, m.toString());
    }

    @Test void numberedClassesPrintTheirLabelOnce() {
        ConfusionMatrix m = new ConfusionMatrix(2);
        m.add(0, 0).add(1, 1).add(0, 1);
        String expected = """
                ConfusionMatrix (rows: target, columns: predicted)
                target 0 1   accuracy
                0      1 0   100.00%
                1      1 1    50.00%
                average per-class accuracy: 75.00%
                total accuracy: 66.67% (3 examples)
                """;
        assertEquals(expected, m.toString());
    }

    @Test void badInputNamesTheProblem() {
        ConfusionMatrix m = new ConfusionMatrix(2);
        var e = assertThrows(IllegalArgumentException.class, () -> m.add(Tensor.of(new int[] {3}), Tensor.of(new int[] {0})));
        assertTrue(e.getMessage().contains("prediction class 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.add(Tensor.zeros(2, 3), Tensor.of(new int[] {0, 1})));
        assertTrue(e.getMessage().contains("3 columns for 2 classes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.add(Tensor.zeros(2, 2), Tensor.of(new int[] {0})));
    }
}
