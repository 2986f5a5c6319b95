package jtorch.nn.rnn;

import jtorch.backend.Backend;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Tensor;

/**
 * A multi-layer GRU over whole sequences, fused for speed (PyTorch's {@code nn.GRU}, Torch7 rnn's {@code SeqGRU}).
 * Input x [T, B, I] or the table {x, h0} (h0 [L·D, B, H], zero when not given); output y [T, B, D·H] or the table
 * {y, hN}. Per layer and direction, for t = 1..T (the reverse direction for t = T..1):
 * <pre>
 * [a_r, a_z, a_n] = x_t · W_ihᵀ + b_ih,  [b_r, b_z, b_n] = h_{t-1} · W_hhᵀ + b_hh    (gate order r, z, n)
 * r = σ(a_r + b_r),  z = σ(a_z + b_z),  n = tanh(a_n + r ⊙ b_n),  h_t = y_t = (1 - z) ⊙ n + z ⊙ h_{t-1}
 * </pre>
 * Parameters {@code weight_ih_l<l>} [3H, I_l], {@code weight_hh_l<l>} [3H, H], {@code bias_ih_l<l>},
 * {@code bias_hh_l<l>} [3H] (and {@code ..._reverse}): the layout of {@link FusedRecurrent}, PyTorch's one-to-one.
 * Equal to stepping {@link GRUCell} with the same weights. Backward through time: see {@link Backend#gruBackward}.
 */
public class GRU extends FusedRecurrent {
    public static final ModuleType<GRU> TYPE = ModuleType.of("GRU", GRU.class,
            m -> ModuleArgs.of("inputSize", m.inputSize, "hiddenSize", m.hiddenSize, "numLayers", m.numLayers,
                    "bias", m.withBias, "dropout", m.dropout, "bidirectional", m.isBidirectional(),
                    "maskZero", m.maskZero),
            a -> new GRU(a.integer("inputSize"), a.integer("hiddenSize"), a.integer("numLayers"), a.bool("bias"),
                    a.number("dropout"), a.bool("bidirectional")).maskZero(a.bool("maskZero")));

    /** One layer, with bias, forward only. */
    public GRU(int inputSize, int hiddenSize) { this(inputSize, hiddenSize, 1); }

    public GRU(int inputSize, int hiddenSize, int numLayers) { this(inputSize, hiddenSize, numLayers, true, 0, false); }

    /** PyTorch's {@code nn.GRU(inputSize, hiddenSize, numLayers, bias, dropout=dropout, bidirectional=...)}. */
    public GRU(int inputSize, int hiddenSize, int numLayers, boolean bias, double dropout, boolean bidirectional) {
        super(inputSize, hiddenSize, numLayers, bias, dropout, bidirectional, 3);
    }

    @Override public GRU clone() { return (GRU) super.clone(); }

    @Override protected boolean foldHiddenBias() { return false; }

    @Override protected void recur(int l, int d, Dir s, Tensor y, Tensor mask) {
        Backend be = s.proj.backend();
        s.hh = reuse(s.hh, s.proj, steps(), s.proj.size(1), 3 * hiddenSize);
        s.wf = be.pack(weightHh(l, d).t(), s.wf);
        be.gruSequenceForward(s.proj, s.hh, biasHh(l, d), s.wf, s.h, cols(y, d), mask, d == 1);
    }

    @Override protected void recurBack(int l, int d, Dir s, Tensor dy, Tensor mask) {
        Backend be = s.proj.backend();
        s.wb = be.pack(weightHh(l, d), s.wb);
        be.gruSequenceBackward(s.proj, s.hh, s.wb, s.h, cols(dy, d), s.dh, s.dIh, s.dHh, mask, d == 1);
    }

    @Override public String name() { return "GRU(" + describe() + ")"; }
}
