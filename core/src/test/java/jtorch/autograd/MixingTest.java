package jtorch.autograd;

import static jtorch.autograd.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jtorch.nn.Jacobian;
import jtorch.nn.Module;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.criterion.MSECriterion;
import jtorch.nn.layer.Dropout;
import jtorch.nn.layer.Linear;
import jtorch.nn.table.CAddTable;
import jtorch.nn.table.SplitTable;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Modules and criteria inside autograd code (their own backward), and user-defined functions. */
class MixingTest {

    private static double[] d(Tensor t) { return t.toDoubleArray(); }

    @Test
    void aModuleUsedTwiceInOneGraphGetsPerUseBuffersAndAddsItsGradients() {
        Linear lin = new Linear(3, 3).to(DType.F64);
        Tensor x = randn(1, 2, 3);
        Var y = Autograd.call(lin, Autograd.call(lin, Var.of(x)).tanh()).square().sum();
        lin.zeroGradParameters();
        y.backward();
        // the same function written with autograd ops on the same weights
        Var w = Var.param(lin.weight()), b = Var.param(lin.bias());
        Var z = Var.linear(Var.linear(Var.of(x), w, b).tanh(), w, b).square().sum();
        z.backward();
        assertEquals(z.item(), y.item(), 1e-12);
        assertArrayEquals(d(w.grad()), d(lin.gradWeight()), 1e-12);
        assertArrayEquals(d(b.grad()), d(lin.gradBias()), 1e-12);
        assertEquals(2, ModuleCall.poolSize(lin));
        // the next step reuses the two instances
        Autograd.call(lin, Autograd.call(lin, Var.of(x))).sum().backward();
        assertEquals(2, ModuleCall.poolSize(lin));
    }

    @Test
    void aDropoutUsedTwiceBackpropagatesEachUsesOwnMask() {
        Dropout drop = new Dropout(0.5, new Generator(7)).to(DType.F64);
        Var a = Var.param(Tensor.ones(DType.F64, 4, 50)), b = Var.param(Tensor.ones(DType.F64, 4, 50));
        Var ya = Autograd.call(drop, a), yb = Autograd.call(drop, b);
        assertNotEquals(java.util.Arrays.toString(d(ya.value())), java.util.Arrays.toString(d(yb.value())));
        ya.add(yb).sum().backward();
        assertArrayEquals(d(ya.value()), d(a.grad()), 0, "the gradient of each use is its own mask / (1 - p)");
        assertArrayEquals(d(yb.value()), d(b.grad()), 0);
    }

    @Test
    void modulesFollowTheTrainingMode() {
        Dropout drop = new Dropout(0.5).to(DType.F64);
        Var x = Var.param(Tensor.ones(DType.F64, 2, 8));
        Autograd.call(drop, x);
        Autograd.call(drop, x); // a second, pooled instance
        drop.evaluate();
        Var y = Autograd.call(drop, x).add(Autograd.call(drop, x));
        assertArrayEquals(d(Tensor.full(DType.F64, 2, 2, 8)), d(y.value()), 0);
    }

    @Test
    void modulesWithTableInputsAndOutputs() {
        Var a = Var.param(randn(2, 2, 3)), b = Var.param(randn(3, 2, 3));
        Autograd.call(new CAddTable(), a, b).mul(a).sum().backward();
        assertArrayEquals(d(a.value().mul(2).add(b.value())), d(a.grad()), 1e-12);
        assertArrayEquals(d(a.value()), d(b.grad()), 1e-12);
        Var x = Var.param(randn(4, 3, 2));
        List<Var> rows = Autograd.callTable(new SplitTable(0), x);
        assertEquals(3, rows.size());
        rows.get(2).mul(5).sum().backward(); // rows 0 and 1 get no gradient: zeros
        assertArrayEquals(new double[] {0, 0, 0, 0, 5, 5}, d(x.grad()));
    }

    @Test
    void criteriaUseTheirOwnBackwardAndMayBeUsedTwice() {
        ClassNLLCriterion nll = new ClassNLLCriterion();
        Tensor labels = Tensor.of(new int[] {1, 0, 2}, 3);
        Var x = Var.param(randn(5, 3, 3));
        Var l = Autograd.loss(nll, x.logSoftmax(1), labels).add(Autograd.loss(nll, x.mul(2).logSoftmax(1), labels));
        l.backward();
        Var y = Var.param(x.value());
        Var ref = y.logSoftmax(1).gather(1, labels.view(3, 1)).mean().neg()
                .add(y.mul(2).logSoftmax(1).gather(1, labels.view(3, 1)).mean().neg());
        ref.backward();
        assertEquals(ref.item(), l.item(), 1e-12);
        assertArrayEquals(d(y.grad()), d(x.grad()), 1e-12);
        Jacobian.check(new OpCheck.Fn("MSE in autograd", v -> Autograd.loss(new MSECriterion(), v.get(0).tanh(),
                Tensor.zeros(DType.F64, 2, 3))), randn(6, 2, 3)).assertBelow(Jacobian.TOLERANCE);
    }

    /** x³ with its own backward. */
    static final class Cube extends CustomFunction {
        final boolean wrong;

        Cube(boolean wrong) { this.wrong = wrong; }

        @Override protected Tensor forward(Context ctx, Tensor... x) {
            ctx.save(x[0]);
            return x[0].pow(3);
        }

        @Override protected Tensor[] backward(Context ctx, Tensor g) {
            return new Tensor[] {g.mul(ctx.saved(0).square()).mul(wrong ? 2.9 : 3)};
        }
    }

    @Test
    void userDefinedFunctionsPassOrFailTheChecker() {
        OpCheck.check("Cube", v -> new Cube(false).apply(v.get(0)).tanh(), randn(7, 2, 3));
        assertThrows(AssertionError.class, () -> OpCheck.check("wrong Cube", v -> new Cube(true).apply(v.get(0)),
                randn(8, 2, 3)));
        CustomFunction badShape = new CustomFunction() {
            @Override protected Tensor forward(Context ctx, Tensor... x) { return x[0].sum(0, false); }

            @Override protected Tensor[] backward(Context ctx, Tensor g) { return new Tensor[] {g}; }

            @Override public String name() { return "BadSum"; }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> badShape.apply(Var.param(randn(9, 2, 3))).sum().backward());
        assertTrue(e.getMessage().contains("BadSum") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void noGradCallsHoldNoInstance() {
        Module lin = new Linear(3, 2).to(DType.F64);
        Tensor x = randn(10, 2, 3);
        try (GradMode g = Autograd.noGrad()) {
            Var a = Autograd.call(lin, Var.of(x)), b = Autograd.call(lin, Var.of(x.mul(2)));
            assertTrue(!a.requiresGrad() && !b.requiresGrad());
            assertNotEquals(a.value().get(0, 0), b.value().get(0, 0), "outputs are copies, not the shared buffer");
        }
        assertEquals(1, ModuleCall.poolSize(lin));
    }
}
