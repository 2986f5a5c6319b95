package jtorch.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LookupTableTest {
    private static Tensor idx(int[] v, int... shape) { return Tensor.of(v, shape).to(Backends.ref()); }

    private static LookupTable table(int n, int d, int pad, double maxNorm) {
        LookupTable m = new LookupTable(n, d, pad, maxNorm, 2).to(DType.F64);
        m.reset(new Generator(5));
        return m;
    }

    @Test void looksUpRowsAndKeepsTheInputShape() {
        LookupTable m = table(5, 3, -1, 0);
        Tensor y = (Tensor) m.forward(idx(new int[] {4, 0, 2, 4, 1, 3}, 2, 3));
        assertEquals(java.util.Arrays.toString(new int[] {2, 3, 3}), java.util.Arrays.toString(y.sizes()));
        int[] ix = {4, 0, 2, 4, 1, 3};
        for (int k = 0; k < 6; k++)
            for (int j = 0; j < 3; j++) assertEquals(m.weight().get(ix[k], j), y.get(k / 3, k % 3, j), 0);
        assertEquals("nn.LookupTable(5 -> 3)", m.toString());
        assertEquals("nn.LookupTable(5 -> 3, padding 0, maxNorm 1.5)", new LookupTable(5, 3, 0, 1.5, 2).toString());
    }

    @Test void badIndicesAreClearErrors() {
        LookupTable m = table(5, 3, -1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(idx(new int[] {1, 5}, 2)));
        assertTrue(e.getMessage().contains("LookupTable(5 -> 3)") && e.getMessage().contains("index value 5")
                && e.getMessage().contains("[0, 5)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.forward(idx(new int[] {-2, 1}, 2)));
        assertTrue(e.getMessage().contains("index value -2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(DType.F64, 2)));
        assertTrue(e.getMessage().contains("I32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LookupTable(5, 3, 5, 0, 2));
    }

    @Test void gradientSumsRepeatedIndicesAndSkipsThePaddingRow() {
        LookupTable m = table(4, 2, 0, 0);
        for (int j = 0; j < 2; j++) assertEquals(0, m.weight().get(0, j), 0, "padding row starts at zero");
        Tensor x = idx(new int[] {2, 0, 2, 3}, 4);
        m.forward(x);
        Tensor g = Tensor.of(new double[] {1, 2, 10, 20, 100, 200, 1000, 2000}, 4, 2).to(Backends.ref());
        m.zeroGradParameters();
        Tensor gi = (Tensor) m.backward(x, g, 0.5);
        assertEquals(DType.I32, gi.dtype());
        double[][] want = {{0, 0}, {0, 0}, {50.5, 101}, {500, 1000}};
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 2; j++) assertEquals(want[i][j], m.gradWeight().get(i, j), 0, "row " + i);
    }

    @Test void maxNormRenormalisesOnlyTheRowsLookedUp() {
        LookupTable m = table(4, 3, -1, 0.5);
        Tensor before = m.weight().clone();
        m.forward(idx(new int[] {1, 1, 3}, 3));
        for (int i = 0; i < 4; i++) {
            double n0 = before.select(0, i).norm(2), n1 = m.weight().select(0, i).norm(2);
            boolean used = i == 1 || i == 3;
            if (used && n0 > 0.5) assertEquals(0.5, n1, 1e-6, "row " + i);
            else assertEquals(n0, n1, 0, "row " + i + " unchanged");
        }
        assertTrue(before.select(0, 1).norm(2) > 0.5 && before.select(0, 3).norm(2) > 0.5, "the seed exercises renorm");
    }
}
