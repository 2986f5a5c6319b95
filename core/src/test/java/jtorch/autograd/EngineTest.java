package jtorch.autograd;

import static jtorch.autograd.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The reverse pass: accumulation, freeing and retaining the graph, detach, no-grad, the functional form. */
class EngineTest {

    private static double[] d(Tensor t) { return t.toDoubleArray(); }

    @Test
    void gradientsAccumulateIntoLeavesAcrossBackwards() {
        Var x = Var.param(Tensor.of(new double[] {1, 2, 3}, 3));
        x.square().sum().backward();
        assertArrayEquals(new double[] {2, 4, 6}, d(x.grad()));
        x.mul(3).sum().backward();
        assertArrayEquals(new double[] {5, 7, 9}, d(x.grad()));
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test
    void backwardWithAGivenGradient() {
        Var x = Var.param(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        Var y = x.mul(2);
        y.backward(Tensor.of(new double[] {1, 0, 0, 10}, 2, 2));
        assertArrayEquals(new double[] {2, 0, 0, 20}, d(x.grad()));
        assertThrows(IllegalArgumentException.class, () -> x.mul(2).backward(), "non-scalar without gradient");
        assertThrows(IllegalArgumentException.class, () -> x.mul(2).backward(Tensor.zeros(jtorch.tensor.DType.F64, 3)));
    }

    @Test
    void theGraphIsFreedAfterBackwardUnlessRetained() {
        Var x = Var.param(Tensor.of(new double[] {1, 2}, 2));
        Var y = x.exp().sum();
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("second time") && e.getMessage().contains("retainGraph"), e.getMessage());

        Var z = x.exp().sum();
        x.zeroGrad();
        z.backward(Tensor.ones(jtorch.tensor.DType.F64), true);
        z.backward();
        assertArrayEquals(new double[] {2 * Math.exp(1), 2 * Math.exp(2)}, d(x.grad()), 1e-12);
    }

    @Test
    void detachAndConstantsCutTheGraph() {
        Var x = Var.param(Tensor.of(new double[] {3}, 1));
        Var y = x.mul(x.detach()).sum(); // d/dx (x · const 3) = 3
        y.backward();
        assertArrayEquals(new double[] {3}, d(x.grad()));
        Var c = Var.of(Tensor.of(new double[] {1}, 1));
        assertFalse(c.exp().requiresGrad());
        assertThrows(IllegalStateException.class, () -> c.exp().sum().backward());
    }

    @Test
    void noGradRecordsNothingAndNests() {
        Var x = Var.param(randn(1, 3));
        try (GradMode outer = Autograd.noGrad()) {
            Var y = x.tanh();
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
            try (GradMode inner = Autograd.enableGrad()) {
                assertTrue(x.tanh().requiresGrad());
            }
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertTrue(x.tanh().requiresGrad());
    }

    @Test
    void controlFlowIsPlainJava() {
        // y = x^5 by a loop, with a branch on the value
        Var x = Var.param(Tensor.of(new double[] {1.5}, 1));
        Var y = x;
        for (int i = 0; i < 4; i++) y = y.item() > 1000 ? y : y.mul(x);
        y.sum().backward();
        assertEquals(5 * Math.pow(1.5, 4), x.grad().item(), 1e-12);
    }

    @Test
    void longChainsDoNotOverflowTheStack() {
        Var x = Var.param(Tensor.of(new double[] {0.5}, 1));
        Var y = x;
        for (int i = 0; i < 100_000; i++) y = y.add(0);
        y.sum().backward();
        assertEquals(1, x.grad().item());
    }

    @Test
    void functionalGradInTorchAutogradStyle() {
        Tensor w = randn(2, 3, 2), b = randn(3, 2), x = randn(4, 5, 3), unused = randn(5, 2);
        Autograd.GradFunction df = Autograd.grad(p -> Var.of(x).mm(p.get("w")).add(p.get("b")).tanh().sum());
        Autograd.Result r = df.apply(Map.of("w", w, "b", b, "unused", unused));
        // reference: the same function with explicit leaves
        Var vw = Var.param(w), vb = Var.param(b);
        Var y = Var.of(x).mm(vw).add(vb).tanh().sum();
        assertEquals(y.item(), r.value(), 0);
        y.backward();
        assertArrayEquals(d(vw.grad()), d(r.gradients().get("w")), 0);
        assertArrayEquals(d(vb.grad()), d(r.gradients().get("b")), 0);
        assertArrayEquals(new double[2], d(r.gradients().get("unused")));
        assertThrows(IllegalArgumentException.class, () -> Autograd.grad(p -> p.get("w").mul(2)).apply(Map.of("w", w)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.grad(p -> p.get("v").sum()).apply(Map.of("w", w)));
        assertTrue(e.getMessage().contains("'v'") && e.getMessage().contains("[w]"), e.getMessage());
    }

    @Test
    void errorsNameTheOperationAndShapes() {
        Var a = Var.param(randn(1, 2, 3)), b = Var.param(randn(2, 4, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.mm(b));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.sum(2, false));
        assertTrue(e.getMessage().startsWith("sum"), e.getMessage());
    }
}
