package jtorch.nn.activation;

import jtorch.nn.TensorModule;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Base of the element-wise transfer modules: y = f(x) for a tensor of any shape, and ∂L/∂x = g ⊙ f'(x), where a
 * subclass computes f'(x) from the input x or the output y, whichever is cheaper. A subclass writes
 * {@link #compute} (forward) and {@link #gradient} (backward) side by side; output, gradInput and the optional
 * {@link #scratch} buffer are reused between calls, so a steady-state step allocates no tensors.
 */
public abstract class Pointwise extends Module implements TensorModule {
    private Tensor scratch;

    /** Writes y = f(x) into {@code y} (x's shape, dtype and back end). */
    protected abstract void compute(Tensor x, Tensor y);

    /** Writes gi = g ⊙ f'(x) into {@code gi}; x is the input and y the output of the last forward. */
    protected abstract void gradient(Tensor x, Tensor y, Tensor g, Tensor gi);

    @Override public final Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        Tensor y = reuse(output, x, x.sizes());
        compute(x, y);
        return y;
    }

    @Override public final Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name());
        if (!(output instanceof Tensor y) || !y.sameShape(x)) throw new IllegalStateException(name()
                + ": backward on input " + x.shape() + " needs a forward on that input first");
        Tensor g = Shapes.like(name(), gradOutput, y);
        Tensor gi = reuse(gradInput, x, x.sizes());
        gradient(x, y, g, gi);
        return gi;
    }

    /** A reusable buffer of {@code like}'s shape (its contents are whatever the last use left). */
    protected Tensor scratch(Tensor like) {
        scratch = reuse(scratch, like, like.sizes());
        return scratch;
    }

    @Override protected void clearOwnState() { scratch = null; }
}
