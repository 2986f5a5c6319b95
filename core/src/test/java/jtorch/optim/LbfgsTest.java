package jtorch.optim;

import static jtorch.optim.Problems.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** L-BFGS and its strong-Wolfe line search. */
class LbfgsTest {

    @Test
    void rosenbrockWithStrongWolfeConverges() {
        Tensor x = vec(-1.2, 1);
        State s = new State();
        double[] fs = Optim.lbfgs(Problems.rosenbrock(), x, Config.of("maxIter", 100, "lineSearch", 1), s);
        double f = Problems.rosenbrock().apply(x).loss();
        assertTrue(f < 1e-6, () -> "f = " + f + " after " + s.get("nIter", 0) + " iterations, x = " + x);
        assertEquals(24.2, fs[0], 1e-12);
        for (int i = 1; i < fs.length; i++) assertTrue(fs[i] <= fs[i - 1], "strong Wolfe steps decrease f");
        assertTrue(s.get("funcEval", 0) <= 100 * 1.25 + 25, "evaluations bounded by maxEval plus one line search");
    }

    @Test
    void rosenbrockWithFixedStepMakesProgress() {
        Tensor x = vec(-1.2, 1);
        State s = new State();
        double[] fs = Optim.lbfgs(Problems.rosenbrock(), x, Config.of("maxIter", 200, "maxEval", 400, "learningRate", 0.5), s);
        assertTrue(fs[fs.length - 1] < 1e-2 * fs[0], () -> "f went from " + fs[0] + " to " + fs[fs.length - 1]);
    }

    @Test
    void lineSearchMeetsTheStrongWolfeConditions() {
        Feval f = Problems.rosenbrock();
        Tensor x = vec(-1.2, 1);
        Feval.Eval e0 = f.apply(x);
        Tensor g0 = e0.gradient().clone(), d = g0.neg();
        double gtd = g0.dot(d);
        StrongWolfe.Result r = StrongWolfe.search(f, x, 1, d, e0.loss(), g0, gtd, 1e-9);
        assertTrue(r.f() <= e0.loss() + StrongWolfe.C1 * r.t() * gtd, "sufficient decrease");
        assertTrue(Math.abs(r.g().dot(d)) <= StrongWolfe.C2 * Math.abs(gtd), "curvature");
        Tensor want = vec(-1.2, 1).addInPlace(r.t(), d);
        assertEquals(0, want.sub(x).abs().max(), 0, "x left at x0 + t d");
        assertEquals(r.f(), f.apply(x).loss(), 0);
        assertTrue(r.evals() >= 2 && r.evals() <= StrongWolfe.MAX_EVALS);
    }

    @Test
    void cubicInterpolationFindsTheMinimumOfACubic() {
        // p(t) = t³ - 3t: minimum at t = 1; through (0, 0, -3) and (2, 2, 9)
        double m = cubic(0, 0, -3, 2, 2, 9, -10, 10);
        assertEquals(1, m, 1e-12);
        assertEquals(1, cubic(2, 2, 9, 0, 0, -3, -10, 10), 1e-12);
        assertEquals(0.5, cubic(0, 0, -3, 2, 2, 9, -10, 0.5), 0, "clamped to the upper bound");
    }

    private static double cubic(double t1, double f1, double g1, double t2, double f2, double g2, double lo, double hi) {
        return StrongWolfe.cubicMin(new StrongWolfe.Point(t1, f1, null, g1), new StrongWolfe.Point(t2, f2, null, g2), lo, hi);
    }

    @Test
    void historyWrapsAroundTheRing() {
        Feval f = Problems.coupledQuadratic();
        Tensor x = vec(2, 2, -2);
        State s = new State();
        Optim.lbfgs(f, x, Config.of("maxIter", 6, "nCorrection", 2, "tolFun", 0, "tolX", 0), s);
        assertEquals(2, s.get("historySize", 0));
        assertTrue(s.tensor("s0") != null && s.tensor("s1") != null && s.tensor("s2") == null);
    }

    @Test
    void stopsAtAStationaryPoint() {
        Tensor x = vec(0, 0);
        double[] fs = Optim.lbfgs(OptimizerTest.F, x, Config.of(), new State());
        assertEquals(1, fs.length, "no step when the gradient is already below tolFun");
        assertEquals(0, x.abs().max(), 0);
    }

    @Test
    void badOptionsAreRejected() {
        Tensor x = vec(1, 1);
        assertThrows(IllegalArgumentException.class, () -> Optim.lbfgs(OptimizerTest.F, x, Config.of("lineSearch", 2), new State()));
        assertThrows(IllegalArgumentException.class, () -> Optim.lbfgs(OptimizerTest.F, x, Config.of("maxIter", 2.5), new State()));
        assertThrows(IllegalArgumentException.class, () -> Optim.lbfgs(OptimizerTest.F, x, Config.of("nCorrection", 0), new State()));
        var e = assertThrows(IllegalArgumentException.class, () -> Optim.lbfgs(OptimizerTest.F, x, Config.of("maxIters", 2), new State()));
        assertTrue(e.getMessage().contains("lbfgs: unknown option 'maxIters'"), e.getMessage());
    }
}
