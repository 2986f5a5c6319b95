package jtorch.nn.rnn;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * One Elman RNN step (PyTorch's {@code nn.RNNCell}). Input a table {x [B, I], h [B, H]}, output
 * h' = act(x · W_ihᵀ + b_ih + h · W_hhᵀ + b_hh) [B, H] with act tanh (default) or ReLU. Parameters as in
 * {@link RecurrentCell} with G = 1. Backward: δ = ∂h' ⊙ act'(h') (tanh: 1 - h'², ReLU: [h' &gt; 0]),
 * ∂x = δ · W_ih, ∂h = δ · W_hh, ∂W_ih += δᵀx, ∂W_hh += δᵀh, ∂b += Σ δ.
 */
public class RNNCell extends RecurrentCell {
    public static final ModuleType<RNNCell> TYPE = ModuleType.of("RNNCell", RNNCell.class,
            m -> ModuleArgs.of("inputSize", m.inputSize, "hiddenSize", m.hiddenSize, "bias", m.withBias, "relu", m.relu),
            a -> new RNNCell(a.integer("inputSize"), a.integer("hiddenSize"), a.bool("bias"), a.bool("relu")));
    private final boolean relu;
    private Tensor pre2, delta;

    public RNNCell(int inputSize, int hiddenSize) { this(inputSize, hiddenSize, true, false); }

    /** @param relu ReLU instead of tanh (PyTorch's {@code nonlinearity='relu'}) */
    public RNNCell(int inputSize, int hiddenSize, boolean withBias, boolean relu) {
        super(inputSize, hiddenSize, 1, withBias);
        this.relu = relu;
    }

    /** Whether the nonlinearity is ReLU (else tanh). */
    public boolean isReLU() { return relu; }

    @Override public RNNCell clone() { return (RNNCell) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] in = inputs(input, 2);
        Tensor x = in[0];
        pre2 = reuse(pre2, x, x.size(0), hiddenSize);
        // a new output each step: the next step may be given this output as its h (same module object)
        Tensor y = projectInput(x, x.newZeros(x.size(0), hiddenSize)).addInPlace(projectHidden(in[1], pre2));
        return relu ? y.reluInPlace() : y.tanhInPlace();
    }

    private Tensor delta(Tensor x, Activity gradOutput) {
        Tensor g = hiddenGrad(gradOutput, x.size(0), "gradOutput"), y = (Tensor) output;
        delta = relu ? y.gt(0).mulInPlace(g) : y.mul(y).negInPlace().addInPlace(1).mulInPlace(g);
        return delta;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor[] in = inputs(input, 2);
        Tensor d = delta(in[0], gradOutput);
        return Table.of(in[0].newZeros(in[0].sizes()).addmmInPlace(0, 1, d, weightIh()),
                in[1].newZeros(in[1].sizes()).addmmInPlace(0, 1, d, weightHh()));
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor[] in = inputs(input, 2);
        Tensor d = delta(in[0], gradOutput);
        accumulate(in[0], in[1], d, d, scale);
    }

    @Override protected void clearOwnState() {
        super.clearOwnState();
        pre2 = delta = null;
    }

    @Override public String name() {
        return "RNNCell(" + inputSize + " -> " + hiddenSize + (relu ? ", relu" : "")
                + (withBias ? "" : ", without bias") + ")";
    }
}
