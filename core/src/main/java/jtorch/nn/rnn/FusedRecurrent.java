package jtorch.nn.rnn;

import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * What the fused whole-sequence modules ({@link LSTM}, {@link GRU}, {@link RNN}) share: PyTorch's options, parameter
 * names and layout, the layer and direction loops, the input projection of all time steps as one GEMM, inter-layer
 * dropout, padding masks, and the weight gradients as GEMMs over all steps. Subclasses run one direction of one layer
 * through time ({@link #recur}, {@link #recurBack}) with a Backend cell kernel.
 * <p><b>Shapes.</b> Input x [T, B, I] (or the table {x, h0 [L·D, B, H]} / {x, h0, c0} for the LSTM), output
 * y [T, B, D·H] (or {y, hN [L·D, B, H]} / {y, hN, cN}); D = 2 when bidirectional, L = numLayers. In y the forward
 * direction fills features 0..H-1, the reverse one H..2H-1; hN's row l·D + d is layer l, direction d (PyTorch's h_n).
 * <p><b>Parameters</b> (PyTorch's {@code nn.LSTM}/{@code nn.GRU}/{@code nn.RNN} names, so a {@code state_dict}
 * loads one-to-one): for each layer l and direction (suffix "" or "_reverse"), in this order, {@code weight_ih_l<l>}
 * [G·H, I_l] (I_0 = I, I_l = D·H above), {@code weight_hh_l<l>} [G·H, H], {@code bias_ih_l<l>}, {@code bias_hh_l<l>}
 * [G·H] (without bias: the weights only); G = 4 (i, f, g, o), 3 (r, z, n) or 1; all drawn U(-1/√H, 1/√H).
 * <p><b>Dropout</b> p between layers (on the input of layers 1..L-1), in training only, inverted (kept values scaled
 * by 1/(1-p)), drawn from the module's own {@link Generator} (seeded from the global one when built, or
 * {@link #generator(Generator)}): the same seed gives the same masks.
 * <p><b>Padding</b> ({@link #maskZero(boolean)}): an all-zero input row x[t, b, :] is a padded step: its output is
 * zero in every layer and direction, it gets no gradient and it leaves the state unchanged (so a right-padded batch
 * gives each sequence's own final state in hN, and the reverse direction starts at its last real step).
 * <p><b>Speed.</b> Per layer and direction: one GEMM [T·B, I_l] × W_ihᵀ for every step's input projection; per step
 * one GEMM h·W_hhᵀ and one cell kernel; backward per step one kernel and one GEMM, then ∂x = δ·W_ih,
 * ∂W_ih += δᵀ·x and ∂W_hh += δᵀ·h each as one GEMM over all T·B rows. Buffers are kept and reused between calls.
 */
public abstract class FusedRecurrent extends Module {
    protected final int inputSize, hiddenSize, numLayers, gates, dirs;
    protected final boolean withBias;
    protected final double dropout;
    protected boolean maskZero;
    private Generator generator;
    private int steps, batch;
    private boolean tableIn, bpttFresh;
    private Tensor mask, ones, hN, cN, dh0, dc0, dTokens;
    /** Set around each call by {@link #viaTokens}: layer 0 reads tokens through an encoder's table. */
    TokenInput tokenInput;
    private Tensor[] layerIn, layerOut, dropMask, dIn;
    protected Dir[] state; // [l * dirs + d]

    /** One direction of one layer: forward and backward buffers, reused between calls. */
    protected static final class Dir {
        /** [T, B, G·H] input projection (then, per step, the subclass's gate values). */
        public Tensor proj;
        /** [T, B, G·H] the hidden projection per step (GRU), else null. */
        public Tensor hh;
        /** [T + 1, B, H] states: slot t is h before time t (forward) or after it (reverse); also c for the LSTM. */
        public Tensor h, c;
        /** [T, B, H] tanh(c_t) (LSTM). */
        public Tensor tanhC;
        /** [T, B, G·H] ∂L/∂proj and ∂L/∂(hidden projection) (the same tensor except for the GRU). */
        public Tensor dIh, dHh;
        /** [B, H] running ∂L/∂h and ∂L/∂c during backward. */
        public Tensor dh, dc;
        /** [G·H] b_ih + b_hh when folded (forward), Σ δ (backward). */
        public Tensor bias;
        /** W_hhᵀ and W_hh packed for the back end's per-step products (repacked in place at every call). */
        public jtorch.backend.PackedMatrix wf, wb;
        /** W_ihᵀ packed for the input projection of all steps (repacked in place at every call). */
        public jtorch.backend.PackedMatrix wi;
        /** Layer 0 fed tokens ({@link TokenInput}): E·W_ihᵀ + b, and ∂L/∂proj summed by token, both [V, G·H]. */
        Tensor emb, embDelta;
    }

    protected FusedRecurrent(int inputSize, int hiddenSize, int numLayers, boolean bias, double dropout,
                             boolean bidirectional, int gates) {
        String n = getClass().getSimpleName();
        if (inputSize < 1 || hiddenSize < 1 || numLayers < 1) throw new IllegalArgumentException(n + ": inputSize,"
                + " hiddenSize and numLayers must be positive, got " + inputSize + ", " + hiddenSize + ", " + numLayers);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException(n + ": dropout must be in [0, 1), got "
                + dropout);
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.withBias = bias;
        this.dropout = dropout;
        this.dirs = bidirectional ? 2 : 1;
        this.gates = gates;
        for (int l = 0; l < numLayers; l++) for (int d = 0; d < dirs; d++) {
            String s = suffix(l, d);
            addParameter("weight_ih" + s, gates * hiddenSize, l == 0 ? inputSize : dirs * hiddenSize);
            addParameter("weight_hh" + s, gates * hiddenSize, hiddenSize);
            if (bias) {
                addParameter("bias_ih" + s, gates * hiddenSize);
                addParameter("bias_hh" + s, gates * hiddenSize);
            }
        }
        generator = drawInitialWeights() ? Generator.global().split() : new Generator(0);
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** Runs {@code call} with layer 0 reading tokens through {@code link} ({@link LookupRecurrent}, {@link RecurrentLM}). */
    final <T> T viaTokens(TokenInput link, java.util.function.Supplier<T> call) {
        tokenInput = link;
        try {
            return call.get();
        } finally {
            tokenInput = null;
        }
    }

    /** PyTorch's parameter name suffix: {@code _l<l>} and {@code _reverse} for direction 1. */
    static String suffix(int l, int d) { return "_l" + l + (d == 1 ? "_reverse" : ""); }

    public int inputSize() { return inputSize; }
    public int hiddenSize() { return hiddenSize; }
    public int numLayers() { return numLayers; }
    public boolean isBidirectional() { return dirs == 2; }
    public double dropout() { return dropout; }
    public boolean hasBias() { return withBias; }
    public boolean isMaskZero() { return maskZero; }

    /** W_ih of layer l, direction d (0 forward, 1 reverse): [G·H, I_l]. */
    public Tensor weightIh(int l, int d) { return param("weight_ih" + suffix(l, d)); }
    /** W_hh of layer l, direction d: [G·H, H]. */
    public Tensor weightHh(int l, int d) { return param("weight_hh" + suffix(l, d)); }
    /** b_ih of layer l, direction d: [G·H], or null without bias. */
    public Tensor biasIh(int l, int d) { return withBias ? param("bias_ih" + suffix(l, d)) : null; }
    /** b_hh of layer l, direction d: [G·H], or null without bias. */
    public Tensor biasHh(int l, int d) { return withBias ? param("bias_hh" + suffix(l, d)) : null; }

    /** Treats all-zero input rows as padding (see the class comment); returns this. */
    @SuppressWarnings("unchecked")
    public <M extends FusedRecurrent> M maskZero(boolean on) { maskZero = on; return (M) this; }

    /** Draws the dropout masks from a copy of {@code g}'s current state from now on; returns this. */
    @SuppressWarnings("unchecked")
    public <M extends FusedRecurrent> M generator(Generator g) {
        generator = Generator.restore(g.state());
        return (M) this;
    }

    /** Re-draws every parameter U(-1/√H, 1/√H) in place; returns this. */
    public FusedRecurrent reset(Generator g) {
        double stdv = 1 / Math.sqrt(hiddenSize);
        for (Tensor w : parameters().weights())
            w.copy(Tensor.rand(g, w.sizes()).mulInPlace(2 * stdv).subInPlace(stdv));
        return this;
    }

    @Override public FusedRecurrent clone() { return (FusedRecurrent) super.clone(); }

    /** How many state tensors the table input has besides x (1; 2 for the LSTM). */
    protected int stateCount() { return 1; }

    /** Whether b_hh is folded into the input projection (LSTM, RNN); the GRU keeps it in the hidden projection. */
    protected boolean foldHiddenBias() { return true; }

    /** Runs direction d of layer l forward through time: fills y's columns d·H.. of each step and s's states. */
    protected abstract void recur(int l, int d, Dir s, Tensor y, Tensor mask);

    /**
     * Runs direction d of layer l backward through time with dy (columns d·H.. are this direction's), s.dh and s.dc
     * holding ∂L/∂hN, ∂L/∂cN; fills s.dIh and s.dHh and leaves ∂L/∂h0 (∂L/∂c0) in s.dh (s.dc).
     */
    protected abstract void recurBack(int l, int d, Dir s, Tensor dy, Tensor mask);

    /** T of the last forward. */
    protected final int steps() { return steps; }
    /** Direction d's [T, B, H] feature block of y or dy [T, B, D·H]. */
    protected final Tensor cols(Tensor y, int d) { return y.narrow(2, d * hiddenSize, hiddenSize); }

    // ------------------------------------------------------------------------------------------- forward

    @Override public Activity updateOutput(Activity input) {
        Tensor[] in = inputs(input);
        Tensor x = in[0], like = weightIh(0, 0);
        steps = x.size(0);
        batch = x.size(1);
        int L = numLayers, hs = hiddenSize, gh = gates * hs;
        if (state == null || state.length != L * dirs) {
            state = new Dir[L * dirs];
            for (int i = 0; i < state.length; i++) state[i] = new Dir();
            layerIn = new Tensor[L];
            layerOut = new Tensor[L];
            dropMask = new Tensor[L];
            dIn = new Tensor[L];
        }
        boolean tokens = tokenInput != null;
        mask = !maskZero ? null : tokens ? tokenInput.mask(steps, batch) : x.abs().sum(2, false).ne(0);
        hN = reuse(hN, like, L * dirs, batch, hs);
        if (stateCount() == 2) cN = reuse(cN, like, L * dirs, batch, hs);
        for (int l = 0; l < L; l++) {
            Tensor xin = l == 0 ? x : layerOut[l - 1];
            if (l > 0 && train && dropout > 0) {
                dropMask[l] = reuse(dropMask[l], like, xin.sizes());
                like.backend().bernoulli(dropMask[l], 1 - dropout, generator);
                dropMask[l].mulInPlace(1 / (1 - dropout));
                layerIn[l] = xin.mul(dropMask[l], reuse(layerIn[l], like, xin.sizes()));
            } else {
                dropMask[l] = null;
                layerIn[l] = xin;
            }
            Tensor y = layerOut[l] = reuse(layerOut[l], like, steps, batch, dirs * hs);
            boolean fromTokens = l == 0 && tokens;
            Tensor x2 = fromTokens ? null : layerIn[l].reshape(steps * batch, layerIn[l].size(2));
            for (int d = 0; d < dirs; d++) {
                Dir s = state[l * dirs + d];
                s.proj = reuse(s.proj, like, steps, batch, gh);
                s.h = reuse(s.h, like, steps + 1, batch, hs);
                Tensor p2 = s.proj.view(steps * batch, gh), bias = null;
                if (withBias) {
                    bias = biasIh(l, d);
                    if (foldHiddenBias()) bias = biasIh(l, d).add(biasHh(l, d), s.bias = reuse(s.bias, like, gh));
                }
                if (fromTokens) {
                    s.emb = reuse(s.emb, like, tokenInput.table().size(0), gh);
                    tokenInput.project(weightIh(0, d), bias, s.emb, p2);
                } else {
                    if (bias != null) p2.copy(bias.expand(steps * batch, gh));
                    // W_ihᵀ packed once for all T·B rows (the cpu back end then packs only the rows of x)
                    s.wi = like.backend().pack(weightIh(l, d).t(), s.wi);
                    like.backend().gemmPacked(1, x2, s.wi, withBias ? 1 : 0, p2);
                }
                int row = l * dirs + d, first = d == 0 ? 0 : steps, last = d == 0 ? steps : 0;
                if (in.length > 1) s.h.select(0, first).copy(in[1].select(0, row));
                else s.h.select(0, first).fillInPlace(0);
                if (stateCount() == 2) {
                    s.c = reuse(s.c, like, steps + 1, batch, hs);
                    if (in.length > 2) s.c.select(0, first).copy(in[2].select(0, row));
                    else s.c.select(0, first).fillInPlace(0);
                }
                recur(l, d, s, y, mask);
                hN.select(0, row).copy(s.h.select(0, last));
                if (stateCount() == 2) cN.select(0, row).copy(s.c.select(0, last));
            }
        }
        bpttFresh = false;
        Tensor y = layerOut[L - 1];
        if (!tableIn) return y;
        return stateCount() == 2 ? Table.of(y, hN, cN) : Table.of(y, hN);
    }

    /** The input checked: {x} or {x, h0(, c0)}. */
    private Tensor[] inputs(Activity input) {
        int k = stateCount();
        String states = k == 2 ? "h0, c0" : "h0";
        String xs = tokenInput != null ? "tokens" : "x", want = (tokenInput != null ? "tokens I32 [T, B]"
                : "x [T, B, " + inputSize + "]") + " or a table {" + xs + ", " + states + " [" + numLayers * dirs
                + ", B, " + hiddenSize + "]}";
        Tensor[] r;
        if (input instanceof Tensor t) {
            r = new Tensor[] {t};
            tableIn = false;
        } else if (input instanceof Table tb && tb.size() == k + 1) {
            r = new Tensor[k + 1];
            for (int i = 0; i <= k; i++) r[i] = tb.tensor(i);
            tableIn = true;
        } else {
            throw new IllegalArgumentException(name() + ": expected " + want + ", got " + input);
        }
        Tensor x = r[0];
        if (tokenInput != null) tokenInput.tokens(x, name());
        boolean ok = tokenInput != null || x.dim() == 3 && x.size(2) == inputSize && x.size(0) > 0 && x.size(1) > 0;
        DType dtype = tokenInput != null ? weightIh(0, 0).dtype() : x.dtype();
        for (int i = 1; ok && i < r.length; i++) ok = r[i].dim() == 3 && r[i].size(0) == numLayers * dirs
                && r[i].size(1) == x.size(1) && r[i].size(2) == hiddenSize && r[i].dtype() == dtype;
        if (!ok) {
            StringBuilder got = new StringBuilder();
            for (Tensor t : r) got.append(got.isEmpty() ? "" : ", ").append(t.shape());
            throw new IllegalArgumentException(name() + ": expected " + want + " (T, B > 0, same dtype), got {" + got
                    + "}; a single sequence is [T, 1, " + inputSize + "]");
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------- backward

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        bptt(input, gradOutput, true);
        bpttFresh = true;
        Tensor dx = dIn[0];
        if (tokenInput != null) { // tokens get no gradient: a zero I32 tensor of their shape
            Tensor tok = input instanceof Table t ? t.tensor(0) : input.toTensor(name());
            dx = dTokens = reuse(dTokens, tok, tok.sizes());
        }
        if (!tableIn) return dx;
        return stateCount() == 2 ? Table.of(dx, dh0, dc0) : Table.of(dx, dh0);
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        if (!bpttFresh) bptt(input, gradOutput, false);
        bpttFresh = false;
        int n = steps * batch, gh = gates * hiddenSize;
        Tensor like = layerOut[0];
        if (withBias && (ones == null || ones.size(0) != n || ones.dtype() != like.dtype()
                || ones.backend() != like.backend())) ones = like.newZeros(n).fillInPlace(1);
        for (int l = 0; l < numLayers; l++) for (int d = 0; d < dirs; d++) {
            Dir s = state[l * dirs + d];
            String sx = suffix(l, d);
            Tensor dIh = s.dIh.view(n, gh), dHh = s.dHh == s.dIh ? dIh : s.dHh.view(n, gh);
            Tensor hPrev = s.h.narrow(0, d == 0 ? 0 : 1, steps).view(n, hiddenSize);
            if (l == 0 && tokenInput != null) { // ∂W_ih (and ∂E) from δ summed by token
                s.embDelta = reuse(s.embDelta, like, tokenInput.table().size(0), gh);
                tokenInput.accumulate(dIh, weightIh(0, d), grad("weight_ih" + sx), scale, s.embDelta);
                grad("weight_hh" + sx).addmmInPlace(1, scale, dHh.t(), hPrev);
            } else if (dHh == dIh) { // one left operand δᵀ for both: packed once
                Tensor x2 = layerIn[l].reshape(n, layerIn[l].size(2));
                like.backend().gemmPair(scale, dIh.t(), x2, hPrev, 1, grad("weight_ih" + sx), grad("weight_hh" + sx));
            } else {
                Tensor x2 = layerIn[l].reshape(n, layerIn[l].size(2));
                grad("weight_ih" + sx).addmmInPlace(1, scale, dIh.t(), x2);
                grad("weight_hh" + sx).addmmInPlace(1, scale, dHh.t(), hPrev);
            }
            if (withBias && dHh == dIh) { // both biases get Σ δ: one pass over δ
                s.bias = reuse(s.bias, like, gh).addmvInPlace(0, 1, dIh.t(), ones);
                grad("bias_ih" + sx).addInPlace(scale, s.bias);
                grad("bias_hh" + sx).addInPlace(scale, s.bias);
            } else if (withBias) {
                grad("bias_ih" + sx).addmvInPlace(1, scale, dIh.t(), ones);
                grad("bias_hh" + sx).addmvInPlace(1, scale, dHh.t(), ones);
            }
        }
    }

    /** Backward through time for every layer; ∂L/∂x into dIn[0] only when {@code inputGrad}. */
    private void bptt(Activity input, Activity gradOutput, boolean inputGrad) {
        requireForward("backward");
        int k = stateCount(), rows = numLayers * dirs, hs = hiddenSize, gh = gates * hs, n = steps * batch;
        Tensor like = layerOut[0];
        Tensor dy, dhN = null, dcN = null;
        String want = "gradOutput " + (tableIn ? "a table {dy [" + steps + ", " + batch + ", " + dirs * hs + "], dhN"
                + (k == 2 ? ", dcN" : "") + " [" + rows + ", " + batch + ", " + hs + "]}"
                : "dy [" + steps + ", " + batch + ", " + dirs * hs + "]");
        if (tableIn) {
            if (!(gradOutput instanceof Table t) || t.size() != k + 1) throw new IllegalArgumentException(name()
                    + ": expected " + want + ", got " + gradOutput);
            dy = t.tensor(0);
            dhN = t.tensor(1);
            if (k == 2) dcN = t.tensor(2);
        } else {
            dy = gradOutput.toTensor(name());
        }
        boolean ok = java.util.Arrays.equals(dy.sizes(), new int[] {steps, batch, dirs * hs});
        for (Tensor t : new Tensor[] {dhN, dcN}) ok &= t == null || java.util.Arrays.equals(t.sizes(), hN.sizes());
        if (!ok) throw new IllegalArgumentException(name() + ": expected " + want + ", got " + gradOutput);
        if (tableIn) {
            dh0 = reuse(dh0, like, rows, batch, hs);
            if (k == 2) dc0 = reuse(dc0, like, rows, batch, hs);
        }
        for (int l = numLayers - 1; l >= 0; l--) {
            for (int d = 0; d < dirs; d++) {
                Dir s = state[l * dirs + d];
                int row = l * dirs + d;
                s.dIh = reuse(s.dIh, like, steps, batch, gh);
                s.dHh = foldHiddenBias() ? s.dIh : reuse(s.dHh, like, steps, batch, gh);
                s.dh = reuse(s.dh, like, batch, hs);
                if (dhN != null) s.dh.copy(dhN.select(0, row));
                else s.dh.fillInPlace(0);
                if (k == 2) {
                    s.dc = reuse(s.dc, like, batch, hs);
                    if (dcN != null) s.dc.copy(dcN.select(0, row));
                    else s.dc.fillInPlace(0);
                }
                recurBack(l, d, s, dy, mask);
                if (tableIn) {
                    dh0.select(0, row).copy(s.dh);
                    if (k == 2) dc0.select(0, row).copy(s.dc);
                }
            }
            if (l == 0 && (!inputGrad || tokenInput != null)) break;
            int width = layerIn[l].size(2);
            dIn[l] = reuse(dIn[l], like, steps, batch, width);
            Tensor dx2 = dIn[l].view(n, width);
            for (int d = 0; d < dirs; d++)
                dx2.addmmInPlace(d == 0 ? 0 : 1, 1, state[l * dirs + d].dIh.view(n, gh), weightIh(l, d));
            if (dropMask[l] != null) dIn[l].mulInPlace(dropMask[l]);
            dy = dIn[l];
        }
    }

    @Override protected Module copy(boolean shareWeights, boolean shareGradients) {
        FusedRecurrent m = (FusedRecurrent) super.copy(shareWeights, shareGradients);
        m.generator = shareWeights ? generator.split() : Generator.restore(generator.state());
        return m;
    }

    @Override protected void clearOwnState() {
        state = null;
        layerIn = layerOut = dropMask = dIn = null;
        mask = ones = hN = cN = dh0 = dc0 = dTokens = null;
        tokenInput = null;
        bpttFresh = false;
    }

    /** The common part of the type names, e.g. {@code 10 -> 20, 2 layers, bidirectional}. */
    protected String describe() {
        return inputSize + " -> " + hiddenSize + (numLayers > 1 ? ", " + numLayers + " layers" : "")
                + (dirs == 2 ? ", bidirectional" : "") + (dropout > 0 ? ", dropout " + dropout : "")
                + (withBias ? "" : ", without bias") + (maskZero ? ", maskZero" : "");
    }
}
