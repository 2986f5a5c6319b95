package jtorch.nn.layer;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Affine map y = x · Wᵀ + b. Input [B, in], output [B, out]; parameters {@code weight} W [out, in] and {@code bias}
 * b [out] (optional), named as in PyTorch's {@code nn.Linear}. Initialised as Torch7 does: W, b ~ U(-1/√in, 1/√in)
 * from {@link Generator#global()}.
 * Backward: ∂L/∂x = g · W, ∂L/∂W += scale · gᵀ · x, ∂L/∂b += scale · Σ_batch g.
 */
public class Linear extends Module implements TensorModule {
    public static final ModuleType<Linear> TYPE = ModuleType.of("Linear", Linear.class,
            m -> ModuleArgs.of("inputSize", m.inputSize, "outputSize", m.outputSize, "bias", m.withBias),
            a -> new Linear(a.integer("inputSize"), a.integer("outputSize"), a.bool("bias")));
    private final int inputSize, outputSize;
    private final boolean withBias;
    private Tensor ones; // [B] of 1s for the bias gradient

    public Linear(int inputSize, int outputSize) { this(inputSize, outputSize, true); }

    public Linear(int inputSize, int outputSize, boolean withBias) {
        if (inputSize < 1 || outputSize < 1) throw new IllegalArgumentException("Linear: sizes must be positive, got "
                + inputSize + " -> " + outputSize);
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.withBias = withBias;
        addParameter("weight", outputSize, inputSize);
        if (withBias) addParameter("bias", outputSize);
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** Number of input features. */
    public int inputSize() { return inputSize; }
    /** Number of output features. */
    public int outputSize() { return outputSize; }
    /** W [out, in]. */
    public Tensor weight() { return param("weight"); }
    /** ∂L/∂W [out, in]. */
    public Tensor gradWeight() { return grad("weight"); }
    /** b [out], or null without bias. */
    public Tensor bias() { return withBias ? param("bias") : null; }
    /** ∂L/∂b [out], or null without bias. */
    public Tensor gradBias() { return withBias ? grad("bias") : null; }

    /** Re-draws the weights U(-1/√in, 1/√in) in place (views from getParameters stay valid). */
    public Linear reset(Generator g) {
        double stdv = 1 / Math.sqrt(inputSize);
        weight().copy(Tensor.rand(g, outputSize, inputSize).mulInPlace(2 * stdv).subInPlace(stdv));
        if (withBias) bias().copy(Tensor.rand(g, outputSize).mulInPlace(2 * stdv).subInPlace(stdv));
        return this;
    }

    @Override public Linear clone() { return (Linear) super.clone(); }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 2 || x.size(1) != inputSize) throw new IllegalArgumentException(name() + ": expected input [B, "
                + inputSize + "], got " + x.shape());
        return x;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input), w = weight();
        Tensor y = reuse(output, w, x.size(0), outputSize);
        y.addmmInPlace(0, 1, x, w.t());
        if (withBias) y.addInPlace(bias());
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = gradOut(gradOutput, x.size(0));
        return reuse(gradInput, x, x.size(0), inputSize).addmmInPlace(0, 1, g, weight());
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor x = in(input), g = gradOut(gradOutput, x.size(0));
        gradWeight().addmmInPlace(1, scale, g.t(), x);
        if (withBias) {
            if (ones == null || ones.size(0) != x.size(0) || ones.dtype() != x.dtype()) ones = x.newZeros(x.size(0)).fillInPlace(1);
            gradBias().addmvInPlace(1, scale, g.t(), ones);
        }
    }

    private Tensor gradOut(Activity gradOutput, int batch) {
        Tensor g = gradOutput.toTensor(name());
        if (g.dim() != 2 || g.size(0) != batch || g.size(1) != outputSize) throw new IllegalArgumentException(name()
                + ": expected gradOutput [" + batch + ", " + outputSize + "], got " + g.shape());
        return g;
    }

    @Override protected void clearOwnState() { ones = null; }

    @Override public String name() {
        return "Linear(" + inputSize + " -> " + outputSize + (withBias ? "" : ", without bias") + ")";
    }
}
