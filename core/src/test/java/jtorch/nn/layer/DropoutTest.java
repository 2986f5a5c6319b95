package jtorch.nn.layer;

import static jtorch.nn.Jacobian.TOLERANCE;
import static jtorch.nn.Jacobian.check;
import static jtorch.nn.layer.LayerTesting.assertClose;
import static jtorch.nn.layer.LayerTesting.mentions;
import static jtorch.nn.layer.LayerTesting.randn64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DropoutTest {

    @Test
    void dropsAFractionPAndKeepsTheMean() {
        for (double p : new double[] {0.2, 0.5, 0.8}) {
            for (DType dt : new DType[] {DType.F32, DType.F64}) {
                Dropout d = new Dropout(p, new Generator(42));
                Tensor x = Tensor.ones(dt, 100, 1000);
                float[] y = d.forward(x).toFloatArray();
                int zeros = 0;
                double sum = 0;
                float scale = (float) (1 / (1 - p));
                for (float v : y) {
                    if (v == 0) zeros++;
                    else assertEquals(scale, v, 1e-6);
                    sum += v;
                }
                // binomial: sd of the fraction is at most 0.0016 on 100k draws; of the mean at most 0.0063
                assertEquals(p, zeros / 1e5, 0.01, "fraction dropped, p = " + p);
                assertEquals(1.0, sum / 1e5, 0.03, "mean, p = " + p);
            }
        }
    }

    @Test
    void backwardUsesTheForwardMask() {
        Dropout d = new Dropout(0.5, new Generator(1));
        Tensor x = randn64(2, 4, 50);
        Tensor y = d.forward(x).clone();
        Tensor g = randn64(3, 4, 50);
        Tensor gi = d.backward(x, g);
        double[] yv = y.toDoubleArray(), xv = x.toDoubleArray(), gv = g.toDoubleArray(), giv = gi.toDoubleArray();
        for (int i = 0; i < yv.length; i++) {
            boolean kept = yv[i] != 0;
            assertEquals(kept ? 2 * xv[i] : 0, yv[i], 1e-12);
            assertEquals(kept ? 2 * gv[i] : 0, giv[i], 1e-12);
        }
    }

    @Test
    void evaluateIsTheIdentity() {
        Dropout d = new Dropout(0.7);
        Tensor x = randn64(4, 3, 5), g = randn64(5, 3, 5);
        d.evaluate();
        assertFalse(d.isTraining());
        assertSame(x, d.forward(x));
        assertSame(g, d.backward(x, g));
        d.training();
        Tensor y = d.forward(x);
        assertTrue(y.eq(0).sum() > 0, "training mode drops units again");
    }

    @Test
    void sameSeedSameMaskAndFreezing() {
        Tensor x = Tensor.ones(8, 16);
        float[] a = new Dropout(0.5, new Generator(9)).forward(x).toFloatArray();
        float[] b = new Dropout(0.5, new Generator(9)).forward(x).toFloatArray();
        assertArrayEquals(a, b);
        Dropout d = new Dropout(0.5, new Generator(9));
        float[] first = d.forward(x).toFloatArray();
        assertFalse(java.util.Arrays.equals(first, d.forward(x).toFloatArray()), "a new mask per forward");
        d.freezeNoise(true);
        float[] frozen = d.forward(x).toFloatArray();
        assertArrayEquals(frozen, d.forward(x).toFloatArray());
        assertEquals(32, d.forward(Tensor.ones(2, 16)).numel()); // a new shape draws a new mask
    }

    @Test
    void jacobianWithFrozenNoise() {
        Dropout d = (Dropout) new Dropout(0.4, new Generator(3)).freezeNoise(true).to(DType.F64);
        Tensor x = randn64(6, 3, 7);
        d.forward(x);
        check(d, x).assertBelow(TOLERANCE);
        d.evaluate();
        check(d, x).assertBelow(TOLERANCE);
        Dropout p0 = new Dropout(0);
        assertClose(x, p0.forward(x));
    }

    @Test
    void badArguments() {
        mentions(assertThrows(IllegalArgumentException.class, () -> new Dropout(1)), "Dropout", "[0, 1)", "1");
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(Double.NaN));
        Dropout d = new Dropout(0.5);
        d.forward(Tensor.ones(2, 3));
        mentions(assertThrows(IllegalArgumentException.class, () -> d.backward(Tensor.ones(2, 3), Tensor.ones(3, 2))),
                "Dropout(0.5)", "[3, 2]", "[2, 3]");
        assertThrows(IllegalArgumentException.class, () -> d.forward(jtorch.tensor.Table.of(Tensor.ones(1))));
    }
}
