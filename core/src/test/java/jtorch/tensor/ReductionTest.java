package jtorch.tensor;

import static jtorch.testing.TensorAssert.assertClose;
import static jtorch.testing.TensorAssert.assertIae;
import static jtorch.testing.TensorAssert.assertShape;
import static jtorch.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reductions along a dimension and over all elements. */
class ReductionTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    /** [[1, 5, -2], [4, 0, 3]] */
    private static Tensor m() { return Tensor.of(new double[] {1, 5, -2, 4, 0, 3}).view(2, 3); }

    @Test void sumAndMean() {
        assertEquals(11, m().sum());
        assertEquals(11 / 6.0, m().mean(), 1e-15);
        assertShape(m().sum(0), 1, 3);
        assertValues(m().sum(0), 5, 5, 1);
        assertValues(m().sum(1), 4, 7);
        assertShape(m().sum(1, false), 2);
        assertValues(m().mean(1, false), 4 / 3.0, 7 / 3.0);
        assertValues(m().t().sum(0), 4, 7);
        assertEquals(0, Tensor.zeros(0).sum());
        assertEquals(-40, Tensor.of(new double[] {1, 5, -2, 4}).prod());
        assertValues(m().prod(0, false), 4, 0, -6);
        assertEquals(5, Tensor.scalar(DType.F64, 5).sum());
    }

    @Test void maxMinValuesAndIndices() {
        assertEquals(5, m().max());
        assertEquals(-2, m().min());
        Tensor.MaxMin mx = m().max(1);
        assertShape(mx.values(), 2, 1);
        assertValues(mx.values(), 5, 4);
        assertValues(mx.indices(), 1, 0);
        assertEquals(DType.I32, mx.indices().dtype());
        Tensor.MaxMin mn = m().min(0, false);
        assertShape(mn.indices(), 3);
        assertValues(mn.values(), 1, 0, -2);
        assertValues(mn.indices(), 0, 1, 0);
        Tensor ties = Tensor.of(new double[] {3, 7, 7, 1, 7});
        assertValues(ties.max(0).indices(), 1);
        assertEquals(1, ties.argmax());
        assertEquals(3, ties.argmin());
        Tensor nan = Tensor.of(new double[] {1, Double.NaN, 9});
        assertTrue(Double.isNaN(nan.max()));
        assertTrue(Double.isNaN(nan.min()));
        assertValues(nan.max(0).indices(), 1);
        assertValues(nan.min(0).indices(), 1);
        assertIae(() -> Tensor.zeros(2, 0).max(1), "max", "[2, 0]");
    }

    @Test void argmax() {
        assertEquals(1, m().argmax());
        assertEquals(2, m().argmin());
        assertValues(m().argmax(0, false), 1, 0, 1);
        assertValues(m().argmax(1), 1, 0);
        assertEquals(2, m().t().argmax(), "row-major position in the transposed view");
    }

    @Test void logsumexpIsStable() {
        Tensor big = Tensor.of(new double[] {1000, 1000});
        assertEquals(1000 + Math.log(2), big.logsumexp(), 1e-12);
        assertEquals(-1000 + Math.log(2), big.neg().logsumexp(), 1e-12);
        assertEquals(1000 + Math.log(2), Tensor.of(new float[] {1000, 1000}).logsumexp(), 1e-3);
        assertEquals(-INF, Tensor.of(new double[] {-INF, -INF}).logsumexp());
        assertEquals(INF, Tensor.of(new double[] {1, INF}).logsumexp());
        assertEquals(-INF, Tensor.zeros(DType.F64, 0).logsumexp());
        Tensor l = m().logsumexp(1);
        assertClose(l, 1e-14, Math.log(Math.exp(1) + Math.exp(5) + Math.exp(-2)), Math.log(Math.exp(4) + 1 + Math.exp(3)));
    }

    @Test void variance() {
        Tensor v = Tensor.of(new double[] {1, 2, 3, 4});
        assertEquals(5 / 3.0, v.var(), 1e-15);
        assertValues(v.var(0, false, true), 1.25);
        assertClose(m().var(1), 1e-14, 37 / 3.0, 13 / 3.0);
        assertValues(m().var(0, false, false), 2.25, 6.25, 6.25);
        assertTrue(Double.isNaN(Tensor.of(new double[] {3}).var()), "unbiased variance of one element is NaN");
        assertValues(Tensor.of(new double[] {3}).var(0, false, false), 0);
        assertEquals(0, Tensor.full(DType.F64, 1e8 + 0.5, 5).var(), "centered first, so no cancellation");
    }

    @Test void norms() {
        Tensor v = Tensor.of(new double[] {3, -4, 0, 1});
        assertEquals(8, v.norm(1), 1e-15);
        assertEquals(Math.sqrt(26), v.norm(2), 1e-15);
        assertEquals(Math.cbrt(27 + 64 + 1), v.norm(3), 1e-14);
        assertEquals(4, v.norm(INF));
        assertClose(m().norm(2, 1), 1e-14, Math.sqrt(30), 5);
        assertValues(m().norm(INF, 0, false), 4, 5, 3);
        assertValues(m().norm(1, 1), 8, 7);
        assertIae(() -> v.norm(0), "norm");
    }

    @Test void dimErrors() {
        assertIae(() -> m().sum(2), "sum", "dimension 2");
        assertIae(() -> m().max(-1), "max", "dimension -1");
        assertIae(() -> m().mean(5), "mean", "dimension 5");
        assertIae(() -> m().var(2), "var", "dimension 2");
        assertIae(() -> m().norm(2, 3), "norm", "dimension 3");
        assertIae(() -> m().logsumexp(2), "logsumexp", "dimension 2");
    }
}
