package jtorch.tensor;

import static jtorch.testing.TensorAssert.assertIae;
import static jtorch.testing.TensorAssert.assertShape;
import static jtorch.testing.TensorAssert.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import org.junit.jupiter.api.Test;

/** Views share storage and get the right sizes, strides and offsets; copies do not share. */
class ViewsTest {
    private static Tensor range(int... sizes) { return Tensor.arange(0, Shape.numel(sizes), 1).view(sizes); }

    @Test void viewInfersMinusOneAndSharesStorage() {
        Tensor x = Tensor.arange(0, 12, 1);
        Tensor v = x.view(3, -1);
        assertShape(v, 3, 4);
        assertArrayEquals(new int[] {4, 1}, v.strides());
        assertSame(x.storage(), v.storage());
        v.set(100, 2, 1);
        assertEquals(100, x.get(9));
        assertShape(x.view(-1, 2, 3), 2, 2, 3);
        assertIae(() -> x.view(-1, -1), "view", "-1");
        assertIae(() -> x.view(5, -1), "view", "[5, -1]", "[12]");
        assertIae(() -> x.view(5, 3), "view", "[5, 3]", "[12]");
    }

    @Test void viewOfNonContiguousThrowsReshapeCopies() {
        Tensor t = range(2, 3).t();
        assertFalse(t.isContiguous());
        assertIae(() -> t.view(6), "view", "[3, 2]");
        Tensor r = t.reshape(6);
        assertValues(r, 0, 3, 1, 4, 2, 5);
        assertNotSame(t.storage(), r.storage());
        Tensor c = range(2, 3);
        assertSame(c.storage(), c.reshape(3, 2).storage());
    }

    @Test void viewOfContiguousNarrowKeepsOffset() {
        Tensor v = Tensor.arange(0, 10, 1).narrow(0, 2, 6).view(2, 3);
        assertEquals(2, v.offset());
        assertValues(v, 2, 3, 4, 5, 6, 7);
    }

    @Test void narrow() {
        Tensor x = range(3, 4);
        Tensor n = x.narrow(1, 1, 2);
        assertShape(n, 3, 2);
        assertArrayEquals(new int[] {4, 1}, n.strides());
        assertEquals(1, n.offset());
        assertValues(n, 1, 2, 5, 6, 9, 10);
        assertShape(x.narrow(0, 3, 0), 0, 4);
        assertIae(() -> x.narrow(1, 3, 2), "narrow", "[3, 5)", "[3, 4]");
        assertIae(() -> x.narrow(2, 0, 1), "narrow", "dimension 2");
        n.fillInPlace(-1);
        assertValues(x, 0, -1, -1, 3, 4, -1, -1, 7, 8, -1, -1, 11);
    }

    @Test void select() {
        Tensor x = range(3, 4);
        Tensor r = x.select(0, 1);
        assertShape(r, 4);
        assertEquals(4, r.offset());
        assertValues(r, 4, 5, 6, 7);
        Tensor c = x.select(1, 2);
        assertArrayEquals(new int[] {4}, c.strides());
        assertEquals(2, c.offset());
        assertValues(c, 2, 6, 10);
        Tensor s = x.select(0, 2).select(0, 3);
        assertEquals(0, s.dim());
        assertEquals(11, s.item());
        assertIae(() -> x.select(0, 3), "select", "index 3", "[3, 4]");
    }

    @Test void transposeAndT() {
        Tensor x = range(2, 3, 4);
        Tensor t = x.transpose(0, 2);
        assertShape(t, 4, 3, 2);
        assertArrayEquals(new int[] {1, 4, 12}, t.strides());
        assertEquals(13, t.get(1, 0, 1));
        Tensor m = range(2, 3).t();
        assertShape(m, 3, 2);
        assertValues(m, 0, 3, 1, 4, 2, 5);
        assertIae(() -> x.t(), "t", "2-d", "[2, 3, 4]");
        assertSame(x.storage(), t.storage());
    }

    @Test void permute() {
        Tensor x = range(2, 3, 4);
        Tensor p = x.permute(2, 0, 1);
        assertShape(p, 4, 2, 3);
        assertArrayEquals(new int[] {1, 12, 4}, p.strides());
        assertEquals(x.get(1, 2, 3), p.get(3, 1, 2));
        assertIae(() -> x.permute(0, 0, 1), "permute");
        assertIae(() -> x.permute(0, 1), "permute");
    }

    @Test void expand() {
        Tensor col = Tensor.of(new float[] {1, 2, 3}, 3, 1);
        Tensor e = col.expand(2, 3, 4);
        assertShape(e, 2, 3, 4);
        assertArrayEquals(new int[] {0, 1, 0}, e.strides());
        assertEquals(3, e.get(1, 2, 3));
        assertShape(col.expand(-1, 5), 3, 5);
        assertShape(col.expand(3, 0), 3, 0);
        Tensor s = Tensor.scalar(DType.F32, 7);
        Tensor se = s.expand(2, 2);
        assertArrayEquals(new int[] {0, 0}, se.strides());
        assertValues(se, 7, 7, 7, 7);
        assertShape(s.expand(), new int[0]);
        assertIae(() -> col.expand(4, 4), "expand", "[3, 1]", "[4, 4]");
        assertIae(() -> col.expand(4), "expand", "[3, 1]", "[4]");
        assertIae(() -> col.expand(-1, 3, 1), "expand", "-1");
    }

    @Test void unsqueezeStrides() {
        Tensor x = range(2, 3);
        Tensor a = x.unsqueeze(0), b = x.unsqueeze(1), c = x.unsqueeze(2);
        assertShape(a, 1, 2, 3);
        assertShape(b, 2, 1, 3);
        assertShape(c, 2, 3, 1);
        assertArrayEquals(new int[] {6, 3, 1}, a.strides());
        assertArrayEquals(new int[] {3, 3, 1}, b.strides());
        assertArrayEquals(new int[] {3, 1, 1}, c.strides());
        assertTrue(a.isContiguous() && b.isContiguous() && c.isContiguous());
        assertValues(x.t().unsqueeze(1), 0, 3, 1, 4, 2, 5);
        assertShape(Tensor.scalar(DType.F32, 1).unsqueeze(0), 1);
        assertIae(() -> x.unsqueeze(3), "unsqueeze", "3");
    }

    @Test void squeeze() {
        Tensor x = range(1, 3, 1, 2);
        assertShape(x.squeeze(), 3, 2);
        assertArrayEquals(new int[] {2, 1}, x.squeeze().strides());
        assertShape(x.squeeze(0), 3, 1, 2);
        assertShape(x.squeeze(2), 1, 3, 2);
        assertShape(x.squeeze(1), 1, 3, 1, 2);
        assertShape(range(1, 1).squeeze(), new int[0]);
        assertIae(() -> x.squeeze(4), "squeeze", "4");
    }

    @Test void contiguous() {
        Tensor x = range(2, 3);
        assertSame(x, x.contiguous());
        Tensor c = x.t().contiguous();
        assertTrue(c.isContiguous());
        assertArrayEquals(new int[] {2, 1}, c.strides());
        assertValues(c, 0, 3, 1, 4, 2, 5);
        assertTrue(range(2, 1, 3).permute(1, 0, 2).isContiguous(), "size-1 dims may have any stride");
    }

    @Test void zeroSizeDims() {
        Tensor z = Tensor.zeros(3, 0);
        assertTrue(z.isContiguous());
        assertEquals(0, z.numel());
        assertShape(z.view(0), 0);
        assertShape(z.reshape(0, 5), 0, 5);
        assertShape(z.t().contiguous(), 0, 3);
        assertEquals(0, z.sum());
        assertShape(z.sum(1), 3, 1);
        assertValues(z.sum(1), 0, 0, 0);
        assertShape(z.sum(0), 1, 0);
        assertShape(Tensor.zeros(2, 3).narrow(1, 1, 0).reshape(-1), 0);
    }

    @Test void copyBroadcastsAndConverts() {
        Tensor x = Tensor.zeros(2, 3).copy(Tensor.of(new float[] {1, 2, 3}));
        assertValues(x, 1, 2, 3, 1, 2, 3);
        Tensor y = Tensor.zeros(DType.F64, 2, 3).copy(x.t().t());
        assertValues(y, 1, 2, 3, 1, 2, 3);
        assertIae(() -> Tensor.zeros(2, 3).copy(Tensor.zeros(2)), "copy", "[2]", "[2, 3]");
    }

    @Test void copyBetweenOverlappingViews() {
        Tensor x = Tensor.arange(0, 5, 1);
        x.narrow(0, 1, 4).copy(x.narrow(0, 0, 4));
        assertValues(x, 0, 0, 1, 2, 3);
        Tensor y = Tensor.arange(0, 5, 1);
        y.narrow(0, 0, 4).copy(y.narrow(0, 1, 4));
        assertValues(y, 1, 2, 3, 4, 4);
        Tensor m = range(3, 3);
        m.copy(m.t());
        assertValues(m, 0, 3, 6, 1, 4, 7, 2, 5, 8);
    }

    @Test void cloneIsIndependent() {
        Tensor x = range(2, 2);
        Tensor c = x.clone();
        assertNotSame(x.storage(), c.storage());
        c.set(9, 0, 0);
        assertEquals(0, x.get(0, 0));
        Tensor t = x.t().clone();
        assertTrue(t.isContiguous());
        assertValues(t, 0, 2, 1, 3);
    }

    @Test void toDType() {
        Tensor x = Tensor.of(new float[] {-1.7f, 2.9f, 0.5f});
        assertSame(x, x.to(DType.F32));
        Tensor d = x.to(DType.F64);
        assertEquals(DType.F64, d.dtype());
        assertValues(d, (float) -1.7, (float) 2.9, 0.5);
        Tensor i = x.to(DType.I32);
        assertEquals(DType.I32, i.dtype());
        assertValues(i, -1, 2, 0);
        assertValues(range(2, 2).t().to(DType.I32), 0, 2, 1, 3);
    }

    @Test void toBackendSharesHeapStorage() {
        Tensor x = range(2, 2).t();
        Tensor r = x.to(Backends.ref());
        assertSame(Backends.ref(), r.backend());
        assertSame(x.storage(), r.storage());
        assertArrayEquals(x.strides(), r.strides());
        assertSame(r, r.to(Backends.ref()));
        Tensor back = r.to(Backends.cpu());
        assertSame(Backends.cpu(), back.backend());
        assertValues(back, 0, 2, 1, 3);
    }
}
