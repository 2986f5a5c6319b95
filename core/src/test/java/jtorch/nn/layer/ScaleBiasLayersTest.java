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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.nn.Module;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Mul, CMul, Add, CAdd. */
class ScaleBiasLayersTest {

    static void uniformIn(Tensor w, double stdv) {
        double[] v = w.toDoubleArray();
        for (double d : v) assertTrue(Math.abs(d) <= stdv, d + " outside ±" + stdv);
        if (v.length > 1) assertTrue(w.max() > w.min(), "not all equal");
    }

    @Test
    void torch7Initialisation() {
        Generator.manualSeed(1);
        uniformIn(new Mul().weight(), 1);
        uniformIn(new CMul(4, 25).weight(), 0.1);
        uniformIn(new Add(16).bias(), 0.25);
        uniformIn(new CAdd(4, 1, 1).bias(), 0.5);
        Tensor a = new CMul(3).reset(new Generator(5)).weight(), b = new CMul(3).reset(new Generator(5)).weight();
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
    }

    @Test
    void mulScalesByOneWeight() {
        Mul m = (Mul) new Mul().to(DType.F64);
        m.weight().fillInPlace(2.5);
        Tensor x = range64(2, 3);
        assertClose(x.mul(2.5), m.forward(x));
        m.zeroGradParameters();
        assertClose(range64(2, 3).mul(2.5), m.backward(x, range64(2, 3)));
        assertEquals(55, m.gradWeight().item(), 1e-12); // Σ x² = 0+1+4+9+16+25
        m.backward(x, range64(2, 3), 0.5);
        assertEquals(82.5, m.gradWeight().item(), 1e-12);
        check(m, randn64(2, 3, 2, 2)).assertBelow(TOLERANCE);
        assertEquals(2, m.parameters().weights().size() + m.parameters().gradients().size());
    }

    @Test
    void cmulScalesPerElement() {
        CMul m = (CMul) new CMul(3).to(DType.F64);
        m.weight().copy(Tensor.of(new double[] {1, -1, 2}, 3));
        Tensor x = range64(2, 3);
        assertValues(new double[] {0, -1, 4, 3, -4, 10}, new int[] {2, 3}, m.forward(x));
        m.zeroGradParameters();
        assertValues(new double[] {1, -1, 2, 1, -1, 2}, new int[] {2, 3}, m.backward(x, Tensor.ones(DType.F64, 2, 3)));
        assertValues(new double[] {3, 5, 7}, new int[] {3}, m.gradWeight());
        check(m, randn64(3, 4, 3)).assertBelow(TOLERANCE);
        Module bc = new CMul(2, 1).to(DType.F64); // broadcast over the last dimension
        assertArrayEquals(new int[] {3, 2, 5}, bc.forward(randn64(4, 3, 2, 5)).tensor().sizes());
        check(bc, randn64(4, 3, 2, 5)).assertBelow(TOLERANCE);
        check(new CMul(2, 3).to(DType.F64), randn64(5, 2, 2, 3)).assertBelow(TOLERANCE);
        var e = assertThrows(IllegalArgumentException.class, () -> m.forward(range64(2, 4)));
        mentions(e, "CMul(3)", "[B, 3]", "[2, 4]");
        e = assertThrows(IllegalArgumentException.class, () -> m.forward(range64(3)));
        mentions(e, "[3]");
        e = assertThrows(IllegalArgumentException.class, () -> m.backward(x, range64(2, 2)));
        mentions(e, "[2, 2]", "[2, 3]");
        assertThrows(IllegalArgumentException.class, () -> new CMul(0));
        assertThrows(IllegalArgumentException.class, () -> new CMul());
    }

    @Test
    void addAndCAddLearnABias() {
        Add a = (Add) new Add(3).to(DType.F64);
        a.bias().copy(Tensor.of(new double[] {1, 2, 3}, 3));
        Tensor x = range64(2, 3);
        assertValues(new double[] {1, 3, 5, 4, 6, 8}, new int[] {2, 3}, a.forward(x));
        a.zeroGradParameters();
        Tensor g = range64(2, 3);
        assertClose(g, a.backward(x, g, 2));
        assertValues(new double[] {6, 10, 14}, new int[] {3}, a.gradBias());
        check(a, randn64(6, 4, 3)).assertBelow(TOLERANCE);
        mentions(assertThrows(IllegalArgumentException.class, () -> new Add(3, 1).forward(range64(2, 3, 2))),
                "Add(3, 1)", "[B, 3, 1]", "[2, 3, 2]");

        CAdd c = (CAdd) new CAdd(2, 1, 1).to(DType.F64); // per-channel bias of an NCHW batch
        c.bias().copy(Tensor.of(new double[] {10, 20}, 2, 1, 1));
        Tensor img = range64(1, 2, 2, 2);
        assertValues(new double[] {10, 11, 12, 13, 24, 25, 26, 27}, new int[] {1, 2, 2, 2}, c.forward(img));
        c.zeroGradParameters();
        c.backward(img, range64(1, 2, 2, 2));
        assertValues(new double[] {6, 22}, new int[] {2, 1, 1}, c.gradBias());
        check(c, randn64(7, 3, 2, 2, 3)).assertBelow(TOLERANCE);
        check(new CAdd(1, 4).to(DType.F64), randn64(8, 2, 3, 4)).assertBelow(TOLERANCE);
        mentions(assertThrows(IllegalArgumentException.class, () -> c.forward(range64(2, 3, 2, 2))),
                "CAdd(2, 1, 1)", "[B, 2, *, *]", "[2, 3, 2, 2]");
    }

    @Test
    void parametersAndSharedClones() {
        CMul m = new CMul(4);
        CMul s = (CMul) m.sharedClone(false);
        assertTrue(s.weight() == m.weight() && s.gradWeight() != m.gradWeight());
        CMul deep = (CMul) m.clone();
        deep.weight().fillInPlace(7);
        assertTrue(m.weight().max() < 7);
        CAdd c = new CAdd(3);
        var fp = c.getParameters();
        fp.weights().fillInPlace(0.5);
        assertEquals(0.5, c.bias().get(2));
        assertEquals(3, fp.gradients().numel());
    }
}
