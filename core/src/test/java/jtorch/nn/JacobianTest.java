package jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jtorch.backend.Backends;
import jtorch.nn.layer.Dropout;
import jtorch.nn.layer.Linear;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The checker itself: it passes right gradients and names the entry of every wrong one. */
class JacobianTest {

    static Tensor randn(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()); }

    enum Fault { NONE, GRAD_INPUT_TWICE, BIAS_GRADIENT_WRONG, IGNORES_SCALE, NAN_WEIGHT_GRADIENT, GRAD_INPUT_SHAPE }

    /** y = x · Wᵀ + b with parameters "weight" [2, 3] and "bias" [2], and one deliberate mistake. */
    static final class Affine extends Module {
        final Fault fault;

        Affine(Fault fault) {
            this.fault = fault;
            addParameter("weight", 2, 3).copy(Tensor.randn(new Generator(1), 2, 3));
            addParameter("bias", 2).copy(Tensor.randn(new Generator(2), 2));
        }

        @Override public Activity updateOutput(Activity input) {
            return input.tensor().mm(param("weight").t()).add(param("bias"));
        }

        @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
            Tensor gi = gradOutput.tensor().mm(param("weight"));
            if (fault == Fault.GRAD_INPUT_SHAPE) return gi.view(-1);
            return fault == Fault.GRAD_INPUT_TWICE ? gi.mul(2) : gi;
        }

        @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
            Tensor g = gradOutput.tensor(), x = input.tensor();
            double s = fault == Fault.IGNORES_SCALE ? 1 : scale;
            grad("weight").addInPlace(s, g.t().mm(x));
            if (fault == Fault.NAN_WEIGHT_GRADIENT) grad("weight").set(Double.NaN, 1, 2);
            Tensor gb = g.sum(0, false);
            grad("bias").addInPlace(s, fault == Fault.BIAS_GRADIENT_WRONG ? gb.add(g.select(0, 0)) : gb);
        }
    }

    static JacobianReport check(Fault f) { return Jacobian.check(new Affine(f).to(DType.F64), randn(3, 4, 3)); }

    @Test
    void rightGradientsPassWithTinyErrors() {
        JacobianReport r = check(Fault.NONE);
        assertEquals(List.of("input", "weight", "bias"), List.copyOf(r.errors().keySet()));
        assertTrue(r.worst() < 1e-8, r.toString());
        assertTrue(r.passes(Jacobian.TOLERANCE));
        assertEquals(r, r.assertBelow(Jacobian.TOLERANCE));
    }

    @Test
    void eachWrongGradientIsReportedByName() {
        assertEquals(List.of("input"), check(Fault.GRAD_INPUT_TWICE).failing(Jacobian.TOLERANCE));
        assertEquals(List.of("bias"), check(Fault.BIAS_GRADIENT_WRONG).failing(Jacobian.TOLERANCE));
        assertEquals(List.of("weight", "bias"), check(Fault.IGNORES_SCALE).failing(Jacobian.TOLERANCE));
        JacobianReport nan = check(Fault.NAN_WEIGHT_GRADIENT);
        assertEquals(List.of("weight"), nan.failing(Jacobian.TOLERANCE));
        assertTrue(Double.isNaN(nan.worst()) && Double.isNaN(nan.error("weight")));
        var e = assertThrows(IllegalStateException.class, () -> check(Fault.GRAD_INPUT_SHAPE));
        assertTrue(e.getMessage().contains("[12]") && e.getMessage().contains("[4, 3]"), e.getMessage());
    }

    @Test
    void theReportLocatesTheError() {
        JacobianReport r = check(Fault.GRAD_INPUT_TWICE);
        // gradInput = 2 · g · W: the error at x[b, i] for output y[b, k] is |W[k, i]|, worst at the largest |W|
        Tensor w = new Affine(Fault.NONE).to(DType.F64).param("weight");
        double maxW = w.abs().max();
        assertEquals(maxW, r.error("input"), 1e-8);
        JacobianReport.Row row = r.rows().get(0);
        assertEquals(2 * row.numeric(), row.analytic(), 1e-8);
        var e = assertThrows(AssertionError.class, () -> r.assertBelow(Jacobian.TOLERANCE));
        assertTrue(e.getMessage().contains("Affine") && e.getMessage().contains("[input]"), e.getMessage());
        assertTrue(r.toString().contains("input ") && r.toString().contains("weight ") && r.toString().contains("[2, 3]"),
                r.toString());
        assertThrows(IllegalArgumentException.class, () -> r.error("nope"));
    }

    @Test
    void aWrongChildIsNamedByItsPath() {
        Generator.manualSeed(4);
        Sequential bad = new Sequential(new Linear(3, 3), new Affine(Fault.BIAS_GRADIENT_WRONG));
        JacobianReport r = Jacobian.check(bad.to(DType.F64), randn(4, 2, 3));
        assertEquals(List.of("input", "0.weight", "0.bias", "1.weight", "1.bias"), List.copyOf(r.errors().keySet()));
        assertEquals(List.of("1.bias"), r.failing(Jacobian.TOLERANCE));
    }

    @Test
    void sharedWeightsAreOneEntryWithTheSumOfTheGradients() {
        Generator.manualSeed(5);
        Linear a = new Linear(3, 3);
        Sequential net = new Sequential(a, new jtorch.nn.activation.Tanh(), a.sharedClone(false)).to(DType.F64);
        JacobianReport r = Jacobian.check(net, randn(6, 2, 3)).assertBelow(Jacobian.TOLERANCE);
        assertEquals(List.of("input", "0.weight = 2.weight", "0.bias = 2.bias"), List.copyOf(r.errors().keySet()));
    }

    @Test
    void refusesF32WithTheFix() {
        var e = assertThrows(IllegalArgumentException.class, () -> Jacobian.check(new Affine(Fault.NONE), randn(3, 4, 3)));
        assertTrue(e.getMessage().contains("parameter weight") && e.getMessage().contains("F32")
                && e.getMessage().contains("module.to(DType.F64)"), e.getMessage());
        Module m = new Affine(Fault.NONE).to(DType.F64);
        e = assertThrows(IllegalArgumentException.class, () -> Jacobian.check(m, Tensor.randn(new Generator(1), 4, 3)));
        assertTrue(e.getMessage().contains("input [4, 3] is F32") && e.getMessage().contains("x.to(DType.F64)"), e.getMessage());
    }

    @Test
    void noiseMustBeFrozen() {
        Dropout d = new Dropout(0.5, new Generator(4)).to(DType.F64);
        Tensor x = randn(5, 4, 6);
        var e = assertThrows(IllegalStateException.class, () -> Jacobian.check(d, x));
        assertTrue(e.getMessage().contains("freezeNoise(true)"), e.getMessage());
        Jacobian.check(d.freezeNoise(true), x).assertBelow(Jacobian.TOLERANCE);
    }

    @Test
    void constantEntriesAreNotPerturbed() {
        Generator.manualSeed(6);
        Switch sw = new Switch(new Linear(3, 2), new Linear(3, 2)).to(DType.F64);
        Table in = Table.of(Tensor.of(new double[] {1, 0, 1}, 3).to(Backends.ref()), randn(7, 3, 3));
        // perturbing the F64 selector by eps makes it non-integral: Switch refuses it
        assertThrows(IllegalArgumentException.class, () -> Jacobian.check(sw, in));
        JacobianReport r = Jacobian.check(sw, in, Jacobian.options().constant(0)).assertBelow(Jacobian.TOLERANCE);
        assertEquals("input[1]", r.rows().get(0).name());
        var e = assertThrows(IllegalArgumentException.class, () -> Jacobian.check(sw, in, Jacobian.options().constant(2)));
        assertTrue(e.getMessage().contains("constant entry 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Jacobian.options().eps(0));
    }

    @Test
    void gradientsAndWeightsAreLeftAsTheyWere() {
        Module m = new Affine(Fault.NONE).to(DType.F64);
        Tensor x = randn(8, 4, 3);
        m.forward(x);
        m.backward(x, randn(9, 4, 2));
        double[] g = m.getParameters().gradients().toDoubleArray(), w = m.getParameters().weights().toDoubleArray();
        double[] x0 = x.toDoubleArray();
        Jacobian.check(m, x);
        assertArrayEquals(g, m.getParameters().gradients().toDoubleArray(), 0);
        assertArrayEquals(w, m.getParameters().weights().toDoubleArray(), 0);
        assertArrayEquals(x0, x.toDoubleArray(), 0);
    }

    /** loss = Σ x², with a gradient of 2x or (wrongly) 4x for the second table entry. */
    static final class SquaredNorm extends Criterion {
        final boolean wrong;
        SquaredNorm(boolean wrong) { this.wrong = wrong; }
        @Override public double updateOutput(Activity input, Activity target) {
            return input.table().tensor(0).square().sum() + input.table().tensor(1).square().sum();
        }
        @Override public Activity updateGradInput(Activity input, Activity target) {
            return Table.of(input.table().tensor(0).mul(2), input.table().tensor(1).mul(wrong ? 4 : 2));
        }
    }

    @Test
    void criteriaAreCheckedPerInputEntry() {
        Table in = Table.of(randn(10, 2, 3), randn(11, 4));
        JacobianReport ok = Jacobian.checkCriterion(new SquaredNorm(false), in, Tensor.zeros(1)).assertBelow(Jacobian.TOLERANCE);
        assertEquals(List.of("input[0]", "input[1]"), List.copyOf(ok.errors().keySet()));
        assertEquals(List.of("input[1]"), Jacobian.checkCriterion(new SquaredNorm(true), in, Tensor.zeros(1))
                .failing(Jacobian.TOLERANCE));
    }
}
