package jtorch.tensor;

import static jtorch.testing.TensorAssert.assertClose;
import static jtorch.testing.TensorAssert.assertIae;
import static jtorch.testing.TensorAssert.assertShape;
import static jtorch.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import org.junit.jupiter.api.Test;

/** zeros, ones, full, arange, linspace, of, scalar. */
class CreationTest {
    @Test void zerosOnesFull() {
        Tensor z = Tensor.zeros(2, 3);
        assertEquals(DType.F32, z.dtype());
        assertSame(Backends.getDefault(), z.backend());
        assertShape(z, 2, 3);
        assertArrayEquals(new int[] {3, 1}, z.strides());
        assertValues(z, 0, 0, 0, 0, 0, 0);
        assertValues(Tensor.ones(DType.F64, 2), 1, 1);
        Tensor f = Tensor.full(DType.I32, -4.9, 3);
        assertEquals(DType.I32, f.dtype());
        assertValues(f, -4, -4, -4);
        assertEquals(DType.F64, z.newZeros(1).to(DType.F64).dtype());
        assertShape(z.zerosLike(), 2, 3);
        assertShape(Tensor.zeros(0), 0);
        assertIae(() -> Tensor.zeros(2, -1), "negative", "[2, -1]");
    }

    @Test void scalar() {
        Tensor s = Tensor.scalar(DType.F64, 2.5);
        assertEquals(0, s.dim());
        assertEquals(1, s.numel());
        assertEquals(2.5, s.item());
        assertEquals(2.5, s.get());
        assertTrue(s.isContiguous());
    }

    @Test void arange() {
        assertValues(Tensor.arange(0, 5, 1), 0, 1, 2, 3, 4);
        assertValues(Tensor.arange(0, 10, 3), 0, 3, 6, 9);
        assertValues(Tensor.arange(5, 0, -1), 5, 4, 3, 2, 1);
        assertValues(Tensor.arange(1, -1, -0.5), 1, 0.5, 0, -0.5);
        assertEquals(0, Tensor.arange(0, 0, 1).numel());
        assertEquals(0, Tensor.arange(3, 0, 1).numel());
        Tensor tenth = Tensor.arange(DType.F64, 0, 1, 0.1);
        assertEquals(10, tenth.numel());
        for (int i = 0; i < 10; i++) assertEquals(i * 0.1, tenth.get(i), 1e-15);
        // (1.3 - 1) / 0.1 rounds to 3.0000000000000004: only values strictly below end are kept
        assertClose(Tensor.arange(DType.F64, 1, 1.3, 0.1), 1e-15, 1, 1.1, 1.2);
        assertEquals(3, Tensor.arange(0, 0.3, 0.1).numel());
        assertValues(Tensor.arange(DType.I32, 0, 3, 1), 0, 1, 2);
        assertIae(() -> Tensor.arange(0, 1, 0), "arange", "step");
    }

    @Test void linspace() {
        assertValues(Tensor.linspace(0, 1, 5), 0, 0.25, 0.5, 0.75, 1);
        Tensor l = Tensor.linspace(DType.F64, 0, 0.3, 4);
        assertEquals(0.3, l.get(3), 0.0, "last element is exactly end");
        assertEquals(0.0, l.get(0), 0.0);
        assertValues(Tensor.linspace(3, -3, 3), 3, 0, -3);
        assertValues(Tensor.linspace(0, 10, 1), 0);
        assertEquals(0, Tensor.linspace(0, 10, 0).numel());
        assertIae(() -> Tensor.linspace(0, 1, -1), "linspace", "-1");
    }

    @Test void of() {
        float[] data = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(data, 2, 3);
        assertShape(t, 2, 3);
        assertEquals(6, t.get(1, 2));
        data[0] = 99;
        assertEquals(1, t.get(0, 0), "of copies its input");
        assertShape(Tensor.of(new double[] {1, 2}), 2);
        assertEquals(DType.I32, Tensor.of(new int[] {1}).dtype());
        Tensor m = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        assertShape(m, 3, 2);
        assertValues(m, 1, 2, 3, 4, 5, 6);
        assertIae(() -> Tensor.of(data, 4, 2), "of", "6", "[4, 2]");
        assertIae(() -> Tensor.of(new float[][] {{1, 2}, {3}}), "of", "row 1");
    }

    @Test void elementAccessChecksBounds() {
        Tensor t = Tensor.zeros(2, 3);
        t.set(5, 1, 2);
        assertEquals(5, t.get(1, 2));
        assertIae(() -> t.get(2, 0), "get", "[2, 0]", "[2, 3]");
        assertIae(() -> t.get(0), "get", "[2, 3]");
        assertIae(() -> t.item(), "item", "[2, 3]");
    }

    @Test void toArrays() {
        Tensor t = Tensor.arange(0, 6, 1).view(2, 3).t();
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, t.toFloatArray());
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, t.toDoubleArray());
        assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5}, t.toIntArray());
        assertArrayEquals(new float[] {2, 3}, Tensor.arange(0, 6, 1).narrow(0, 2, 2).toFloatArray());
    }

    @Test void shapeRecordIsImmutable() {
        Shape s = Shape.of(2, 3);
        s.dims()[0] = 7;
        assertEquals(2, s.size(0));
        assertEquals(6, s.numel());
        assertEquals(Shape.of(2, 3), Tensor.zeros(2, 3).shape());
        assertIae(() -> Shape.of(2, -3), "negative");
    }
}
