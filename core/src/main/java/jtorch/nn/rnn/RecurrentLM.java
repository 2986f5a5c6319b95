package jtorch.nn.rnn;

import java.util.List;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * A recurrent language model run with explicit state, for truncated backpropagation through time and for generation.
 * The network is {@code Sequential(encoder, rnn, head...)}: the encoder maps tokens I32 [T, B] to [T, B, I] ({@link
 * OneHot} or {@link LookupTable}); the rnn takes the table {x, h0 [L, B, H]} (GRU, RNN) or {x, h0, c0} (LSTM) and
 * returns {y [T, B, H], hN, cN} (the fused modules' table form); the head (e.g. Linear(H, V) then LogSoftMax) is
 * applied to y viewed as [T·B, H], giving log-probabilities [T·B, V] whose row t·B + b predicts the token after
 * ids[t, b].
 * <p>{@link #forward} starts from the given state and keeps the final state ({@link #finalState}, a copy, detached);
 * {@link #backward} accumulates the parameter gradients of the last forward; no gradient flows into the initial state
 * (truncated BPTT: passing each batch's final state as the next batch's initial state trains an unbroken text in chunks).
 * A state is {@code stateTensors} tensors [L, B, H] (1: h; 2: h and c).
 * <p>When the encoder is a {@link LookupTable} or {@link OneHot}, the rnn a fused module, and the vocabulary no larger
 * than T·B, the two run fused as in {@link LookupRecurrent} (layer 0's input projection per vocabulary entry, cheaper
 * than per step only then; the same results up to the order of sums).
 */
public final class RecurrentLM {
    private final Sequential model;
    private final int layers, hidden, stateTensors;
    private final TokenInput link;
    private boolean fused;
    private Tensor ids, y2d;
    private Table rnnIn;
    private Tensor[] finalState;
    private Activity[] headIn;

    public RecurrentLM(Sequential model, int layers, int hidden, int stateTensors) {
        if (model.size() < 3) throw new IllegalArgumentException("RecurrentLM: expected Sequential(encoder, rnn, head...)"
                + " with at least 3 modules, got " + model);
        if (layers < 1 || hidden < 1 || stateTensors < 1 || stateTensors > 2) throw new IllegalArgumentException(
                "RecurrentLM: expected layers >= 1, hidden >= 1 and 1 or 2 state tensors, got " + layers + ", " + hidden
                        + ", " + stateTensors);
        this.model = model;
        this.layers = layers;
        this.hidden = hidden;
        this.stateTensors = stateTensors;
        Module enc = model.get(0);
        TokenInput t = enc instanceof LookupTable || enc instanceof OneHot ? new TokenInput(enc) : null;
        link = t != null && model.get(1) instanceof FusedRecurrent r && t.width() == r.inputSize() ? t : null;
    }

    /**
     * The wrapper for a network built as {@code Sequential(encoder, rnn, head...)} whose rnn is a fused module
     * ({@link LSTM}: state {h, c}; {@link GRU}, {@link RNN}: {h}); layers and hidden size are read from it (unidirectional only).
     */
    public static RecurrentLM of(Sequential model) {
        if (model.size() < 3 || !(model.get(1) instanceof FusedRecurrent r)) throw new IllegalArgumentException(
                "RecurrentLM.of: expected Sequential(encoder, fused rnn, head...), got " + model);
        if (r.isBidirectional()) throw new IllegalArgumentException("RecurrentLM.of: a language model reads left to right,"
                + " " + r.name() + " is bidirectional");
        return new RecurrentLM(model, r.numLayers(), r.hiddenSize(), r instanceof LSTM ? 2 : 1);
    }

    /**
     * char-rnn's model: Sequential(OneHot(V), LSTM(V, H, L), Linear(H, V), LogSoftMax), initialised as char-rnn does:
     * every parameter U(-0.08, 0.08) from {@code g}, then the input-side forget-gate biases ({@code bias_ih_l<l>} rows
     * H..2H) set to 1.
     */
    public static RecurrentLM charLstm(int vocab, int hidden, int layers, jtorch.tensor.Generator g) {
        LSTM rnn = new LSTM(vocab, hidden, layers);
        Sequential s = new Sequential().add(new OneHot(vocab)).add(rnn).add(new jtorch.nn.layer.Linear(hidden, vocab))
                .add(new jtorch.nn.activation.LogSoftMax());
        uniformInit(s, 0.08, g);
        for (int l = 0; l < layers; l++) rnn.biasIh(l, 0).narrow(0, hidden, hidden).fillInPlace(1);
        return of(s);
    }

    /**
     * char-rnn's GRU model: Sequential(OneHot(V), GRU(V, H, L), Linear(H, V), LogSoftMax), every parameter
     * U(-0.08, 0.08) from {@code g} (char-rnn's {@code -model gru}).
     */
    public static RecurrentLM charGru(int vocab, int hidden, int layers, jtorch.tensor.Generator g) {
        Sequential s = new Sequential().add(new OneHot(vocab)).add(new GRU(vocab, hidden, layers))
                .add(new jtorch.nn.layer.Linear(hidden, vocab)).add(new jtorch.nn.activation.LogSoftMax());
        uniformInit(s, 0.08, g);
        return of(s);
    }

    /** Every parameter of {@code m} drawn U(-a, a) from {@code g} in place (char-rnn's {@code params:uniform(-a, a)}). */
    public static void uniformInit(Module m, double a, jtorch.tensor.Generator g) {
        for (Tensor w : m.parameters().weights())
            w.copy(Tensor.rand(w.dtype(), g, w.sizes()).mulInPlace(2 * a).subInPlace(a));
    }

    /** The whole network. */
    public Sequential model() { return model; }
    public int layers() { return layers; }
    public int hidden() { return hidden; }

    /** A zero state for {@code batch} streams: {@code stateTensors} zero tensors [L, B, H] in the model's dtype. */
    public Tensor[] zeroState(int batch) {
        Tensor like = model.parameters().weights().getFirst();
        Tensor[] s = new Tensor[stateTensors];
        for (int i = 0; i < stateTensors; i++) s[i] = like.newZeros(layers, batch, hidden);
        return s;
    }

    /** Log-probabilities [T·B, V] for tokens {@code ids} I32 [T, B] from {@code state} (null: zeros). */
    public Tensor forward(Tensor ids, Tensor[] state) {
        if (ids.dim() != 2) throw new IllegalArgumentException("RecurrentLM: expected tokens I32 [T, B], got "
                + ids.dtype() + " " + ids.shape());
        int t = ids.size(0), b = ids.size(1);
        if (state == null) state = zeroState(b);
        if (state.length != stateTensors) throw new IllegalArgumentException("RecurrentLM: expected " + stateTensors
                + " state tensors [" + layers + ", " + b + ", " + hidden + "], got " + state.length);
        for (Tensor s : state) if (s.dim() != 3 || s.size(0) != layers || s.size(1) != b || s.size(2) != hidden)
            throw new IllegalArgumentException("RecurrentLM: expected state [" + layers + ", " + b + ", " + hidden
                    + "], got " + s.shape());
        this.ids = ids;
        fused = link != null && link.table().size(0) <= ids.numel();
        Tensor x = fused ? ids : model.get(0).forward(ids).toTensor("RecurrentLM encoder");
        rnnIn = stateTensors == 1 ? Table.of(x, state[0]) : Table.of(x, state[0], state[1]);
        Activity out = linked(() -> model.get(1).forward(rnnIn));
        if (!(out instanceof Table o) || o.size() != stateTensors + 1) throw new IllegalArgumentException("RecurrentLM: "
                + model.get(1).name() + " returned " + out + " for a table input, expected {y, hN" + (stateTensors == 2
                ? ", cN}" : "}"));
        finalState = new Tensor[stateTensors];
        for (int i = 0; i < stateTensors; i++) finalState[i] = o.tensor(i + 1).clone();
        y2d = o.tensor(0).reshape(t * b, hidden);
        List<Module> m = model.children();
        headIn = new Activity[m.size() - 2];
        Activity a = y2d;
        for (int i = 2; i < m.size(); i++) {
            headIn[i - 2] = a;
            a = m.get(i).forward(a);
        }
        return a.toTensor("RecurrentLM head");
    }

    /** The last forward's final state (copies, so later calls do not change them; no gradient flows through them). */
    public Tensor[] finalState() {
        if (finalState == null) throw new IllegalStateException("RecurrentLM.finalState: no forward yet");
        return finalState.clone();
    }

    /** Accumulates the parameter gradients for {@code gradOutput} [T·B, V] of the last forward. */
    public void backward(Tensor gradOutput) {
        if (ids == null) throw new IllegalStateException("RecurrentLM.backward: no forward yet");
        List<Module> m = model.children();
        Activity g = gradOutput;
        for (int i = m.size() - 1; i >= 2; i--) g = m.get(i).backward(headIn[i - 2], g);
        Tensor gy = g.toTensor("RecurrentLM head gradient").reshape(ids.size(0), ids.size(1), hidden);
        Activity[] grads = new Activity[stateTensors + 1];
        grads[0] = gy;
        for (int i = 0; i < stateTensors; i++) grads[i + 1] = rnnIn.tensor(i + 1).zerosLike();
        Activity gx = linked(() -> model.get(1).backward(rnnIn, Table.of(grads)));
        if (!fused) model.get(0).backward(ids, ((Table) gx).get(0));
    }

    /** Runs {@code call} with the rnn reading tokens through the encoder when the last forward was fused. */
    private Activity linked(java.util.function.Supplier<Activity> call) {
        return fused ? ((FusedRecurrent) model.get(1)).viaTokens(link, call) : call.get();
    }
}
