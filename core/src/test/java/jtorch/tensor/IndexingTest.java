package jtorch.tensor;

import static jtorch.testing.TensorAssert.assertIae;
import static jtorch.testing.TensorAssert.assertShape;
import static jtorch.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** indexSelect, gather, scatterAdd against hand-computed values, and their index checks. */
class IndexingTest {
    /** [[0, 1, 2], [3, 4, 5], [6, 7, 8]] */
    private static Tensor m() { return Tensor.arange(DType.F64, 0, 9, 1).view(3, 3); }

    private static Tensor idx(int[] v, int... sizes) { return Tensor.of(v, sizes); }

    @Test void indexSelect() {
        Tensor r = m().indexSelect(0, idx(new int[] {2, 0, 2}));
        assertShape(r, 3, 3);
        assertValues(r, 6, 7, 8, 0, 1, 2, 6, 7, 8);
        assertValues(m().indexSelect(1, idx(new int[] {1})), 1, 4, 7);
        assertValues(m().t().indexSelect(0, idx(new int[] {1, 2})), 1, 4, 7, 2, 5, 8);
        assertShape(m().indexSelect(0, idx(new int[0])), 0, 3);
        assertValues(Tensor.of(new double[] {5, 6, 7}).indexSelect(0, idx(new int[] {2, 2, 0})), 7, 7, 5);
    }

    @Test void gather() {
        Tensor g0 = m().gather(0, idx(new int[] {2, 1, 0, 0, 0, 2}, 2, 3));
        assertValues(g0, 6, 4, 2, 0, 1, 8);
        Tensor g1 = m().gather(1, idx(new int[] {0, 0, 2, 1}, 2, 2));
        assertShape(g1, 2, 2);
        assertValues(g1, 0, 0, 5, 4);
        assertValues(m().t().gather(1, idx(new int[] {2, 0, 1}, 3, 1)), 6, 1, 5);
    }

    @Test void scatterAdd() {
        Tensor z = Tensor.zeros(DType.F64, 3, 3);
        Tensor src = Tensor.of(new double[] {1, 2, 3, 10, 20, 30}).view(2, 3);
        assertSame(z, z.scatterAddInPlace(0, idx(new int[] {0, 1, 2, 0, 1, 1}, 2, 3), src));
        assertValues(z, 11, 0, 0, 0, 22, 30, 0, 0, 3);
        Tensor r = m().scatterAdd(1, idx(new int[] {2, 2, 0, 1, 1, 1}, 2, 3), src);
        assertValues(r, 3, 1, 5, 3, 64, 5, 6, 7, 8);
        assertValues(m(), 0, 1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test void outOfRangeIndicesThrow() {
        assertIae(() -> m().indexSelect(0, idx(new int[] {0, 3})), "indexSelect", "3", "[3, 3]");
        assertIae(() -> m().indexSelect(1, idx(new int[] {-1})), "indexSelect", "-1");
        assertIae(() -> m().gather(1, idx(new int[] {0, 5}, 1, 2)), "gather", "5", "[3, 3]");
        assertIae(() -> Tensor.zeros(DType.F64, 3, 3).scatterAddInPlace(0, idx(new int[] {4}, 1, 1),
                Tensor.zeros(DType.F64, 1, 1)), "scatterAdd", "4", "[3, 3]");
    }

    @Test void indexKindAndShapeChecks() {
        assertIae(() -> m().indexSelect(0, Tensor.of(new float[] {0})), "indexSelect", "I32");
        assertIae(() -> m().indexSelect(0, idx(new int[] {0}, 1, 1)), "indexSelect", "[1, 1]");
        assertIae(() -> m().indexSelect(2, idx(new int[] {0})), "indexSelect", "dimension 2");
        assertIae(() -> m().gather(0, idx(new int[] {0, 0, 0, 0}, 1, 4)), "gather", "[1, 4]", "[3, 3]");
        assertIae(() -> m().gather(0, idx(new int[] {0, 0, 0}, 3)), "gather", "[3]", "[3, 3]");
        assertIae(() -> m().scatterAdd(0, idx(new int[] {0, 0}, 1, 2), Tensor.zeros(DType.F64, 1, 1)),
                "scatterAdd", "[1, 2]", "[1, 1]");
        assertIae(() -> m().scatterAdd(0, idx(new int[] {0}, 1, 1), Tensor.zeros(DType.F32, 1, 1)), "scatterAdd", "F32");
    }
}
