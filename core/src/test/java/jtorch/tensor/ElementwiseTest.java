package jtorch.tensor;

import static jtorch.testing.TensorAssert.assertClose;
import static jtorch.testing.TensorAssert.assertIae;
import static jtorch.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertSame;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import org.junit.jupiter.api.Test;

/** Element-wise math with exact expected values on small inputs; scalar, InPlace and out variants. */
class ElementwiseTest {
    private static final double NAN = Double.NaN, INF = Double.POSITIVE_INFINITY;

    private static Tensor x() { return Tensor.of(new double[] {-2, -0.5, 0, 1, 4}); }
    private static Tensor y() { return Tensor.of(new double[] {1, 2, -1, 1, 0.5}); }

    @Test void binaryTensorOps() {
        assertValues(x().add(y()), -1, 1.5, -1, 2, 4.5);
        assertValues(x().add(2, y()), 0, 3.5, -2, 3, 5);
        assertValues(x().sub(y()), -3, -2.5, 1, 0, 3.5);
        assertValues(x().mul(y()), -2, -1, -0.0, 1, 2);
        assertValues(x().div(y()), -2, -0.25, -0.0, 1, 8);
        assertValues(y().pow(Tensor.of(new double[] {3, 0.5, 2, 7, -1})), 1, Math.sqrt(2), 1, 1, 2);
        assertValues(x().maximum(y()), 1, 2, 0, 1, 4);
        assertValues(x().minimum(y()), -2, -0.5, -1, 1, 0.5);
        assertValues(x().eq(y()), 0, 0, 0, 1, 0);
        assertValues(x().ne(y()), 1, 1, 1, 0, 1);
        assertValues(x().lt(y()), 1, 1, 0, 0, 0);
        assertValues(x().le(y()), 1, 1, 0, 1, 0);
        assertValues(x().gt(y()), 0, 0, 1, 0, 1);
        assertValues(x().ge(y()), 0, 0, 1, 1, 1);
        assertValues(x().apply(BinaryOp.SUB, 3, y()), -5, -6.5, 3, -2, 2.5);
    }

    @Test void nanPropagatesThroughMaxMin() {
        Tensor a = Tensor.of(new double[] {NAN, 1}), b = Tensor.of(new double[] {0, NAN});
        assertValues(a.maximum(b), NAN, NAN);
        assertValues(a.minimum(b), NAN, NAN);
        assertValues(a.relu(), NAN, 1);
    }

    @Test void scalarOps() {
        assertValues(x().add(1.5), -0.5, 1, 1.5, 2.5, 5.5);
        assertValues(x().sub(1), -3, -1.5, -1, 0, 3);
        assertValues(x().mul(-2), 4, 1, -0.0, -2, -8);
        assertValues(x().div(4), -0.5, -0.125, 0, 0.25, 1);
        assertValues(x().pow(2), 4, 0.25, 0, 1, 16);
        assertValues(Tensor.of(new double[] {4, 9}).pow(0.5), 2, 3);
        assertValues(x().eq(1), 0, 0, 0, 1, 0);
        assertValues(x().ne(1), 1, 1, 1, 0, 1);
        assertValues(x().lt(0), 1, 1, 0, 0, 0);
        assertValues(x().le(0), 1, 1, 1, 0, 0);
        assertValues(x().gt(0), 0, 0, 0, 1, 1);
        assertValues(x().ge(0), 0, 0, 1, 1, 1);
        assertValues(x().apply(UnaryOp.RSUB, 1, 0), 3, 1.5, 1, 0, -3);
        assertValues(y().apply(UnaryOp.RDIV, 2, 0), 2, 1, -2, 2, 4);
        assertValues(y().apply(UnaryOp.RPOW, 2, 0), 2, 4, 0.5, 2, Math.sqrt(2));
    }

    @Test void unaryOps() {
        assertValues(x().neg(), 2, 0.5, -0.0, -1, -4);
        assertValues(x().abs(), 2, 0.5, 0, 1, 4);
        assertClose(x().exp(), 1e-15, Math.exp(-2), Math.exp(-0.5), 1, Math.E, Math.exp(4));
        assertClose(Tensor.of(new double[] {1, Math.E, 0, -1}).log(), 1e-15, 0, 1, -INF, NAN);
        assertValues(Tensor.of(new double[] {0, 4, 2.25, -1}).sqrt(), 0, 2, 1.5, NAN);
        assertClose(x().tanh(), 1e-15, Math.tanh(-2), Math.tanh(-0.5), 0, Math.tanh(1), Math.tanh(4));
        assertClose(Tensor.of(new double[] {0, -1000, 1000, 2}).sigmoid(), 1e-15, 0.5, 0, 1, 1 / (1 + Math.exp(-2)));
        assertValues(x().relu(), 0, 0, 0, 1, 4);
        assertValues(x().square(), 4, 0.25, 0, 1, 16);
        assertValues(x().reciprocal(), -0.5, -2, INF, 1, 0.25);
        assertValues(x().sign(), -1, -1, 0, 1, 1);
        assertValues(x().clamp(-1, 2), -1, -0.5, 0, 1, 2);
    }

    @Test void f32MatchesRounding() {
        Tensor a = Tensor.of(new float[] {0.1f, 3f}), b = Tensor.of(new float[] {0.2f, 7f});
        assertValues(a.add(b), (float) (0.1f + 0.2f), 10);
        assertValues(a.div(b), (double) (0.1f / 0.2f), (double) (3f / 7f));
        assertClose(a.exp(), 3e-7, Math.exp(0.1f), Math.exp(3));
    }

    @Test void inPlaceVariantsReturnThis() {
        Tensor t = x();
        assertSame(t, t.addInPlace(y()));
        assertValues(t, -1, 1.5, -1, 2, 4.5);
        assertSame(t, t.addInPlace(-1, y()));
        assertValues(t, -2, -0.5, 0, 1, 4);
        t.subInPlace(y()).mulInPlace(y()).divInPlace(Tensor.of(new double[] {1, 2, 4, 1, 1}));
        assertValues(t, -3, -2.5, -0.25, 0, 1.75);
        t.addInPlace(1).subInPlace(0.5).mulInPlace(2).divInPlace(4);
        assertValues(t, -1.25, -1, 0.125, 0.25, 1.125);
        Tensor u = x();
        u.negInPlace().absInPlace().powInPlace(2).sqrtInPlace().clampInPlace(0, 3);
        assertValues(u, 2, 0.5, 0, 1, 3);
        Tensor v = Tensor.of(new double[] {0, 1});
        v.expInPlace().logInPlace();
        assertValues(v, 0, 1);
        Tensor w = x();
        w.tanhInPlace();
        assertValues(w, x().tanh().toDoubleArray());
        Tensor s = x();
        s.sigmoidInPlace().reluInPlace();
        assertValues(s, x().sigmoid().toDoubleArray());
    }

    @Test void inPlaceOnNonContiguousView() {
        Tensor m = Tensor.arange(DType.F64, 0, 6, 1).view(2, 3);
        m.t().addInPlace(Tensor.of(new double[] {10, 20}));
        assertValues(m, 10, 11, 12, 23, 24, 25);
        m.narrow(1, 1, 1).mulInPlace(0);
        assertValues(m, 10, 0, 12, 23, 0, 25);
    }

    @Test void outVariants() {
        Tensor out = Tensor.zeros(DType.F64, 5);
        assertSame(out, x().add(y(), out));
        assertValues(out, -1, 1.5, -1, 2, 4.5);
        x().sub(y(), out);
        assertValues(out, -3, -2.5, 1, 0, 3.5);
        x().mul(y(), out);
        assertValues(out, -2, -1, 0, 1, 2);
        x().div(y(), out);
        assertValues(out, -2, -0.25, 0, 1, 8);
        assertSame(out, x().apply(UnaryOp.ABS, 0, 0, out));
        assertValues(out, 2, 0.5, 0, 1, 4);
        Tensor strided = Tensor.zeros(DType.F64, 5, 2).select(1, 1);
        x().add(y(), strided);
        assertValues(strided, -1, 1.5, -1, 2, 4.5);
        assertIae(() -> x().add(y(), Tensor.zeros(DType.F64, 4)), "add", "[4]", "[5]");
        assertIae(() -> x().add(y(), Tensor.zeros(DType.F32, 5)), "add", "F32", "F64");
        assertIae(() -> x().apply(UnaryOp.EXP, 0, 0, Tensor.zeros(DType.F64, 2)), "exp", "[2]", "[5]");
    }

    @Test void dtypesMustMatch() {
        assertIae(() -> x().add(Tensor.of(new float[] {1, 2, 3, 4, 5})), "add", "F64", "F32");
        assertIae(() -> x().mulInPlace(Tensor.of(new float[] {1})), "mulInPlace", "F64", "F32");
    }

    @Test void i32Arithmetic() {
        Tensor a = Tensor.of(new int[] {7, -7, 3});
        assertValues(a.div(2), 3, -3, 1);
        assertValues(a.add(Tensor.of(new int[] {1, 1, 1})), 8, -6, 4);
        assertValues(a.gt(0), 1, 0, 1);
    }

    @Test void where() {
        Tensor c = Tensor.of(new double[] {1, 0, 2, 0}).view(2, 2);
        Tensor w = Tensor.where(c, Tensor.of(new double[] {10, 20}), Tensor.scalar(DType.F64, -1));
        assertValues(w, 10, -1, 10, -1);
        Tensor w2 = Tensor.where(Tensor.of(new double[] {1, 0}).view(2, 1), Tensor.of(new double[] {1, 2, 3}),
                Tensor.of(new double[] {4, 5, 6}));
        assertValues(w2, 1, 2, 3, 4, 5, 6);
        assertIae(() -> Tensor.where(c, Tensor.of(new double[] {1, 2, 3}), Tensor.of(new double[] {1})), "where", "[2, 2]", "[3]");
    }
}
