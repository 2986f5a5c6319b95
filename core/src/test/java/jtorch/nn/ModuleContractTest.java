package jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.Tanh;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.criterion.MSECriterion;
import jtorch.nn.layer.Linear;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ModuleContractTest {

    static Tensor randn64(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()); }

    static Sequential net() {
        return new Sequential().add(new Linear(5, 4)).add(new Tanh()).add(new Linear(4, 3)).add(new LogSoftMax());
    }

    @Test
    void jacobianOfASmallNetwork() {
        Generator.manualSeed(1);
        Sequential m = (Sequential) net().to(DType.F64);
        Tensor x = randn64(2, 3, 5);
        JacobianReport r = Jacobian.check(m, x).assertBelow(Jacobian.TOLERANCE);
        assertEquals(java.util.List.of("input", "0.weight", "0.bias", "2.weight", "2.bias"), java.util.List.copyOf(r.errors().keySet()));
    }

    @Test
    void jacobianOfCriteria() {
        Tensor x = randn64(3, 4, 3);
        Jacobian.checkCriterion(new MSECriterion(), x, randn64(4, 4, 3)).assertBelow(Jacobian.TOLERANCE);
        Tensor logp = new LogSoftMax().to(DType.F64).forward(x).tensor().clone();
        Jacobian.checkCriterion(new ClassNLLCriterion(), logp, Tensor.of(new int[] {0, 2, 1, 2})).assertBelow(Jacobian.TOLERANCE);
    }

    @Test
    void getParametersFlattensAndSurvivesASecondCall() {
        Sequential m = net();
        FlatParameters p = m.getParameters();
        assertEquals(5 * 4 + 4 + 4 * 3 + 3, p.weights().numel());
        Linear first = (Linear) m.get(0);
        p.weights().fillInPlace(0.5);
        assertEquals(0.5, first.weight().get(1, 2));
        FlatParameters again = m.getParameters();
        assertSame(p.weights().storage(), again.weights().storage());
        again.weights().fillInPlace(0.25);
        assertEquals(0.25, p.weights().get(0)); // the earlier flat view still sees the module's weights
    }

    @Test
    void sharedCloneSharesWeightsAndHasOwnBuffers() {
        Sequential m = net();
        Sequential c = (Sequential) m.sharedClone(false);
        Linear a = (Linear) m.get(0), b = (Linear) c.get(0);
        assertSame(a.weight(), b.weight());
        assertNotSame(a.gradWeight(), b.gradWeight());
        Tensor x = Tensor.randn(new Generator(5), 2, 5);
        Tensor y1 = m.forward(x).clone(), y2 = c.forward(x);
        assertNotSame(m.output(), c.output());
        assertEquals(y1.sub(y2).abs().max(), 0.0);
        Sequential deep = (Sequential) m.clone();
        assertNotSame(a.weight(), ((Linear) deep.get(0)).weight());
    }

    @Test
    void badInputNamesModuleAndShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Linear(5, 4).forward(Tensor.zeros(2, 6)));
        assertTrue(e.getMessage().contains("Linear(5 -> 4)") && e.getMessage().contains("[2, 6]"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () ->
                new ClassNLLCriterion().forward(Tensor.zeros(2, 3), Tensor.of(new int[] {0, 3})));
        assertTrue(e2.getMessage().contains("class 3"), e2.getMessage());
    }

    @Test
    void skippingTheInputGradientLeavesParameterGradientsUnchanged() {
        for (boolean containerFirst : new boolean[] {false, true}) {
            Generator.manualSeed(3);
            Sequential full = new Sequential().add(new jtorch.nn.layer.Reshape(5)).add(new Linear(5, 4)).add(new Tanh())
                    .add(new Linear(4, 3)).add(new LogSoftMax());
            if (containerFirst) full = new Sequential().add(full).add(new Tanh());
            full.to(DType.F64);
            Sequential lean = (Sequential) full.clone();
            lean.gradInputNeeded(false);
            Tensor x = randn64(7, 6, 5), g = randn64(8, 6, 3);
            FlatParameters pf = full.getParameters(), pl = lean.getParameters();
            pf.gradients().fillInPlace(0);
            pl.gradients().fillInPlace(0);
            full.forward(x);
            lean.forward(x);
            assertTrue(full.backward(x, g) != null);
            assertEquals(null, lean.backward(x, g));
            assertEquals(0.0, pf.gradients().sub(pl.gradients()).abs().max(), "containerFirst " + containerFirst);
            assertTrue(pf.gradients().abs().sum() > 0);
        }
    }

    @Test
    void toStringShowsTheTree() {
        assertEquals("nn.Sequential {\n  (0): nn.Linear(5 -> 4)\n  (1): nn.Tanh\n  (2): nn.Linear(4 -> 3)\n  (3): nn.LogSoftMax\n}",
                net().toString());
    }
}
