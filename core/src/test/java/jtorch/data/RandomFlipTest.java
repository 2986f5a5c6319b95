package jtorch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RandomFlipTest {
    /** n examples of 2 rows x 3 columns: example e holds 100e + (0 1 2 / 10 11 12). */
    static Tensor images(int n) {
        float[] v = new float[n * 6];
        for (int e = 0; e < n; e++) for (int r = 0; r < 2; r++) for (int c = 0; c < 3; c++) v[6 * e + 3 * r + c] = 100 * e + 10 * r + c;
        return Tensor.of(v, n, 6);
    }

    @Test void probabilityOneMirrorsEveryRowOfEveryImage() {
        Tensor x = images(2);
        Batch b = new RandomFlip(3, 1, 7).apply(new Batch(x, Tensor.zeros(DType.I32, 2)));
        assertArrayEquals(new float[] {2, 1, 0, 12, 11, 10, 102, 101, 100, 112, 111, 110}, b.input().toFloatArray());
        assertArrayEquals(new float[] {0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112}, x.toFloatArray(), "input unchanged");
        assertArrayEquals(new int[] {2, 6}, b.input().sizes());
    }

    @Test void probabilityZeroKeepsTheImagesAndTargetsAreKept() {
        Tensor t = Tensor.of(new int[] {3, 4}, 2);
        Batch b = new RandomFlip(3, 0, 7).apply(new Batch(images(2), t));
        assertArrayEquals(images(2).toFloatArray(), b.input().toFloatArray());
        assertSame(t, b.target());
    }

    @Test void halfTheImagesAreFlippedEachWholeAndTheDrawsFollowTheSeed() {
        int n = 2000;
        float[] once = new RandomFlip(3, 11).apply(new Batch(images(n), Tensor.zeros(DType.I32, n))).input().toFloatArray();
        float[] again = new RandomFlip(3, 11).apply(new Batch(images(n), Tensor.zeros(DType.I32, n))).input().toFloatArray();
        float[] other = new RandomFlip(3, 12).apply(new Batch(images(n), Tensor.zeros(DType.I32, n))).input().toFloatArray();
        assertArrayEquals(once, again, "same seed, same flips");
        assertTrue(!java.util.Arrays.equals(once, other), "another seed, other flips");
        int flipped = 0;
        for (int e = 0; e < n; e++) {
            boolean f = once[6 * e] == 100 * e + 2;
            for (int r = 0; r < 2; r++) for (int c = 0; c < 3; c++) {
                assertEquals(100 * e + 10 * r + (f ? 2 - c : c), once[6 * e + 3 * r + c], "example " + e + " flipped whole or not at all");
            }
            if (f) flipped++;
        }
        assertTrue(Math.abs(flipped - n / 2) < 150, flipped + " of " + n + " flipped"); // 6.7 standard deviations
    }

    @Test void fourDimensionalInputsFlipTheLastDimension() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 2, 2);
        assertArrayEquals(new float[] {2, 1, 4, 3, 6, 5, 8, 7},
                new RandomFlip(2, 1, 0).apply(new Batch(x, Tensor.zeros(DType.I32, 1))).input().toFloatArray());
    }

    @Test void badShapesAndArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RandomFlip(4, 0).apply(new Batch(images(2), Tensor.zeros(DType.I32, 2))));
        assertTrue(e.getMessage().contains("RandomFlip") && e.getMessage().contains("[2, 6]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RandomFlip(3, 0).apply(new Batch(Tensor.zeros(1, 3, 3, 2),
                Tensor.zeros(DType.I32, 1))));
        assertThrows(IllegalArgumentException.class, () -> new RandomFlip(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RandomFlip(3, 1.5, 1));
    }
}
