package jtorch.nn.sparse;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Soft shrinkage with a learned threshold per unit (the non-linearity of LISTA, Gregor and LeCun 2010):
 * y = sign(x) · max(|x| − θ⁺, 0), θ⁺ = max(θ, 0), applied to x [B, size] with the parameter {@code theta} [size]
 * broadcast over the batch; a negative threshold acts as 0. Output [B, size].
 * Backward: ∂L/∂x = g ⊙ [y ≠ 0]; ∂L/∂θ += −scale · Σ_batch g ⊙ sign(y), for the units with θ &gt; 0.
 * Initialised to {@code threshold} for every unit (Torch7's fixed-λ {@code SoftShrink} is this with θ frozen).
 */
public class LearnedSoftShrink extends Module implements TensorModule {
    public static final ModuleType<LearnedSoftShrink> TYPE = ModuleType.of("LearnedSoftShrink", LearnedSoftShrink.class,
            m -> ModuleArgs.of("size", m.size, "threshold", m.initial),
            a -> new LearnedSoftShrink(a.integer("size"), a.number("threshold")));
    private final int size;
    private final double initial;
    private Shrinkage shrink = new Shrinkage();

    /** {@code size} units, each threshold initialised to {@code threshold} (finite). */
    public LearnedSoftShrink(int size, double threshold) {
        if (size < 1) throw new IllegalArgumentException("LearnedSoftShrink: size must be positive, got " + size);
        if (!Double.isFinite(threshold)) throw new IllegalArgumentException("LearnedSoftShrink: the initial threshold"
                + " must be finite, got " + threshold);
        this.size = size;
        this.initial = threshold;
        addParameter("theta", size);
        if (drawInitialWeights()) theta().fillInPlace(threshold);
    }

    /** θ [size]. */
    public Tensor theta() { return param("theta"); }

    /** ∂L/∂θ [size]. */
    public Tensor gradTheta() { return grad("theta"); }

    /** Number of units. */
    public int size() { return size; }

    @Override public LearnedSoftShrink clone() { return (LearnedSoftShrink) super.clone(); }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 2 || x.size(1) != size) throw new IllegalArgumentException(name() + ": expected input [B, " + size
                + "], got " + x.shape());
        return x;
    }

    private Tensor gradOut(Activity gradOutput, Tensor x) {
        Tensor g = gradOutput.toTensor(name());
        if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": expected gradOutput " + x.shape() + ", got "
                + g.shape());
        return g;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        shrink.thresholds(theta());
        return shrink.apply(x, reuse(output, x, x.sizes()));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = gradOut(gradOutput, x);
        return shrink.gradInput((Tensor) output, g, reuse(gradInput, x, x.sizes()));
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor x = in(input), g = gradOut(gradOutput, x);
        shrink.accGradTheta((Tensor) output, g, scale, gradTheta());
    }

    @Override protected void clearOwnState() { shrink = new Shrinkage(); }

    @Override public String name() { return "LearnedSoftShrink(" + size + ")"; }
}
