package jtorch.tensor;

import static jtorch.testing.TensorAssert.assertIae;
import static jtorch.testing.TensorAssert.assertShape;
import static jtorch.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The NumPy/Torch broadcasting rule and its errors. */
class BroadcastTest {
    private static Tensor r(int... sizes) { return Tensor.arange(DType.F64, 0, Shape.numel(sizes), 1).view(sizes); }

    @Test void ruleAlignsTrailingDims() {
        assertArrayEquals(new int[] {3, 4}, Shape.broadcast("op", new int[] {3, 1}, new int[] {1, 4}));
        assertArrayEquals(new int[] {2, 3, 4}, Shape.broadcast("op", new int[] {4}, new int[] {2, 3, 1}));
        assertArrayEquals(new int[] {2, 3}, Shape.broadcast("op", new int[0], new int[] {2, 3}));
        assertArrayEquals(new int[] {0, 3}, Shape.broadcast("op", new int[] {0, 1}, new int[] {3}));
        assertArrayEquals(new int[] {0}, Shape.broadcast("op", new int[] {1}, new int[] {0}));
        assertIae(() -> Shape.broadcast("op", new int[] {3}, new int[] {4}), "op", "[3]", "[4]");
        assertIae(() -> Shape.broadcast("op", new int[] {2, 0}, new int[] {3}), "op", "[2, 0]", "[3]");
    }

    @Test void columnPlusRow() {
        Tensor s = r(3, 1).add(r(1, 4));
        assertShape(s, 3, 4);
        assertValues(s, 0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5);
    }

    @Test void vectorAgainstMatrixAndScalar() {
        assertValues(r(2, 3).mul(Tensor.of(new double[] {1, 10, 100})), 0, 10, 200, 3, 40, 500);
        assertValues(r(2, 3).sub(Tensor.scalar(DType.F64, 1)), -1, 0, 1, 2, 3, 4);
        assertValues(Tensor.scalar(DType.F64, 1).sub(r(2, 3)), 1, 0, -1, -2, -3, -4);
        assertShape(Tensor.scalar(DType.F64, 1).add(Tensor.scalar(DType.F64, 2)), new int[0]);
        Tensor t = r(2, 1, 3).add(r(4, 1));
        assertShape(t, 2, 4, 3);
        assertValues(t.select(0, 1).select(0, 2), 5, 6, 7);
    }

    @Test void zeroSizeBroadcast() {
        assertShape(Tensor.zeros(DType.F64, 0, 3).add(r(3)), 0, 3);
        assertShape(r(1).add(Tensor.zeros(DType.F64, 0)), 0);
    }

    @Test void nonContiguousOperands() {
        Tensor a = r(3, 2).t();            // [[0,2,4],[1,3,5]]
        Tensor b = r(3, 2).select(1, 1);   // [1,3,5], stride 2
        assertValues(a.add(b), 1, 5, 9, 2, 6, 10);
    }

    @Test void inPlaceBroadcastsOnlyTheArgument() {
        Tensor a = r(3, 4);
        a.addInPlace(Tensor.of(new double[] {1, 1, 1, 1}));
        assertValues(a.select(0, 0), 1, 2, 3, 4);
        assertIae(() -> r(4).addInPlace(r(3, 4)), "addInPlace", "[3, 4]", "[4]");
        assertIae(() -> r(3, 4).mulInPlace(r(3)), "mulInPlace", "[3]", "[3, 4]");
    }

    @Test void errorsNameOpAndShapes() {
        for (var op : jtorch.backend.BinaryOp.values()) {
            String name = op.name().toLowerCase();
            assertIae(() -> r(2, 3).apply(op, 1, r(2)), name, "[2, 3]", "[2]");
        }
        assertIae(() -> r(2, 3).add(r(3, 2)), "add", "[2, 3]", "[3, 2]");
        assertIae(() -> r(2, 3).add(r(2), Tensor.zeros(DType.F64, 2, 3)), "add", "[2, 3]", "[2]");
    }

    @Test void outShapeIsTheBroadcastShape() {
        Tensor out = Tensor.zeros(DType.F64, 3, 4);
        r(3, 1).add(r(4), out);
        assertValues(out.select(0, 2), 2, 3, 4, 5);
        assertIae(() -> r(3, 1).add(r(4), Tensor.zeros(DType.F64, 3, 1)), "add", "[3, 1]", "[3, 4]");
    }
}
