package jtorch.tensor;

import static jtorch.testing.TensorAssert.assertIae;
import static jtorch.testing.TensorAssert.assertShape;
import static jtorch.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** mm, addmm, mv, addmv, addr, bmm, dot against hand-computed values. */
class LinAlgTest {
    /** [[1, 2, 3], [4, 5, 6]] */
    private static Tensor a() { return Tensor.of(new double[] {1, 2, 3, 4, 5, 6}).view(2, 3); }
    /** [[1, -1], [0, 2], [3, 1]] */
    private static Tensor b() { return Tensor.of(new double[] {1, -1, 0, 2, 3, 1}).view(3, 2); }

    @Test void mm() {
        Tensor c = a().mm(b());
        assertShape(c, 2, 2);
        assertValues(c, 10, 6, 22, 12);
        assertValues(b().t().mm(a().t()), 10, 22, 6, 12);
        assertValues(a().t().contiguous().t().mm(b()), 10, 6, 22, 12);
        assertValues(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).mm(Tensor.of(new float[] {1, -1, 0, 2, 3, 1}, 3, 2)), 10, 6, 22, 12);
        assertValues(Tensor.zeros(DType.F64, 2, 0).mm(Tensor.zeros(DType.F64, 0, 3)), 0, 0, 0, 0, 0, 0);
    }

    @Test void addmm() {
        Tensor m = Tensor.of(new double[] {1, 1, 1, 1}).view(2, 2);
        Tensor r = m.addmm(0.5, 2, a(), b());
        assertValues(r, 20.5, 12.5, 44.5, 24.5);
        assertValues(m, 1, 1, 1, 1);
        assertSame(m, m.addmmInPlace(2, -1, a(), b()));
        assertValues(m, -8, -4, -20, -10);
        Tensor nan = Tensor.full(DType.F64, Double.NaN, 2, 2);
        assertValues(nan.addmmInPlace(0, 1, a(), b()), 10, 6, 22, 12);
        Tensor ct = Tensor.zeros(DType.F64, 2, 2).t();
        ct.addmmInPlace(0, 1, a(), b());
        assertValues(ct, 10, 6, 22, 12);
    }

    @Test void mvAndAddmv() {
        Tensor v = Tensor.of(new double[] {1, 0, -1});
        assertValues(a().mv(v), -2, -2);
        assertValues(a().t().mv(Tensor.of(new double[] {1, 2})), 9, 12, 15);
        Tensor y = Tensor.of(new double[] {1, 2});
        assertValues(y.addmv(2, 3, a(), v), -4, -2);
        assertSame(y, y.addmvInPlace(1, 1, a(), v));
        assertValues(y, -1, 0);
    }

    @Test void addr() {
        Tensor m = Tensor.zeros(DType.F64, 2, 3).addInPlace(1);
        assertValues(m.addr(1, 2, Tensor.of(new double[] {1, 2}), Tensor.of(new double[] {1, 0, -1})), 3, 1, -1, 5, 1, -3);
        m.addrInPlace(0, 1, Tensor.of(new double[] {1, 2}), Tensor.of(new double[] {3, 4, 5}));
        assertValues(m, 3, 4, 5, 6, 8, 10);
    }

    @Test void bmm() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}).view(2, 2, 2);
        Tensor id = Tensor.of(new double[] {1, 0, 0, 1, 0, 1, 1, 0}).view(2, 2, 2);
        Tensor r = x.bmm(id);
        assertShape(r, 2, 2, 2);
        assertValues(r, 1, 2, 3, 4, 6, 5, 8, 7);
        assertValues(x.transpose(1, 2).bmm(id), 1, 3, 2, 4, 7, 5, 8, 6);
    }

    @Test void dot() {
        assertEquals(-2, Tensor.of(new double[] {1, 2, 3}).dot(Tensor.of(new double[] {1, 0, -1})));
        assertEquals(32, Tensor.of(new float[] {1, 2, 3}).dot(Tensor.of(new float[] {4, 5, 6})));
        assertEquals(0, Tensor.zeros(DType.F64, 0).dot(Tensor.zeros(DType.F64, 0)));
    }

    @Test void shapeErrorsNameOpAndShapes() {
        assertIae(() -> a().mm(a()), "mm", "[2, 3]", "[2, 3]");
        assertIae(() -> a().mm(Tensor.zeros(DType.F64, 3)), "mm", "[3]");
        assertIae(() -> Tensor.zeros(DType.F64, 3, 3).addmm(1, 1, a(), b()), "addmm", "[3, 3]", "[2, 3]", "[3, 2]");
        assertIae(() -> Tensor.zeros(DType.F64, 2, 2).addmm(1, 1, a(), a()), "addmm", "[2, 3]");
        assertIae(() -> a().mv(Tensor.zeros(DType.F64, 2)), "mv", "[2, 3]", "[2]");
        assertIae(() -> Tensor.zeros(DType.F64, 3).addmv(1, 1, a(), Tensor.zeros(DType.F64, 3)), "addmv", "[2, 3]", "[3]");
        assertIae(() -> Tensor.zeros(DType.F64, 2, 2).addr(1, 1, Tensor.zeros(DType.F64, 2), Tensor.zeros(DType.F64, 3)),
                "addr", "[2, 2]", "[2]", "[3]");
        assertIae(() -> a().unsqueeze(0).bmm(a().unsqueeze(0)), "bmm", "[1, 2, 3]");
        assertIae(() -> a().bmm(b()), "bmm", "[2, 3]");
        assertIae(() -> Tensor.zeros(DType.F64, 2).dot(Tensor.zeros(DType.F64, 3)), "dot", "[2]", "[3]");
        assertIae(() -> a().mm(Tensor.of(new float[] {1, 2, 3}, 3, 1)), "mm", "F64", "F32");
    }
}
