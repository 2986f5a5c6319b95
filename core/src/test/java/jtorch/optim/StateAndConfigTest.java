package jtorch.optim;

import static jtorch.optim.Problems.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Resuming from a copied state, and rejected configurations. */
class StateAndConfigTest {

    /** Every optimizer with options that exercise all of its state. */
    static Map<String, Object[]> cases() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        m.put("sgd", new Object[] {(OptimizerTest.Step) Optim::sgd,
                Config.of("learningRate", 1e-4, "momentum", 0.9, "nesterov", 1, "weightDecay", 1e-3, "learningRateDecay", 0.01)});
        m.put("adam", new Object[] {(OptimizerTest.Step) Optim::adam, Config.of("learningRate", 0.01, "weightDecay", 1e-3)});
        m.put("adamw", new Object[] {(OptimizerTest.Step) Optim::adamw, Config.of("learningRate", 0.01)});
        m.put("adagrad", new Object[] {(OptimizerTest.Step) Optim::adagrad, Config.of("learningRate", 0.1, "learningRateDecay", 0.1,
                "initialAccumulatorValue", 0.1)});
        m.put("rmsprop", new Object[] {(OptimizerTest.Step) Optim::rmsprop, Config.of("weightDecay", 1e-3)});
        m.put("adadelta", new Object[] {(OptimizerTest.Step) Optim::adadelta, Config.of("weightDecay", 1e-3)});
        m.put("lbfgs", new Object[] {(OptimizerTest.Step) (f, x, c, s) -> Optim.lbfgs(f, x, c, s)[0],
                Config.of("maxIter", 1, "nCorrection", 3, "learningRate", 0.1, "tolFun", 0, "tolX", 0)});
        m.put("lbfgs-wolfe", new Object[] {(OptimizerTest.Step) (f, x, c, s) -> Optim.lbfgs(f, x, c, s)[0],
                Config.of("maxIter", 1, "nCorrection", 3, "lineSearch", 1, "tolFun", 0, "tolX", 0)});
        return m;
    }

    @Test
    void tenStepsThenACopyThenTenMoreEqualsTwentyStraight() {
        Feval f = Problems.rosenbrock();
        cases().forEach((name, c) -> {
            OptimizerTest.Step step = (OptimizerTest.Step) c[0];
            Config config = (Config) c[1];
            Tensor straight = vec(-1.2, 1);
            State s1 = new State();
            for (int i = 0; i < 20; i++) step.apply(f, straight, config, s1);

            Tensor x = vec(-1.2, 1);
            State s = new State();
            for (int i = 0; i < 10; i++) step.apply(f, x, config, s);
            Tensor xCopy = x.clone();
            State sCopy = s.copy();
            for (Map.Entry<String, Tensor> e : s.tensors().entrySet()) assertNotSame(e.getValue(), sCopy.tensor(e.getKey()));
            assertEquals(s.numbers(), sCopy.numbers());
            for (int i = 0; i < 10; i++) step.apply(f, xCopy, config, sCopy);
            assertArrayEquals(straight.toDoubleArray(), xCopy.toDoubleArray(), 0, name + ": resumed copy");
            // the original is untouched by the copy's steps and continues identically
            for (int i = 0; i < 10; i++) step.apply(f, x, config, s);
            assertArrayEquals(straight.toDoubleArray(), x.toDoubleArray(), 0, name + ": original");
            double moved = straight.sub(vec(-1.2, 1)).abs().max();
            assertTrue(moved > 0 && Double.isFinite(moved), name + " moved to " + straight);
        });
    }

    @Test
    void unknownOptionsAreRejectedByEveryOptimizer() {
        cases().forEach((name, c) -> {
            OptimizerTest.Step step = (OptimizerTest.Step) c[0];
            var e = assertThrows(IllegalArgumentException.class,
                    () -> step.apply(OptimizerTest.F, vec(1, 1), Config.of("learningRat", 0.1), new State()), name);
            assertTrue(e.getMessage().contains("unknown option 'learningRat'") && e.getMessage().contains("learningRate"),
                    e.getMessage());
        });
    }

    @Test
    void negativeLearningRatesAreRejectedBeforeAnyStep() {
        cases().forEach((name, c) -> {
            OptimizerTest.Step step = (OptimizerTest.Step) c[0];
            Tensor x = vec(1, 1);
            int[] calls = {0};
            Feval counting = t -> { calls[0]++; return OptimizerTest.F.apply(t); };
            var e = assertThrows(IllegalArgumentException.class,
                    () -> step.apply(counting, x, Config.of("learningRate", -0.1), new State()), name);
            assertTrue(e.getMessage().contains("learningRate must be"), e.getMessage());
            assertEquals(0, calls[0], name + ": feval not called");
            assertArrayEquals(new double[] {1, 1}, x.toDoubleArray(), 0);
        });
    }

    @Test
    void outOfRangeFactorsAreRejected() {
        Tensor x = vec(1, 1);
        Feval f = OptimizerTest.F;
        assertThrows(IllegalArgumentException.class, () -> Optim.adam(f, x, Config.of("beta1", 1), new State()));
        assertThrows(IllegalArgumentException.class, () -> Optim.adam(f, x, Config.of("beta2", -0.1), new State()));
        assertThrows(IllegalArgumentException.class, () -> Optim.adamw(f, x, Config.of("weightDecay", -1), new State()));
        assertThrows(IllegalArgumentException.class, () -> Optim.rmsprop(f, x, Config.of("alpha", 1.5), new State()));
        assertThrows(IllegalArgumentException.class, () -> Optim.adadelta(f, x, Config.of("rho", Double.NaN), new State()));
        assertThrows(IllegalArgumentException.class, () -> Optim.adagrad(f, x, Config.of("epsilon", -1e-10), new State()));
        assertThrows(IllegalArgumentException.class, () -> Optim.sgd(f, x, Config.of("momentum", -0.9), new State()));
        var e = assertThrows(IllegalArgumentException.class, () -> Optim.sgd(f, x, Config.of("nesterov", 1), new State()));
        assertTrue(e.getMessage().contains("nesterov needs momentum"), e.getMessage());
    }

    @Test
    void aGradientOfTheWrongShapeIsRejected() {
        Feval bad = t -> new Feval.Eval(0, vec(1, 2, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> Optim.adam(bad, vec(1, 1), Config.of(), new State()));
        assertTrue(e.getMessage().contains("adam") && e.getMessage().contains("[3]") && e.getMessage().contains("[2]"),
                e.getMessage());
    }

    @Test
    void configOfChecksPairs() {
        assertThrows(IllegalArgumentException.class, () -> Config.of("learningRate"));
        assertThrows(IllegalArgumentException.class, () -> Config.of(0.1, "learningRate"));
        assertEquals(0.5, Config.of("momentum", 0.5).get("momentum", 0));
    }
}
