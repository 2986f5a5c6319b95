package jtorch.nn.distance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.Jacobian;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DistanceModulesTest {

    static Tensor randn(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()); }

    static Tensor f64(double[] v, int... sizes) { return Tensor.of(v, sizes).to(Backends.ref()); }

    @Test
    void euclideanJacobians() {
        Generator.manualSeed(3);
        Euclidean m = (Euclidean) new Euclidean(4, 3).to(DType.F64);
        Tensor x = randn(1, 5, 4);
        Jacobian.check(m, x).assertBelow(Jacobian.TOLERANCE);
        assertEquals(12, m.getParameters().weights().numel());
    }

    @Test
    void euclideanValuesInitAndZeroDistance() {
        Euclidean m = (Euclidean) new Euclidean(2, 2).to(DType.F64);
        double stdv = 1 / Math.sqrt(2);
        assertTrue(m.weight().max() <= stdv && m.weight().min() >= -stdv && m.weight().max() > m.weight().min());
        m.weight().copy(f64(new double[] {0, 0, 3, 4}, 2, 2));
        Tensor x = f64(new double[] {0, 0, 3, 0}, 2, 2);
        assertArrayEquals(new double[] {0, 5, 3, 4}, m.forward(x).toDoubleArray(), 1e-15);
        // x_0 sits on template 0: that pair contributes a zero gradient, not NaN
        Tensor g = f64(new double[] {1, 1, 1, 1}, 2, 2);
        m.zeroGradParameters();
        double[] gi = m.backward(x, g).toDoubleArray();
        // d/dx_0 = (x_0 - w_1)/5 = (-3, -4)/5; d/dx_1 = (x_1 - w_0)/3 + (x_1 - w_1)/4 = (1, 0) + (0, -1)
        assertArrayEquals(new double[] {-0.6, -0.8, 1, -1}, gi, 1e-15);
        // d/dw_0 = -(x_1 - w_0)/3 (x_0 contributes 0); d/dw_1 = -(x_0 - w_1)/5 - (x_1 - w_1)/4
        assertArrayEquals(new double[] {-1, 0, 0.6, 0.8 + 1}, m.gradWeight().toDoubleArray(), 1e-15);
    }

    @Test
    void pairwiseDistanceJacobiansAndValues() {
        for (double p : new double[] {1, 2, 3, 1.5}) {
            Module m = new PairwiseDistance(p).to(DType.F64);
            Jacobian.check(m, Table.of(randn(10, 4, 3), randn(11, 4, 3))).assertBelow(Jacobian.TOLERANCE);
        }
        Tensor a = f64(new double[] {0, 0, 1, 1}, 2, 2), b = f64(new double[] {3, -4, 1, 1}, 2, 2);
        assertArrayEquals(new double[] {5, 0}, new PairwiseDistance(2).forward(Table.of(a, b)).toTensor("").toDoubleArray(), 0);
        assertArrayEquals(new double[] {7, 0}, new PairwiseDistance(1).forward(Table.of(a, b)).toTensor("").toDoubleArray(), 0);
        assertArrayEquals(new double[] {Math.cbrt(27 + 64), 0},
                new PairwiseDistance(3).forward(Table.of(a, b)).toTensor("").toDoubleArray(), 1e-14);
        PairwiseDistance m = new PairwiseDistance(2);
        Activity in = Table.of(a, b);
        m.forward(in);
        Table gi = m.backward(in, f64(new double[] {10, 10}, 2)).toTable("");
        assertArrayEquals(new double[] {-6, 8, 0, 0}, gi.tensor(0).toDoubleArray(), 1e-14); // zero distance: 0, not NaN
        assertArrayEquals(new double[] {6, -8, 0, 0}, gi.tensor(1).toDoubleArray(), 1e-14);
    }

    @Test
    void badInputNamesModuleAndShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Euclidean(2, 3).forward(Tensor.zeros(4, 5)));
        assertTrue(e.getMessage().contains("Euclidean(2 -> 3)") && e.getMessage().contains("[4, 5]"), e.getMessage());
        PairwiseDistance pd = new PairwiseDistance(2);
        e = assertThrows(IllegalArgumentException.class, () -> pd.forward(Table.of(Tensor.zeros(2, 3), Tensor.zeros(2, 4))));
        assertTrue(e.getMessage().contains("PairwiseDistance(2.0)") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[2, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pd.forward(Table.of(Tensor.zeros(2, 3))));
        assertTrue(e.getMessage().contains("PairwiseDistance") && e.getMessage().contains("1 entries"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PairwiseDistance(0.5));
    }
}
