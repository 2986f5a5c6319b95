package jtorch.nn;

import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * A loss function with Torch7's contract: {@link #forward}(input, target) → loss (a number),
 * {@link #backward}(input, target) → ∂loss/∂input (a reused buffer). With {@code sizeAverage} (the default) the loss
 * is averaged over the batch (or the elements, as each criterion states), otherwise summed.
 */
public abstract class Criterion {
    protected double output;
    protected Activity gradInput;
    protected boolean sizeAverage = true;

    public double forward(Activity input, Activity target) {
        output = updateOutput(input, target);
        return output;
    }

    public Activity backward(Activity input, Activity target) {
        gradInput = updateGradInput(input, target);
        return gradInput;
    }

    /** {@link #backward(Activity, Activity)} for a tensor input. */
    public Tensor backward(Tensor input, Activity target) {
        return backward((Activity) input, target).toTensor(name() + ".backward gradInput");
    }

    public abstract double updateOutput(Activity input, Activity target);

    public abstract Activity updateGradInput(Activity input, Activity target);

    public double output() { return output; }

    public boolean sizeAverage() { return sizeAverage; }

    public Criterion sizeAverage(boolean on) { sizeAverage = on; return this; }

    public String name() { return getClass().getSimpleName(); }

    @Override public String toString() { return "nn." + name(); }
}
