package jtorch.nn.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.Jacobian;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MixtureTableTest {
    static Tensor randn(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()); }

    @Test void stackedExpertsMatchTheFormulaAndPassTheJacobian() {
        Tensor gater = randn(1, 2, 3), experts = randn(2, 2, 3, 4);
        Tensor y = new MixtureTable().forward(Table.of(gater, experts)).tensor();
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 4; j++) {
                double want = 0;
                for (int e = 0; e < 3; e++) want += gater.get(b, e) * experts.get(b, e, j);
                assertTrue(Math.abs(want - y.get(b, j)) < 1e-12);
            }
        }
        Jacobian.check(new MixtureTable(), Table.of(gater, experts)).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void tableExpertsEqualStackedExperts() {
        Tensor gater = randn(3, 4, 2), a = randn(4, 4, 5), b = randn(5, 4, 5);
        Tensor stacked = Tensor.zeros(DType.F64, 4, 2, 5).to(Backends.ref());
        stacked.select(1, 0).copy(a);
        stacked.select(1, 1).copy(b);
        MixtureTable m1 = new MixtureTable(), m2 = new MixtureTable();
        Tensor g = randn(6, 4, 5);
        assertArrayEquals(m1.forward(Table.of(gater, Table.of(a, b))).tensor().toDoubleArray(),
                m2.forward(Table.of(gater, stacked)).tensor().toDoubleArray(), 1e-12);
        Table g1 = m1.backward(Table.of(gater, Table.of(a, b)), g).table(), g2 = m2.backward(Table.of(gater, stacked), g).table();
        assertArrayEquals(g1.tensor(0).toDoubleArray(), g2.tensor(0).toDoubleArray(), 1e-12);
        assertArrayEquals(g1.get(1).table().tensor(1).toDoubleArray(), g2.tensor(1).select(1, 1).toDoubleArray(), 1e-12);
    }

    @Test void wrongShapesNameTheModule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MixtureTable().forward(
                Table.of(Tensor.zeros(2, 3), Table.of(Tensor.zeros(2, 4), Tensor.zeros(2, 4)))));
        assertTrue(e.getMessage().contains("MixtureTable experts: expected a table of 3 tensors, got 2"), e.getMessage());
    }
}
