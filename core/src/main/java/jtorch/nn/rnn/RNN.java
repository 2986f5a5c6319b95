package jtorch.nn.rnn;

import jtorch.backend.Backend;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Tensor;

/**
 * A multi-layer Elman RNN over whole sequences, fused for speed (PyTorch's {@code nn.RNN}). Input x [T, B, I] or the
 * table {x, h0} (h0 [L·D, B, H], zero when not given); output y [T, B, D·H] or the table {y, hN}. Per layer and
 * direction, for t = 1..T (the reverse direction for t = T..1):
 * h_t = y_t = act(x_t · W_ihᵀ + b_ih + h_{t-1} · W_hhᵀ + b_hh) with act = tanh (default) or ReLU
 * (PyTorch's {@code nonlinearity='relu'}). Parameters {@code weight_ih_l<l>} [H, I_l], {@code weight_hh_l<l>} [H, H],
 * {@code bias_ih_l<l>}, {@code bias_hh_l<l>} [H] (and {@code ..._reverse}): the layout of {@link FusedRecurrent},
 * PyTorch's one-to-one. Equal to stepping {@link RNNCell}. Backward through time: see {@link Backend#rnnBackward}.
 */
public class RNN extends FusedRecurrent {
    public static final ModuleType<RNN> TYPE = ModuleType.of("RNN", RNN.class,
            m -> ModuleArgs.of("inputSize", m.inputSize, "hiddenSize", m.hiddenSize, "numLayers", m.numLayers,
                    "bias", m.withBias, "dropout", m.dropout, "bidirectional", m.isBidirectional(), "relu", m.relu,
                    "maskZero", m.maskZero),
            a -> new RNN(a.integer("inputSize"), a.integer("hiddenSize"), a.integer("numLayers"), a.bool("bias"),
                    a.number("dropout"), a.bool("bidirectional"), a.bool("relu")).maskZero(a.bool("maskZero")));
    private final boolean relu;

    /** One tanh layer, with bias, forward only. */
    public RNN(int inputSize, int hiddenSize) { this(inputSize, hiddenSize, 1); }

    public RNN(int inputSize, int hiddenSize, int numLayers) {
        this(inputSize, hiddenSize, numLayers, true, 0, false, false);
    }

    /** PyTorch's {@code nn.RNN(..., nonlinearity='relu' if relu else 'tanh', bias, dropout, bidirectional)}. */
    public RNN(int inputSize, int hiddenSize, int numLayers, boolean bias, double dropout, boolean bidirectional,
               boolean relu) {
        super(inputSize, hiddenSize, numLayers, bias, dropout, bidirectional, 1);
        this.relu = relu;
    }

    /** Whether the nonlinearity is ReLU (else tanh). */
    public boolean isReLU() { return relu; }

    @Override public RNN clone() { return (RNN) super.clone(); }

    @Override protected void recur(int l, int d, Dir s, Tensor y, Tensor mask) {
        Backend be = s.proj.backend();
        s.wf = be.pack(weightHh(l, d).t(), s.wf);
        be.rnnSequenceForward(relu, s.proj, s.wf, s.h, cols(y, d), mask, d == 1);
    }

    @Override protected void recurBack(int l, int d, Dir s, Tensor dy, Tensor mask) {
        Backend be = s.proj.backend();
        s.wb = be.pack(weightHh(l, d), s.wb);
        be.rnnSequenceBackward(relu, s.wb, s.h, cols(dy, d), s.dh, s.dIh, mask, d == 1);
    }

    @Override public String name() { return "RNN(" + describe().replaceFirst("^(\\d+ -> \\d+)", "$1" + (relu ? ", relu" : "")) + ")"; }
}
