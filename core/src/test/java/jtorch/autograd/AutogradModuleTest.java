package jtorch.autograd;

import static jtorch.autograd.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import jtorch.io.Model;
import jtorch.io.ModuleRegistry;
import jtorch.nn.FlatParameters;
import jtorch.nn.Jacobian;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.Sequential;
import jtorch.nn.activation.Tanh;
import jtorch.nn.criterion.MSECriterion;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optim;
import jtorch.optim.State;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Autograd code wrapped as a Module: Jacobian, containers, flat parameters, optimizers, clones, model files. */
class AutogradModuleTest {

    /** y = s · tanh(x · Wᵀ + b): a layer written in autograd code, savable through its TYPE. */
    static final class ScaledTanh extends AutogradModule {
        static final ModuleType<ScaledTanh> TYPE = ModuleType.of("test.ScaledTanh", ScaledTanh.class,
                m -> ModuleArgs.of("in", m.in, "out", m.out), a -> new ScaledTanh(a.integer("in"), a.integer("out")));
        final int in, out;

        ScaledTanh(int in, int out) {
            this.in = in;
            this.out = out;
            Tensor w = addParameter("weight", out, in), b = addParameter("bias", out), s = addParameter("scale", 1);
            if (drawInitialWeights()) {
                Generator g = new Generator(in * 31L + out);
                w.copy(Tensor.randn(g, out, in).mulInPlace(0.5));
                b.copy(Tensor.randn(g, out).mulInPlace(0.1));
                s.fillInPlace(1.5);
            }
        }

        @Override protected Var compute(Params p, Var x) {
            return Var.linear(x, p.get("weight"), p.get("bias")).tanh().mul(p.get("scale"));
        }

        @Override public ScaledTanh clone() { return (ScaledTanh) super.clone(); }
    }

    /** A child Linear used twice through Autograd.call, plus an own parameter. */
    static final class TwiceLinear extends AutogradModule {
        TwiceLinear(int n) {
            addModule(new Linear(n, n));
            addParameter("gain", n).fillInPlace(0.7);
        }

        @Override protected Var compute(Params p, Var x) {
            Module lin = module(0);
            return Autograd.call(lin, Autograd.call(lin, x).tanh()).mul(p.get("gain"));
        }
    }

    @Test
    void passesTheJacobianCheckForInputAndParameters() {
        Jacobian.check(new ScaledTanh(3, 2).to(DType.F64), randn(1, 4, 3)).assertBelow(Jacobian.TOLERANCE);
        var r = Jacobian.check(new TwiceLinear(3).to(DType.F64), randn(2, 2, 3));
        r.assertBelow(Jacobian.TOLERANCE);
        assertTrue(r.errors().keySet().containsAll(List.of("input", "0.weight", "0.bias", "gain")), r.errors().toString());
    }

    @Test
    void runsInsideContainersThatSplitInputAndParameterGradients() {
        // ConcatTable's backward is updateGradInput (children's computeGradInput) then accGradParameters(scale)
        jtorch.nn.ConcatTable ct = new jtorch.nn.ConcatTable();
        ct.add(new TwiceLinear(3)).add(new ScaledTanh(3, 2));
        Jacobian.check(ct.to(DType.F64), randn(9, 2, 3)).assertBelow(Jacobian.TOLERANCE);
    }

    @Test
    void theThreeWaysToAccumulateParameterGradientsAgree() {
        ScaledTanh a = new ScaledTanh(3, 2).to(DType.F64), b = a.clone(), c = a.clone();
        Tensor x = randn(11, 4, 3), g = randn(12, 4, 2);
        for (Module m : List.of(a, b, c)) { m.zeroGradParameters(); m.forward(x); }
        a.backward(x, g, 0.5);                 // one pass, gradients added during it
        b.accGradParametersOnly(x, g, 0.5);    // no input gradient: one pass with the scale known
        c.computeGradInput(x, g);              // split: the pass keeps the gradients ...
        c.accGradParameters(x, g, 0.5);        // ... and this adds them
        for (int i = 0; i < 3; i++) {
            double[] want = a.parameters().gradients().get(i).toDoubleArray();
            assertArrayEquals(want, b.parameters().gradients().get(i).toDoubleArray(), 1e-15);
            assertArrayEquals(want, c.parameters().gradients().get(i).toDoubleArray(), 1e-15);
        }
        assertArrayEquals(a.gradInput().tensor().toDoubleArray(), c.gradInput().tensor().toDoubleArray(), 0);
    }

    @Test
    void anAutogradModuleCalledTwiceFromAutogradCode() {
        ScaledTanh layer = new ScaledTanh(3, 3).to(DType.F64);
        Tensor x = randn(10, 2, 3);
        layer.zeroGradParameters();
        Var y = Autograd.call(layer, Autograd.call(layer, Var.of(x))).sum();
        y.backward();
        Var w = Var.param(layer.parameters().weights().get(0)), b = Var.param(layer.parameters().weights().get(1));
        Var s = Var.param(layer.parameters().weights().get(2));
        java.util.function.UnaryOperator<Var> f = v -> Var.linear(v, w, b).tanh().mul(s);
        Var z = f.apply(f.apply(Var.of(x))).sum();
        z.backward();
        assertEquals(z.item(), y.item(), 1e-12);
        assertArrayEquals(w.grad().toDoubleArray(), layer.parameters().gradients().get(0).toDoubleArray(), 1e-12);
        assertArrayEquals(s.grad().toDoubleArray(), layer.parameters().gradients().get(2).toDoubleArray(), 1e-12);
    }

    @Test
    void takesTables() {
        AutogradModule m = new AutogradModule() {
            @Override protected Var compute(Params p, Var x) { throw new AssertionError(); }

            @Override protected Var compute(Params p, List<Var> xs) { return xs.get(0).mul(xs.get(1).exp()); }
        };
        Jacobian.check(m, Table.of(randn(3, 2, 3), randn(4, 3))).assertBelow(Jacobian.TOLERANCE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ScaledTanh(3, 2).forward(Table.of(Tensor.zeros(2, 3), Tensor.zeros(2, 3))));
        assertTrue(e.getMessage().contains("table"), e.getMessage());
    }

    @Test
    void trainsInsideSequentialWithFlatParametersAndAnOptimizer() {
        Generator.manualSeed(3);
        Sequential net = new Sequential().add(new Linear(4, 6)).add(new ScaledTanh(6, 2));
        FlatParameters p = net.getParameters();
        assertEquals(4 * 6 + 6 + 6 * 2 + 2 + 1, p.weights().numel());
        Tensor x = Tensor.randn(new Generator(5), 16, 4), y = Tensor.randn(new Generator(6), 16, 2).mulInPlace(0.5);
        MSECriterion mse = new MSECriterion();
        Feval f = w -> {
            p.gradients().fillInPlace(0);
            Tensor out = net.forward(x).tensor();
            double l = mse.forward(out, y);
            net.backward(x, mse.backward(out, y));
            return new Feval.Eval(l, p.gradients());
        };
        Config c = Config.of("learningRate", 0.1);
        State s = new State();
        double first = Optim.sgd(f, p.weights(), c, s), last = first;
        for (int i = 0; i < 100; i++) last = Optim.sgd(f, p.weights(), c, s);
        assertTrue(last < 0.5 * first, first + " -> " + last);
        ScaledTanh layer = (ScaledTanh) net.get(1);
        assertTrue(layer.gradInput() != null || !layer.isGradInputNeeded());
    }

    @Test
    void sharedClonesShareWeightsButNotTheGraph() {
        ScaledTanh a = new ScaledTanh(3, 2);
        ScaledTanh b = a.sharedClone(true);
        assertSame(a.parameters().weights().get(0), b.parameters().weights().get(0));
        Tensor x = Tensor.randn(new Generator(7), 2, 3);
        Tensor ya = a.forward(x).clone(), yb = b.forward(x.mul(2));
        assertArrayEquals(ya.toFloatArray(), a.output().tensor().toFloatArray());
        assertNotSame(a.output(), b.output());
        ScaledTanh c = a.clone();
        assertNotSame(a.parameters().weights().get(0), c.parameters().weights().get(0));
        assertArrayEquals(ya.toFloatArray(), c.forward(x).tensor().toFloatArray());
        assertEquals(yb.numel(), 4);
    }

    @Test
    void savesAndLoadsThroughItsRegisteredType(@TempDir Path dir) {
        if (!ModuleRegistry.isRegistered(ScaledTanh.class)) ModuleRegistry.register(ScaledTanh.TYPE);
        Sequential net = new Sequential().add(new ScaledTanh(3, 4)).add(new Tanh());
        Tensor x = Tensor.randn(new Generator(8), 5, 3);
        Tensor y = net.forward(x).tensor().clone();
        Path f = dir.resolve("m.safetensors");
        Model.save(net, f);
        Module back = Model.load(f);
        assertArrayEquals(y.toFloatArray(), back.forward(x).tensor().toFloatArray());
        AutogradModule lambda = AutogradModule.of("lambda", OpCheck.map("w", Tensor.ones(3)), (p, v) -> v.mul(p.get("w")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.save(lambda, f));
        assertTrue(e.getMessage().contains("not registered"), e.getMessage());
    }

    @Test
    void lambdaFormCopiesItsInitialValues() {
        Tensor w0 = Tensor.of(new float[] {1, 2, 3}, 3);
        AutogradModule m = AutogradModule.of("Gain", OpCheck.map("w", w0), (p, x) -> x.mul(p.get("w")));
        assertEquals("Gain", m.name());
        Tensor y = m.forward(Tensor.ones(2, 3)).tensor();
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3}, y.toFloatArray());
        m.zeroGradParameters();
        m.backward(Tensor.ones(2, 3), Tensor.ones(2, 3).mulInPlace(2));
        assertArrayEquals(new float[] {4, 4, 4}, m.parameters().gradients().get(0).toFloatArray());
        assertNotSame(w0, m.parameters().weights().get(0));
    }
}
