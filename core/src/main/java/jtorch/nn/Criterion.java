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

    /** {@link Module#reuse}: {@code buf} when it already has these sizes, like's dtype and back end, else new zeros. */
    protected static Tensor reuse(Activity buf, Tensor like, int... sizes) { return Module.reuse(buf, like, sizes); }

    /**
     * The target as a tensor of the input's shape, on the input's back end and in its dtype (converted only when they
     * differ); throws naming this criterion and both shapes when the shapes differ, or the first NaN in the target.
     */
    protected Tensor targetLike(Tensor input, Activity target) {
        Tensor t = target.toTensor(name() + " target");
        if (!t.sameShape(input)) throw new IllegalArgumentException(name() + ": input " + input.shape() + " and target "
                + t.shape() + " differ in shape");
        t = t.to(input.backend()).to(input.dtype());
        requireNoNaN(t);
        return t;
    }

    /** Throws naming this criterion and the flat position of the first NaN in {@code target}, if any. */
    protected void requireNoNaN(Tensor target) {
        if (target.dtype() == jtorch.tensor.DType.I32 || target.numel() == 0 || !Double.isNaN(target.sum())) return;
        double[] v = target.toDoubleArray();
        for (int i = 0; i < v.length; i++) if (Double.isNaN(v[i])) throw new IllegalArgumentException(name()
                + ": target " + target.shape() + " holds NaN at flat position " + i);
    }

    @Override public String toString() { return "nn." + name(); }
}
