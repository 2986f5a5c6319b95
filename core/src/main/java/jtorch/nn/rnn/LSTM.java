package jtorch.nn.rnn;

import jtorch.backend.Backend;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Tensor;

/**
 * A multi-layer LSTM over whole sequences, fused for speed (PyTorch's {@code nn.LSTM}, Torch7 rnn's {@code SeqLSTM}).
 * Input x [T, B, I] or the table {x, h0, c0} (h0, c0 [L·D, B, H], zero when not given); output y [T, B, D·H] or
 * the table {y, hN, cN}. Per layer and direction, for t = 1..T (the reverse direction for t = T..1):
 * <pre>
 * [i, f, g, o] = x_t · W_ihᵀ + b_ih + h_{t-1} · W_hhᵀ + b_hh      (gate order i, f, g, o as in PyTorch)
 * i, f, o = σ(·), g = tanh(·);  c_t = f ⊙ c_{t-1} + i ⊙ g;  h_t = y_t = o ⊙ tanh(c_t)
 * </pre>
 * Parameters {@code weight_ih_l<l>} [4H, I_l], {@code weight_hh_l<l>} [4H, H], {@code bias_ih_l<l>},
 * {@code bias_hh_l<l>} [4H] (and {@code ..._reverse}): the layout of {@link FusedRecurrent}, PyTorch's one-to-one.
 * Options: layers, bias, dropout between layers, bidirectional, {@link #maskZero(boolean)} padding. Equal to stepping
 * {@link LSTMCell} with the same weights. Backward through time: see {@link Backend#lstmBackward}.
 */
public class LSTM extends FusedRecurrent {
    public static final ModuleType<LSTM> TYPE = ModuleType.of("LSTM", LSTM.class,
            m -> ModuleArgs.of("inputSize", m.inputSize, "hiddenSize", m.hiddenSize, "numLayers", m.numLayers,
                    "bias", m.withBias, "dropout", m.dropout, "bidirectional", m.isBidirectional(),
                    "maskZero", m.maskZero),
            a -> new LSTM(a.integer("inputSize"), a.integer("hiddenSize"), a.integer("numLayers"), a.bool("bias"),
                    a.number("dropout"), a.bool("bidirectional")).maskZero(a.bool("maskZero")));

    /** One layer, with bias, forward only. */
    public LSTM(int inputSize, int hiddenSize) { this(inputSize, hiddenSize, 1); }

    public LSTM(int inputSize, int hiddenSize, int numLayers) {
        this(inputSize, hiddenSize, numLayers, true, 0, false);
    }

    /** PyTorch's {@code nn.LSTM(inputSize, hiddenSize, numLayers, bias, dropout=dropout, bidirectional=...)}. */
    public LSTM(int inputSize, int hiddenSize, int numLayers, boolean bias, double dropout, boolean bidirectional) {
        super(inputSize, hiddenSize, numLayers, bias, dropout, bidirectional, 4);
    }

    @Override public LSTM clone() { return (LSTM) super.clone(); }

    @Override protected int stateCount() { return 2; }

    @Override protected void recur(int l, int d, Dir s, Tensor y, Tensor mask) {
        Backend be = s.proj.backend();
        s.tanhC = reuse(s.tanhC, s.proj, steps(), s.proj.size(1), hiddenSize);
        s.wf = be.pack(weightHh(l, d).t(), s.wf);
        be.lstmSequenceForward(s.proj, s.wf, s.h, s.c, s.tanhC, cols(y, d), mask, d == 1);
    }

    @Override protected void recurBack(int l, int d, Dir s, Tensor dy, Tensor mask) {
        Backend be = s.proj.backend();
        s.wb = be.pack(weightHh(l, d), s.wb);
        be.lstmSequenceBackward(s.proj, s.wb, s.c, s.tanhC, cols(dy, d), s.dh, s.dc, s.dIh, mask, d == 1);
    }

    @Override public String name() { return "LSTM(" + describe() + ")"; }
}
