package jtorch.optim;

import static jtorch.optim.Problems.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.tensor.Tensor;
import jtorch.testing.TensorAssert;
import org.junit.jupiter.api.Test;

/** First steps checked against the update rules computed by hand, and convergence on convex quadratics. */
class OptimizerTest {
    // f = ½(x₀² + 3x₁²) at x = (1, -2): f = 6.5, g = (1, -6)
    static final double[] X0 = {1, -2}, G0 = {1, -6};
    static final Feval F = Problems.diagonalQuadratic(1, 3);

    interface Step { double apply(Feval f, Tensor x, Config c, State s); }

    static Tensor firstStep(Step step, Config c) {
        Tensor x = vec(X0);
        assertEquals(6.5, step.apply(F, x, c, new State()), 0);
        return x;
    }

    /** The expected point from an element-wise rule x₁ᵢ = rule(x₀ᵢ, gᵢ). */
    interface Rule { double at(double x, double g); }

    static double[] expect(Rule r) { return new double[] {r.at(X0[0], G0[0]), r.at(X0[1], G0[1])}; }

    static final double TIGHT = 1e-15;

    @Test
    void sgdFirstStepsByHand() {
        TensorAssert.assertClose(firstStep(Optim::sgd, Config.of("learningRate", 0.1)), TIGHT, expect((x, g) -> x - 0.1 * g));
        TensorAssert.assertClose(firstStep(Optim::sgd, Config.of("learningRate", 0.1, "weightDecay", 0.5)), TIGHT,
                expect((x, g) -> x - 0.1 * (g + 0.5 * x)));
        // nesterov, first step: v = g, step g + μ v = (1 + μ) g
        TensorAssert.assertClose(firstStep(Optim::sgd, Config.of("learningRate", 0.1, "momentum", 0.9, "nesterov", 1)),
                TIGHT, expect((x, g) -> x - 0.1 * 1.9 * g));
        // second step with momentum: v₂ = μ g₁ + g₂
        Tensor x = vec(X0);
        State s = new State();
        Config c = Config.of("learningRate", 0.1, "momentum", 0.5);
        Optim.sgd(F, x, c, s);
        double[] x1 = x.toDoubleArray();
        Optim.sgd(F, x, c, s);
        double[] a = {1, 3};
        TensorAssert.assertClose(x, TIGHT, x1[0] - 0.1 * (0.5 * G0[0] + a[0] * x1[0]), x1[1] - 0.1 * (0.5 * G0[1] + a[1] * x1[1]));
    }

    @Test
    void learningRateDecay() {
        Tensor x = vec(X0);
        State s = new State();
        Config c = Config.of("learningRate", 0.1, "learningRateDecay", 1);
        Optim.sgd(F, x, c, s);
        double[] x1 = x.toDoubleArray();
        Optim.sgd(F, x, c, s); // lr / (1 + 1·1)
        TensorAssert.assertClose(x, TIGHT, x1[0] - 0.05 * x1[0], x1[1] - 0.05 * 3 * x1[1]);
        assertEquals(2, s.get("evalCounter", 0));
    }

    @Test
    void adamFirstStepByHand() {
        // m = 0.1 g, v = 0.001 g², m / (1 - 0.9) = g, √v / √(1 - 0.999) = |g|
        TensorAssert.assertClose(firstStep(Optim::adam, Config.of("learningRate", 0.1)), TIGHT,
                expect((x, g) -> x - 0.1 * g / (Math.abs(g) + 1e-8)));
        TensorAssert.assertClose(firstStep(Optim::adam, Config.of("learningRate", 0.1, "weightDecay", 0.5, "epsilon", 0.25)),
                TIGHT, expect((x, g) -> x - 0.1 * (g + 0.5 * x) / (Math.abs(g + 0.5 * x) + 0.25)));
    }

    @Test
    void adamSecondStepByHand() {
        Tensor x = vec(X0);
        State s = new State();
        Config c = Config.of("learningRate", 0.1, "beta1", 0.5, "beta2", 0.75, "epsilon", 0.01);
        Optim.adam(F, x, c, s);
        double[] x1 = x.toDoubleArray(), a = {1, 3}, want = new double[2];
        for (int i = 0; i < 2; i++) {
            double g2 = a[i] * x1[i];
            double m = 0.5 * (0.5 * G0[i]) + 0.5 * g2, v = 0.75 * (0.25 * G0[i] * G0[i]) + 0.25 * g2 * g2;
            want[i] = x1[i] - 0.1 / (1 - 0.25) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.75 * 0.75) + 0.01);
        }
        Optim.adam(F, x, c, s);
        TensorAssert.assertClose(x, 1e-14, want);
        assertEquals(2, s.get("t", 0));
    }

    @Test
    void adamwDecaysTheWeightsNotTheGradient() {
        TensorAssert.assertClose(firstStep(Optim::adamw, Config.of("learningRate", 0.1, "weightDecay", 0.5)), TIGHT,
                expect((x, g) -> x * (1 - 0.1 * 0.5) - 0.1 * g / (Math.abs(g) + 1e-8)));
        // default weightDecay 1e-2
        TensorAssert.assertClose(firstStep(Optim::adamw, Config.of("learningRate", 0.1)), TIGHT,
                expect((x, g) -> x * (1 - 0.1 * 0.01) - 0.1 * g / (Math.abs(g) + 1e-8)));
    }

    @Test
    void adagradFirstStepsByHand() {
        TensorAssert.assertClose(firstStep(Optim::adagrad, Config.of("learningRate", 0.1)), TIGHT,
                expect((x, g) -> x - 0.1 * g / (Math.abs(g) + 1e-10)));
        TensorAssert.assertClose(firstStep(Optim::adagrad, Config.of("learningRate", 0.1, "initialAccumulatorValue", 0.5,
                "weightDecay", 0.25)), TIGHT, expect((x, g) -> {
                    double gg = g + 0.25 * x;
                    return x - 0.1 * gg / (Math.sqrt(0.5 + gg * gg) + 1e-10);
                }));
        // second step: s = g₁² + g₂², learning rate / (1 + 1·decay)
        Tensor x = vec(X0);
        State s = new State();
        Config c = Config.of("learningRate", 0.1, "learningRateDecay", 0.5);
        Optim.adagrad(F, x, c, s);
        double[] x1 = x.toDoubleArray(), a = {1, 3}, want = new double[2];
        for (int i = 0; i < 2; i++) {
            double g = a[i] * x1[i];
            want[i] = x1[i] - 0.1 / 1.5 * g / (Math.sqrt(G0[i] * G0[i] + g * g) + 1e-10);
        }
        Optim.adagrad(F, x, c, s);
        TensorAssert.assertClose(x, 1e-14, want);
    }

    @Test
    void rmspropFirstStepByHand() {
        TensorAssert.assertClose(firstStep(Optim::rmsprop, Config.of()), TIGHT,
                expect((x, g) -> x - 0.01 * g / (Math.sqrt(0.01 * g * g) + 1e-8)));
        TensorAssert.assertClose(firstStep(Optim::rmsprop, Config.of("learningRate", 0.1, "alpha", 0.5, "epsilon", 0.125,
                "weightDecay", 1)), TIGHT, expect((x, g) -> {
                    double gg = g + x;
                    return x - 0.1 * gg / (Math.sqrt(0.5 * gg * gg) + 0.125);
                }));
    }

    @Test
    void adadeltaFirstStepByHand() {
        TensorAssert.assertClose(firstStep(Optim::adadelta, Config.of()), TIGHT,
                expect((x, g) -> x - Math.sqrt(1e-6) / Math.sqrt(0.1 * g * g + 1e-6) * g));
        TensorAssert.assertClose(firstStep(Optim::adadelta, Config.of("learningRate", 0.5, "rho", 0.5, "epsilon", 0.01)),
                TIGHT, expect((x, g) -> x - 0.5 * Math.sqrt(0.01) / Math.sqrt(0.5 * g * g + 0.01) * g));
    }

    @Test
    void lbfgsFirstIterationIsAScaledGradientStep() {
        Tensor x = vec(X0);
        double[] fs = Optim.lbfgs(F, x, Config.of("maxIter", 1), new State());
        assertEquals(1, fs.length);
        assertEquals(6.5, fs[0], 0);
        double t = Math.min(1, 1 / 7.0); // 1 / ‖g‖₁
        TensorAssert.assertClose(x, TIGHT, expect((xi, g) -> xi - t * g));
    }

    static double[] minimise(Step step, Feval f, Config c, int steps, double[] x0) {
        Tensor x = vec(x0);
        State s = new State();
        for (int i = 0; i < steps; i++) step.apply(f, x, c, s);
        return x.toDoubleArray();
    }

    static void assertNear(double[] want, double[] got, double tol, String who) {
        for (int i = 0; i < want.length; i++) {
            double w = want[i], g = got[i];
            assertTrue(Math.abs(w - g) <= tol, () -> who + ": expected " + java.util.Arrays.toString(want) + ", got "
                    + java.util.Arrays.toString(got));
        }
    }

    @Test
    void everyOptimizerSolvesACoupledQuadratic() {
        Feval f = Problems.coupledQuadratic();
        double[] min = Problems.coupledQuadraticMinimum(), x0 = {2, 2, -2};
        assertNear(min, minimise(Optim::sgd, f, Config.of("learningRate", 0.1, "momentum", 0.9, "nesterov", 1), 300, x0),
                1e-6, "sgd");
        assertNear(min, minimise(Optim::adam, f, Config.of("learningRate", 0.05), 2000, x0), 1e-4, "adam");
        assertNear(min, minimise(Optim::adamw, f, Config.of("learningRate", 0.05, "weightDecay", 0), 2000, x0), 1e-4, "adamw");
        assertNear(min, minimise(Optim::adagrad, f, Config.of("learningRate", 0.5), 3000, x0), 1e-4, "adagrad");
        assertNear(min, minimise(Optim::rmsprop, f, Config.of("learningRate", 0.01), 5000, x0), 2e-2, "rmsprop");
        // ADADELTA wanders slowly near the minimum (PyTorch's does the same): check the loss gap shrank 100×
        double fMin = f.apply(vec(min)).loss(), f0 = f.apply(vec(x0)).loss();
        double fEnd = f.apply(vec(minimise(Optim::adadelta, f, Config.of("learningRate", 1.0), 20000, x0))).loss();
        assertTrue(fEnd - fMin < 1e-2 * (f0 - fMin), () -> "adadelta: f - f* went from " + (f0 - fMin) + " to " + (fEnd - fMin));
        assertNear(min, minimise((fe, x, c, s) -> Optim.lbfgs(fe, x, c, s)[0], f, Config.of("maxIter", 50), 1, x0),
                1e-6, "lbfgs");
    }

    @Test
    void adamOnF32CpuTensors() {
        Tensor x = Problems.f32(X0);
        State s = new State();
        for (int i = 0; i < 500; i++) Optim.adam(F, x, Config.of("learningRate", 0.05), s);
        assertEquals(jtorch.tensor.DType.F32, s.tensor("m").dtype());
        assertTrue(Math.abs(x.get(0)) < 1e-2 && Math.abs(x.get(1)) < 1e-2, x.toString());
    }
}
