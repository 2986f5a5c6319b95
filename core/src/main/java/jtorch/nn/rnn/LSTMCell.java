package jtorch.nn.rnn;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * One LSTM step (PyTorch's {@code nn.LSTMCell}). Input a table {x [B, I], h [B, H], c [B, H]}, output the table
 * {h' [B, H], c' [B, H]}:
 * <pre>
 * [i, f, g, o] = x · W_ihᵀ + b_ih + h · W_hhᵀ + b_hh     (gate order i, f, g, o as in PyTorch)
 * i, f, o = σ(·), g = tanh(·);  c' = f ⊙ c + i ⊙ g;  h' = o ⊙ tanh(c')
 * </pre>
 * Parameters as in {@link RecurrentCell} with G = 4, so PyTorch's {@code weight_ih} etc. load one-to-one.
 * Backward: with gradOutput {∂h', ∂c'}, δc = ∂c' + ∂h' ⊙ o ⊙ (1 - tanh²c'); the gate pre-activations get
 * δi = δc ⊙ g ⊙ i(1-i), δf = δc ⊙ c ⊙ f(1-f), δg = δc ⊙ i ⊙ (1-g²), δo = ∂h' ⊙ tanh c' ⊙ o(1-o); then
 * ∂x = δ · W_ih, ∂h = δ · W_hh, ∂c = δc ⊙ f and the weight gradients δᵀx, δᵀh.
 */
public class LSTMCell extends RecurrentCell {
    public static final ModuleType<LSTMCell> TYPE = ModuleType.of("LSTMCell", LSTMCell.class,
            m -> ModuleArgs.of("inputSize", m.inputSize, "hiddenSize", m.hiddenSize, "bias", m.withBias),
            a -> new LSTMCell(a.integer("inputSize"), a.integer("hiddenSize"), a.bool("bias")));
    private Tensor act, pre2, cNext, tanhC, delta, dcPrev; // forward state and the last backward's gate gradient
    private boolean deltaFresh;

    public LSTMCell(int inputSize, int hiddenSize) { this(inputSize, hiddenSize, true); }

    public LSTMCell(int inputSize, int hiddenSize, boolean withBias) { super(inputSize, hiddenSize, 4, withBias); }

    @Override public LSTMCell clone() { return (LSTMCell) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] in = inputs(input, 3);
        Tensor x = in[0], h = in[1], c = in[2];
        int b = x.size(0), hs = hiddenSize;
        act = reuse(act, x, b, 4 * hs);
        pre2 = reuse(pre2, x, b, 4 * hs);
        projectInput(x, act).addInPlace(projectHidden(h, pre2));
        gate(act, 0).sigmoidInPlace();
        gate(act, 1).sigmoidInPlace();
        gate(act, 2).tanhInPlace();
        gate(act, 3).sigmoidInPlace();
        cNext = gate(act, 1).mul(c).addInPlace(gate(act, 0).mul(gate(act, 2)));
        tanhC = cNext.tanh();
        deltaFresh = false;
        return Table.of(gate(act, 3).mul(tanhC), cNext);
    }

    /** δ [B, 4H] and ∂c for gradOutput {∂h', ∂c'}. */
    private void backprop(Tensor c, Activity gradOutput) {
        int b = c.size(0);
        if (!(gradOutput instanceof Table t) || t.size() != 2) throw new IllegalArgumentException(name()
                + ": expected gradOutput a table {dh [" + b + ", " + hiddenSize + "], dc [" + b + ", " + hiddenSize
                + "]}, got " + gradOutput);
        Tensor dh = hiddenGrad(t.get(0), b, "dh"), dc = hiddenGrad(t.get(1), b, "dc");
        Tensor i = gate(act, 0), f = gate(act, 1), g = gate(act, 2), o = gate(act, 3);
        Tensor dct = tanhC.mul(tanhC).negInPlace().addInPlace(1).mulInPlace(o).mulInPlace(dh).addInPlace(dc);
        delta = reuse(delta, c, b, 4 * hiddenSize);
        gate(delta, 0).copy(dct.mul(g).mulInPlace(sigmoidGrad(i)));
        gate(delta, 1).copy(dct.mul(c).mulInPlace(sigmoidGrad(f)));
        gate(delta, 2).copy(dct.mul(i).mulInPlace(g.mul(g).negInPlace().addInPlace(1)));
        gate(delta, 3).copy(dh.mul(tanhC).mulInPlace(sigmoidGrad(o)));
        dcPrev = dct.mulInPlace(f);
        deltaFresh = true;
    }

    static Tensor sigmoidGrad(Tensor y) { return y.neg().addInPlace(1).mulInPlace(y); }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor[] in = inputs(input, 3);
        backprop(in[2], gradOutput);
        Tensor dx = in[0].newZeros(in[0].sizes()).addmmInPlace(0, 1, delta, weightIh());
        Tensor dh = in[1].newZeros(in[1].sizes()).addmmInPlace(0, 1, delta, weightHh());
        return Table.of(dx, dh, dcPrev);
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor[] in = inputs(input, 3);
        if (!deltaFresh) backprop(in[2], gradOutput);
        deltaFresh = false;
        accumulate(in[0], in[1], delta, delta, scale);
    }

    @Override protected void clearOwnState() {
        super.clearOwnState();
        act = pre2 = cNext = tanhC = delta = dcPrev = null;
        deltaFresh = false;
    }

    @Override public String name() {
        return "LSTMCell(" + inputSize + " -> " + hiddenSize + (withBias ? "" : ", without bias") + ")";
    }
}
