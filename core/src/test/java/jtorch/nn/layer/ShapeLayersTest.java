package jtorch.nn.layer;

import static jtorch.nn.Jacobian.TOLERANCE;
import static jtorch.nn.Jacobian.check;
import static jtorch.nn.layer.LayerTesting.assertClose;
import static jtorch.nn.layer.LayerTesting.assertValues;
import static jtorch.nn.layer.LayerTesting.mentions;
import static jtorch.nn.layer.LayerTesting.randn64;
import static jtorch.nn.layer.LayerTesting.range64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Identity, Reshape, View, Replicate, Narrow, Select. */
class ShapeLayersTest {

    @Test
    void identityPassesTensorsAndTables() {
        Identity id = new Identity();
        Tensor x = randn64(1, 2, 3);
        assertSame(x, id.forward(x));
        Table t = Table.of(x, randn64(2, 4));
        assertSame(t, id.forward((Activity) t));
        assertSame(t, id.backward(t, t));
        check(id, x).assertBelow(TOLERANCE);
        check(id, t).assertBelow(TOLERANCE);
    }

    @Test
    void reshapeKeepsTheBatch() {
        Tensor x = range64(2, 6);
        Reshape r = new Reshape(3, 2);
        assertValues(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, new int[] {2, 3, 2}, r.forward(x));
        assertEquals("Reshape(3, 2)", r.name());
        Tensor xt = range64(3, 4).t(); // [4, 3], strided: rows are 0,4,8 / 1,5,9 / ...
        Tensor y = new Reshape(3, 1).forward(xt);
        assertValues(new double[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, new int[] {4, 3, 1}, y);
        Tensor g = range64(2, 3, 2);
        assertClose(range64(2, 6), r.backward(x, g));
        check(r, randn64(3, 2, 2, 3)).assertBelow(TOLERANCE);
        check(new Reshape(3), randn64(4, 3, 2).t()).assertBelow(TOLERANCE); // strided input
        // batch never guessed: a [6] tensor is a batch of 6 one-element samples
        var e = assertThrows(IllegalArgumentException.class, () -> r.forward(range64(6)));
        mentions(e, "Reshape(3, 2)", "6 elements per sample", "[6]");
        e = assertThrows(IllegalArgumentException.class, () -> r.backward(x, range64(2, 6)));
        mentions(e, "[2, 6]", "[2, 3, 2]");
        assertThrows(IllegalArgumentException.class, () -> new Reshape(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new Reshape(-1));
    }

    @Test
    void viewInfersOneSizeAndNeedsContiguousInput() {
        Tensor x = range64(2, 3, 4);
        View flat = new View(-1);
        Tensor y = flat.forward(x);
        assertArrayEquals(new int[] {2, 12}, y.sizes());
        assertSame(x.storage(), y.storage());
        assertArrayEquals(new int[] {2, 4, 3}, new View(4, -1).forward(x).sizes());
        assertValues(range64(24).toDoubleArray(), new int[] {2, 2, 6}, new View(2, 6).forward(x));
        Tensor g = range64(12, 2).t(); // [2, 12], strided gradOutput
        assertClose(g.contiguous().view(2, 3, 4), flat.backward(x, g));
        check(new View(-1, 2), randn64(5, 3, 2, 2)).assertBelow(TOLERANCE);
        var e = assertThrows(IllegalArgumentException.class, () -> flat.forward(x.transpose(1, 2)));
        mentions(e, "View(-1)", "not contiguous");
        e = assertThrows(IllegalArgumentException.class, () -> new View(5, -1).forward(x));
        mentions(e, "View(5, -1)", "[2, 3, 4]");
        assertThrows(IllegalArgumentException.class, () -> new View(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> new View(0, 3));
    }

    @Test
    void replicateExpandsWithoutCopying() {
        Tensor x = range64(2, 3);
        Replicate r = new Replicate(4, 1);
        Tensor y = r.forward(x);
        assertArrayEquals(new int[] {2, 4, 3}, y.sizes());
        assertEquals(0, y.stride(1));
        assertValues(new double[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 3, 4, 5, 3, 4, 5},
                new int[] {2, 4, 3}, y);
        Tensor y2 = new Replicate(2, 2).forward(x);
        assertValues(new double[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}, new int[] {2, 3, 2}, y2);
        assertClose(range64(2, 4, 3).sum(1, false), r.backward(x, range64(2, 4, 3)));
        check(r, randn64(6, 2, 3)).assertBelow(TOLERANCE);
        check(new Replicate(3, 2), randn64(7, 2, 3)).assertBelow(TOLERANCE);
        check(new Replicate(2, 3), randn64(8, 2, 2, 2)).assertBelow(TOLERANCE);
        var e = assertThrows(IllegalArgumentException.class, () -> new Replicate(2, 3).forward(x));
        mentions(e, "Replicate(2, 3)", "[2, 3]");
        assertThrows(IllegalArgumentException.class, () -> new Replicate(2, 0));
        assertThrows(IllegalArgumentException.class, () -> new Replicate(0, 1));
        e = assertThrows(IllegalArgumentException.class, () -> r.backward(x, range64(2, 3, 3)));
        mentions(e, "[2, 3, 3]", "[2, 4, 3]");
    }

    @Test
    void narrowTakesARangeOfAnyDimension() {
        Tensor x = range64(2, 4);
        Narrow n = new Narrow(1, 1, 2);
        assertValues(new double[] {1, 2, 5, 6}, new int[] {2, 2}, n.forward(x));
        assertValues(new double[] {0, 0, 1, 0, 0, 2, 3, 0}, new int[] {2, 4}, n.backward(x, range64(2, 2)));
        assertValues(new double[] {4, 5, 6, 7}, new int[] {1, 4}, new Narrow(0, 1, 1).forward(x));
        assertValues(new double[] {2, 3, 6, 7}, new int[] {2, 2}, new Narrow(1, -2, 2).forward(x));
        assertValues(new double[] {1, 2, 3, 5, 6, 7}, new int[] {2, 3}, new Narrow(1, 1, -1).forward(x));
        check(n, randn64(9, 3, 4)).assertBelow(TOLERANCE);
        check(new Narrow(0, 1, 2), randn64(10, 3, 2, 2)).assertBelow(TOLERANCE);
        check(new Narrow(2, -1, 1), randn64(11, 2, 2, 3)).assertBelow(TOLERANCE);
        var e = assertThrows(IllegalArgumentException.class, () -> new Narrow(1, 3, 2).forward(x));
        mentions(e, "Narrow(1, 3, 2)", "[2, 4]");
        e = assertThrows(IllegalArgumentException.class, () -> new Narrow(2, 0, 1).forward(x));
        mentions(e, "no dimension 2");
        e = assertThrows(IllegalArgumentException.class, () -> n.backward(x, range64(2, 3)));
        mentions(e, "[2, 3]", "[2, 2]");
        assertThrows(IllegalArgumentException.class, () -> new Narrow(0, 0, 0));
    }

    @Test
    void selectDropsADimension() {
        Tensor x = range64(2, 3, 2);
        Select s = new Select(1, 2);
        assertValues(new double[] {4, 5, 10, 11}, new int[] {2, 2}, s.forward(x));
        assertValues(new double[] {0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 3, 4}, new int[] {2, 3, 2},
                s.backward(x, range64(2, 2).add(1)));
        assertValues(new double[] {6, 7, 8, 9, 10, 11}, new int[] {3, 2}, new Select(0, -1).forward(x));
        assertValues(new double[] {1, 3, 5, 7, 9, 11}, new int[] {2, 3}, new Select(2, -1).forward(x));
        check(s, randn64(12, 2, 3, 2)).assertBelow(TOLERANCE);
        check(new Select(0, 1), randn64(13, 3, 2)).assertBelow(TOLERANCE);
        var e = assertThrows(IllegalArgumentException.class, () -> new Select(1, 3).forward(x));
        mentions(e, "Select(1, 3)", "[2, 3, 2]");
        e = assertThrows(IllegalArgumentException.class, () -> new Select(3, 0).forward(x));
        mentions(e, "no dimension 3");
        e = assertThrows(IllegalArgumentException.class, () -> s.backward(x, range64(2, 3)));
        mentions(e, "[2, 3]", "[2, 2]");
        assertThrows(IllegalArgumentException.class, () -> new Select(-1, 0));
    }
}
