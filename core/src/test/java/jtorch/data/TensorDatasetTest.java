package jtorch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TensorDatasetTest {
    /** 10 examples [3] with input row i = (i, 10i, 100i) and target i. */
    static TensorDataset ten() {
        float[] x = new float[30];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x[3 * i] = i;
            x[3 * i + 1] = 10 * i;
            x[3 * i + 2] = 100 * i;
            y[i] = i;
        }
        return new TensorDataset(Tensor.of(x, 10, 3), Tensor.of(y, 10));
    }

    @Test
    void getAndBatchGatherRows() {
        TensorDataset d = ten();
        assertEquals(10, d.size());
        Batch e = d.get(7);
        assertArrayEquals(new float[] {7, 70, 700}, e.input().toFloatArray());
        assertEquals(7, (int) e.target().item());
        Batch b = d.batch(new int[] {4, 0, 4, 9});
        assertArrayEquals(new int[] {4, 3}, b.input().sizes());
        assertArrayEquals(new float[] {4, 40, 400, 0, 0, 0, 4, 40, 400, 9, 90, 900}, b.input().toFloatArray());
        assertArrayEquals(new int[] {4, 0, 4, 9}, b.target().toIntArray());
        // the default Dataset.batch (element by element) agrees with the indexSelect override
        Dataset plain = new Dataset() {
            public int size() { return d.size(); }
            public Batch get(int i) { return d.get(i); }
        };
        Batch p = plain.batch(new int[] {4, 0, 4, 9});
        assertArrayEquals(b.input().toFloatArray(), p.input().toFloatArray());
        assertArrayEquals(b.target().toIntArray(), p.target().toIntArray());
    }

    @Test
    void subsetAndSplit() {
        TensorDataset d = ten();
        TensorDataset s = d.subset(new int[] {2, 5});
        assertArrayEquals(new int[] {2, 5}, s.targets().toIntArray());
        assertArrayEquals(new float[] {2, 20, 200, 5, 50, 500}, s.inputs().toFloatArray());
        TensorDataset[] sp = d.randomSplit(0.7, 42);
        assertEquals(7, sp[0].size());
        assertEquals(3, sp[1].size());
        Set<Integer> all = new HashSet<>();
        for (TensorDataset part : sp) for (int t : part.targets().toIntArray()) assertTrue(all.add(t), "repeated " + t);
        assertEquals(10, all.size());
        // inputs travel with their targets
        for (int i = 0; i < 7; i++) assertEquals(10.0 * sp[0].targets().get(i), sp[0].inputs().get(i, 1));
        TensorDataset[] again = d.randomSplit(0.7, 42), other = d.randomSplit(0.7, 43);
        assertArrayEquals(sp[0].targets().toIntArray(), again[0].targets().toIntArray());
        assertTrue(!Arrays.equals(sp[0].targets().toIntArray(), other[0].targets().toIntArray()));
        assertEquals(0, d.randomSplit(0, 1)[0].size());
        assertEquals(10, d.randomSplit(1, 1)[0].size());
    }

    @Test
    void badArgumentsAreRejected() {
        TensorDataset d = ten();
        var e = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.zeros(3, 2), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("[3, 2]") && e.getMessage().contains("[4]"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> d.get(10));
        assertThrows(IndexOutOfBoundsException.class, () -> d.batch(new int[] {1, -1}));
        assertThrows(IllegalArgumentException.class, () -> d.batch(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> d.randomSplit(1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> d.randomSplit(Double.NaN, 1));
    }
}
