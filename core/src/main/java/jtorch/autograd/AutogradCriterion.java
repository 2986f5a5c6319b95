package jtorch.autograd;

import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * A loss written in autograd code as a {@link Criterion}, so it drops into the {@code Trainer} and anything else that
 * takes a criterion: L = f(input, target), a one-element var; ∂L/∂input from the reverse pass. Subclass it
 * ({@link #loss}) or use {@link #of}.
 * <pre>{@code
 * Criterion smoothL1 = AutogradCriterion.of("SmoothL1", (x, t) -> {
 *     Var d = x.sub(Var.of(t.tensor())).abs();
 *     return Var.where(d.value().lt(1), d.square().mul(0.5), d.sub(0.5)).mean();
 * });
 * }</pre>
 * The target is a constant; {@link #sizeAverage} is the loss code's business (not applied on top).
 */
public abstract class AutogradCriterion extends Criterion {
    private Var input, loss;
    private Activity lossTarget;

    /** The loss of {@code input} (a var that requires grad) against {@code target}; one element. */
    protected abstract Var loss(Var input, Activity target);

    @Override public double updateOutput(Activity in, Activity target) {
        run(in, target);
        return loss.item();
    }

    private void run(Activity in, Activity target) {
        input = Var.param(in.toTensor(name() + " input"));
        loss = loss(input, target);
        if (loss == null || loss.value().numel() != 1) throw new IllegalStateException(name() + ": the loss must be one "
                + "number, got " + (loss == null ? "null" : "shape " + loss.value().shape()));
        lossTarget = target;
    }

    @Override public Activity updateGradInput(Activity in, Activity target) {
        if (input == null || input.value() != in || lossTarget != target) run(in, target);
        if (!loss.requiresGrad()) return input.value().zerosLike();
        loss.backward();
        Tensor g = input.grad();
        input = null;
        return g != null ? g : in.toTensor(name()).zerosLike();
    }

    /** The body of a lambda-form criterion. */
    @FunctionalInterface
    public interface Body { Var apply(Var input, Activity target); }

    /** A criterion from a lambda; {@code name} is its name in messages. */
    public static AutogradCriterion of(String name, Body body) {
        if (body == null) throw new IllegalArgumentException("AutogradCriterion.of(" + name + "): null body");
        return new AutogradCriterion() {
            @Override protected Var loss(Var in, Activity target) { return body.apply(in, target); }

            @Override public String name() { return name; }
        };
    }
}
