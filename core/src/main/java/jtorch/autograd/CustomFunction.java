package jtorch.autograd;

import jtorch.tensor.Tensor;

/**
 * A user-defined differentiable operation with its own forward and backward, as PyTorch's
 * {@code torch.autograd.Function}: subclass it, compute y = f(x₁..xₙ) on tensors in {@link #forward}, keeping what
 * backward needs in the {@link Context}, and return ∂L/∂xᵢ from g = ∂L/∂y in {@link #backward} (null for an input
 * that needs none, {@link Context#needsInputGrad}); {@link #apply} records it like any built-in operation. Each
 * gradient must have its input's shape (the reverse pass checks, naming the function).
 * <pre>{@code
 * class Cube extends CustomFunction {
 *     protected Tensor forward(Context ctx, Tensor... x) { ctx.save(x[0]); return x[0].pow(3); }
 *     protected Tensor[] backward(Context ctx, Tensor g) { return new Tensor[] {g.mul(ctx.saved(0).square()).mul(3)}; }
 * }
 * Var y = new Cube().apply(x);
 * }</pre>
 * One object may be applied any number of times: each application gets its own context.
 */
public abstract class CustomFunction {

    /** y from the input tensors (do not modify them); save what backward needs with {@link Context#save}. */
    protected abstract Tensor forward(Context ctx, Tensor... inputs);

    /** One gradient per input (its shape), from g = ∂L/∂y; null where {@link Context#needsInputGrad} is false. */
    protected abstract Tensor[] backward(Context ctx, Tensor gradOutput);

    /** The name in error messages (the class name by default). */
    public String name() { return getClass().getSimpleName(); }

    /** Runs forward now and records backward for the reverse pass. */
    public final Var apply(Var... inputs) {
        boolean[] needs = new boolean[inputs.length];
        Tensor[] values = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) throw new IllegalArgumentException(name() + ": input " + i + " is null");
            needs[i] = inputs[i].requiresGrad() && GradMode.isEnabled();
            values[i] = inputs[i].value;
        }
        Context ctx = new Context(needs);
        Tensor y = forward(ctx, values);
        if (y == null) throw new IllegalStateException(name() + ": forward returned null");
        return Var.make(name(), y, g -> backward(ctx, g), inputs);
    }

    /** What one application of a {@link CustomFunction} keeps between its forward and its backward. */
    public static final class Context {
        private final boolean[] needs;
        private Tensor[] saved = new Tensor[0];

        Context(boolean[] needs) { this.needs = needs; }

        /** Keeps tensors for backward (replacing any saved before). */
        public void save(Tensor... tensors) { saved = tensors.clone(); }

        /** Saved tensor i. */
        public Tensor saved(int i) {
            if (i < 0 || i >= saved.length) throw new IllegalArgumentException("Context.saved: index " + i
                    + " out of range for " + saved.length + " saved tensors");
            return saved[i];
        }

        /** True when input i requires a gradient. */
        public boolean needsInputGrad(int i) { return needs[i]; }
    }
}
