package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The examples' k-NN classifier and PCA on hand-made data. */
class KnnPcaTest {

    @Test void knnVotesAndBreaksTiesByTheNearest() {
        Tensor r = Tensor.of(new float[][] {{0, 0}, {-1, -1}, {10, 10}, {10, 11}, {5, 5.2f}});
        int[] labels = {0, 0, 1, 1, 2};
        Tensor q = Tensor.of(new float[][] {{0.2f, 0.3f}, {9, 9}, {5.1f, 5}});
        assertArrayEquals(new int[] {0, 1, 2}, Knn.predict(r, labels, q, 1, 3));
        // k = 3: query (5.1, 5) sees class 2 (nearest), then one of class 1 and one of class 0: a three-way tie -> nearest
        assertArrayEquals(new int[] {0, 1, 2}, Knn.predict(r, labels, q, 3, 3));
        assertEquals(2.0 / 3, Knn.accuracy(r, labels, q, new int[] {0, 1, 1}, 1, 3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Knn.predict(r, labels, q, 6, 3));
    }

    @Test void pcaFindsTheDominantDirections() {
        // points spread 10x along (1, 1, 0)/√2 and 3x along (0, 0, 1), 0.1x along (1, -1, 0)/√2
        Generator g = new Generator(4);
        int n = 2000;
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            double a = 10 * g.nextGaussian(), b = 3 * g.nextGaussian(), c = 0.1 * g.nextGaussian();
            rows[i] = new float[] {(float) ((a + c) / Math.sqrt(2)), (float) ((a - c) / Math.sqrt(2)), (float) b};
        }
        Tensor pcs = Pca.components(Tensor.of(rows), 2, 1);
        double s = 1 / Math.sqrt(2);
        assertEquals(1, Math.abs(pcs.get(0, 0) * s + pcs.get(1, 0) * s), 1e-3);
        assertEquals(1, Math.abs(pcs.get(2, 1)), 1e-3);
    }
}
