package jtorch.autograd;

import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * A {@link Criterion} applied inside autograd code: the loss L = c(input, target) as a 0-d var, and ∂L/∂input from
 * the criterion's own backward, times the incoming gradient. The criterion's buffers are reused between calls, so the
 * backward runs the criterion's forward on the same input again first (criteria are deterministic), and copies its
 * gradInput out: one criterion object may appear any number of times in one graph.
 */
final class CriterionCall {
    private CriterionCall() {}

    static Var loss(Criterion c, Var[] xs, Activity target) {
        if (c == null) throw new IllegalArgumentException("Autograd.loss: null criterion");
        Activity input = xs.length == 1 ? xs[0].value : Table.of(java.util.Arrays.stream(xs).map(Var::value)
                .toArray(Tensor[]::new));
        double l = c.forward(input, target);
        Tensor y = xs[0].value.newZeros().fillInPlace(l);
        return Var.make("criterion " + c.name(), y, g -> {
            c.forward(input, target);
            Tensor[] gi = ModuleCall.tensors(c, c.backward(input, target), "gradInput");
            if (gi.length != xs.length) throw new IllegalStateException(c.name() + ": gradInput has " + gi.length
                    + " tensors for " + xs.length + " inputs");
            double s = g.item();
            Tensor[] out = new Tensor[gi.length];
            for (int i = 0; i < gi.length; i++) out[i] = xs[i].requiresGrad() ? gi[i].mul(s) : null;
            return out;
        }, xs);
    }
}
