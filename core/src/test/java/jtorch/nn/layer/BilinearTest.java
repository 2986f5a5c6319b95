package jtorch.nn.layer;

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

class BilinearTest {

    @Test void matchesTheFormulaOnBothBackEnds() {
        Bilinear m = new Bilinear(3, 4, 5);
        Tensor x1 = Tensor.randn(new Generator(1), 6, 3), x2 = Tensor.randn(new Generator(2), 6, 4);
        Tensor y = m.forward(Table.of(x1, x2)).tensor();
        double[] want = new double[6 * 5];
        for (int b = 0; b < 6; b++) {
            for (int k = 0; k < 5; k++) {
                double s = m.bias().get(k);
                for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) s += x1.get(b, i) * m.weight().get(k, i, j) * x2.get(b, j);
                want[b * 5 + k] = s;
            }
        }
        assertArrayEquals(want, y.toDoubleArray(), 1e-5);
        Bilinear r = m.clone().to(DType.F64);
        Table in64 = Table.of(x1.to(DType.F64).to(Backends.ref()), x2.to(DType.F64).to(Backends.ref()));
        assertArrayEquals(want, r.forward(in64).tensor().toDoubleArray(), 1e-5);
        Tensor g = Tensor.randn(new Generator(3), 6, 5);
        Table gi = m.backward(Table.of(x1, x2), g).table();
        Table gr = r.backward(in64, g.to(DType.F64).to(Backends.ref())).table();
        assertArrayEquals(gr.tensor(0).toDoubleArray(), gi.tensor(0).toDoubleArray(), 1e-4);
        assertArrayEquals(gr.tensor(1).toDoubleArray(), gi.tensor(1).toDoubleArray(), 1e-4);
        assertArrayEquals(r.gradWeight().toDoubleArray(), m.gradWeight().toDoubleArray(), 1e-4);
    }

    @Test void jacobianWithoutBias() {
        Tensor x1 = Tensor.randn(DType.F64, new Generator(4), 3, 2).to(Backends.ref());
        Tensor x2 = Tensor.randn(DType.F64, new Generator(5), 3, 3).to(Backends.ref());
        Jacobian.check(new Bilinear(2, 3, 2, false).to(DType.F64), Table.of(x1, x2)).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void wrongShapesNameTheModule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Bilinear(2, 3, 1).forward(Table.of(Tensor.zeros(4, 2), Tensor.zeros(4, 2))));
        assertTrue(e.getMessage().contains("Bilinear(2 x 3 -> 1): expected x1 [B, 2] and x2 [B, 3], got [4, 2] and [4, 2]"),
                e.getMessage());
    }
}
