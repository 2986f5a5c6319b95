package jtorch.nn.criterion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.Criterion;
import jtorch.nn.Jacobian;
import jtorch.nn.JacobianReport;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.function.Executable;

/** Shared helpers of the criterion tests: F64 tensors on the reference back end, Jacobian and error checks. */
final class CriterionChecks {
    private CriterionChecks() {}

    static Tensor randn64(long seed, int... sizes) {
        return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref());
    }

    static Tensor rand64(long seed, int... sizes) {
        return Tensor.rand(DType.F64, new Generator(seed), sizes).to(Backends.ref());
    }

    static Tensor t64(double[] v, int... sizes) { return Tensor.of(v, sizes).to(Backends.ref()); }

    static Tensor i32(int... v) { return Tensor.of(v, v.length).to(Backends.ref()); }

    /** Finite-difference check with sizeAverage on and off; also checks the gradient buffer is reused. */
    static void jacobian(Criterion c, Activity input, Activity target) {
        for (boolean avg : new boolean[] {true, false}) {
            c.sizeAverage(avg);
            JacobianReport r = Jacobian.checkCriterion(c, input, target);
            assertTrue(r.passes(Jacobian.TOLERANCE), "sizeAverage=" + avg + ": " + r);
        }
        c.sizeAverage(true);
        c.forward(input, target);
        Activity g1 = c.backward(input, target);
        c.forward(input, target);
        Activity g2 = c.backward(input, target);
        for (int i = 0; i < leaves(g1).size(); i++) assertSame(leaves(g1).get(i), leaves(g2).get(i));
    }

    /** The loss and the flat gradient with sizeAverage on, compared with expected values. */
    static void values(Criterion c, Activity input, Activity target, double loss, double... grad) {
        c.sizeAverage(true);
        assertEquals(loss, c.forward(input, target), 1e-9, c.name() + " loss");
        double[] g = flat(c.backward(input, target));
        assertEquals(grad.length, g.length);
        for (int i = 0; i < g.length; i++) assertEquals(grad[i], g[i], 1e-9, c.name() + " gradient " + i);
    }

    static double[] flat(Activity a) {
        return leaves(a).stream().flatMapToDouble(t -> java.util.Arrays.stream(t.toDoubleArray())).toArray();
    }

    /** Every tensor of an activity, depth first. */
    static java.util.List<Tensor> leaves(Activity a) {
        if (a instanceof Tensor t) return java.util.List.of(t);
        return ((jtorch.tensor.Table) a).items().stream().flatMap(c -> leaves(c).stream()).toList();
    }

    /** Both forward and backward throw IllegalArgumentException whose message holds every fragment. */
    static void rejects(Criterion c, Activity input, Activity target, String... fragments) {
        check(() -> c.forward(input, target), fragments);
        check(() -> c.backward(input, target), fragments);
    }

    private static void check(Executable e, String... fragments) {
        var ex = assertThrows(IllegalArgumentException.class, e);
        for (String f : fragments) assertTrue(ex.getMessage().contains(f), "'" + ex.getMessage() + "' lacks '" + f + "'");
    }
}
