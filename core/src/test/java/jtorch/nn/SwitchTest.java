package jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.activation.MulConstant;
import jtorch.nn.activation.Tanh;
import jtorch.nn.layer.Linear;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SwitchTest {

    static Tensor randn(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()); }

    static Switch threeBranches() {
        Generator.manualSeed(7);
        return new Switch(new Linear(3, 2), new Sequential().add(new Linear(3, 2)).add(new Tanh()), new Linear(3, 2, false));
    }

    @Test
    void jacobiansForInputAndEveryBranchsParameters() {
        Switch sw = (Switch) threeBranches().to(DType.F64);
        Tensor sel = Tensor.of(new int[] {2, 0, 2, 1, 0, 2}, 6);
        Tensor x = randn(1, 6, 3);
        // the I32 selector is never perturbed; an F64 one is marked constant (±eps would move a row to another branch)
        JacobianReport r = Jacobian.check(sw, Table.of(sel, x)).assertBelow(Jacobian.TOLERANCE);
        assertEquals("[input[1], 0.weight, 0.bias, 1.0.weight, 1.0.bias, 2.weight]", r.errors().keySet().toString());
        Tensor selF = sel.to(DType.F64).to(Backends.ref());
        Jacobian.check(sw, Table.of(selF, x), Jacobian.options().constant(0)).assertBelow(Jacobian.TOLERANCE);
        // a branch nobody chose: no gradient at all
        Switch sw2 = (Switch) threeBranches().to(DType.F64);
        sw2.zeroGradParameters();
        Table in = Table.of(Tensor.of(new int[] {0, 2}, 2), randn(2, 2, 3));
        sw2.forward(in);
        Table gi = sw2.backward(in, randn(3, 2, 2)).toTable("");
        Sequential unused = (Sequential) sw2.get(1);
        for (Tensor g : unused.parameters().gradients()) assertEquals(0, g.abs().max());
        assertTrue(((Linear) sw2.get(0)).gradWeight().abs().max() > 0);
        assertEquals(DType.I32, gi.tensor(0).dtype());
        assertEquals(0, gi.tensor(0).abs().max()); // zero gradient for the selector
        Jacobian.check(sw2, Table.of(Tensor.of(new int[] {1, 1}, 2), randn(4, 2, 3))).assertBelow(Jacobian.TOLERANCE);
    }

    @Test
    void routesEachRowToItsBranch() {
        Switch sw = (Switch) new Switch(new MulConstant(2), new MulConstant(-1), new MulConstant(10)).to(DType.F64);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, 2).to(Backends.ref());
        Tensor sel = Tensor.of(new double[] {1, 0, 1, 2}, 4).to(Backends.ref()); // an integral float selector works too
        Tensor y = sw.forward(Table.of(sel, x)).toTensor("");
        assertArrayEquals(new double[] {-1, -2, 6, 8, -5, -6, 70, 80}, y.toDoubleArray(), 0);
        Tensor g = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, 2).to(Backends.ref());
        Table gi = sw.backward(Table.of(sel, x), g).toTable("");
        assertArrayEquals(new double[] {-1, -2, 6, 8, -5, -6, 70, 80}, gi.tensor(1).toDoubleArray(), 0);
        Table gi2 = sw.updateGradInput(Table.of(sel, x), g).toTable("");
        assertArrayEquals(new double[] {-1, -2, 6, 8, -5, -6, 70, 80}, gi2.tensor(1).toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 0, 0, 0}, gi.tensor(0).toDoubleArray(), 0);
        assertSame(y, sw.forward(Table.of(sel, x))); // output buffer reused
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, x.toDoubleArray(), 0); // input untouched
    }

    @Test
    void parametersTrainingAndClonesCoverTheBranches() {
        Switch sw = threeBranches();
        assertEquals(3, sw.children().size());
        assertEquals((3 * 2 + 2) * 2 + 3 * 2, sw.getParameters().weights().numel());
        sw.evaluate();
        assertTrue(!sw.get(1).isTraining() && !((Sequential) sw.get(1)).get(0).isTraining());
        Switch deep = (Switch) sw.clone();
        assertNotSame(((Linear) sw.get(0)).weight(), ((Linear) deep.get(0)).weight());
        Switch shared = (Switch) sw.sharedClone(false);
        assertSame(((Linear) sw.get(2)).weight(), ((Linear) shared.get(2)).weight());
        Table in = Table.of(Tensor.of(new int[] {0, 1, 2}, 3), Tensor.randn(new Generator(9), 3, 3));
        assertEquals(0, sw.forward(in).toTensor("").sub(shared.forward(in).toTensor("")).abs().max());
        assertTrue(sw.toString().contains("nn.Switch") && sw.toString().contains("Linear(3 -> 2)"), sw.toString());
    }

    @Test
    void badInputNamesSwitchAndShapes() {
        Switch sw = threeBranches();
        Tensor x = Tensor.zeros(3, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> sw.forward(Table.of(Tensor.of(new int[] {0, 3, 1}, 3), x)));
        assertTrue(e.getMessage().contains("Switch") && e.getMessage().contains("selector[1] = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sw.forward(Table.of(Tensor.of(new float[] {0, 0.5f, 1}, 3), x)));
        assertTrue(e.getMessage().contains("Switch") && e.getMessage().contains("0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sw.forward(Table.of(Tensor.of(new int[] {0, 1}, 2), x)));
        assertTrue(e.getMessage().contains("Switch") && e.getMessage().contains("[2]") && e.getMessage().contains("[3, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sw.forward((Activity) x));
        assertTrue(e.getMessage().contains("Switch"), e.getMessage());
        Switch mismatched = new Switch(new Linear(3, 2), new Linear(3, 4));
        e = assertThrows(IllegalArgumentException.class, () -> mismatched.forward(Table.of(Tensor.of(new int[] {0, 1, 1}, 3), x)));
        assertTrue(e.getMessage().contains("Switch") && e.getMessage().contains("[2, 4]") && e.getMessage().contains("[2, 2]"),
                e.getMessage());
        sw.forward(Table.of(Tensor.of(new int[] {0, 1, 1}, 3), x));
        e = assertThrows(IllegalArgumentException.class, () -> sw.backward(Table.of(Tensor.of(new int[] {0, 1, 1}, 3), x),
                Tensor.zeros(3, 5)));
        assertTrue(e.getMessage().contains("Switch") && e.getMessage().contains("[3, 5]") && e.getMessage().contains("[3, 2]"),
                e.getMessage());
    }
}
