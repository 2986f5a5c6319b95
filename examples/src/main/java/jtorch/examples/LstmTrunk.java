package jtorch.examples;

import jtorch.nn.Module;
import jtorch.nn.rnn.LSTM;
import jtorch.nn.rnn.LookupTable;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * The recurrent trunk of {@link WordLanguageModel}: tokens [T, B] → LookupTable(V, E) → LSTM(E, H) → h [T·B, H],
 * with the state carried from one chunk of T words to the next (truncated backpropagation through time: the state
 * enters the next chunk as a constant, so no gradient flows into the previous chunk). The text is laid out as B
 * parallel streams ({@link #streams}), each a contiguous 1/B of it, as in PyTorch's word_language_model.
 */
final class LstmTrunk implements LmTrunk {
    final LookupTable embed;
    final LSTM lstm;
    private final int hidden, bptt, streams, limit;
    private final Tensor train, valid; // [rows, B] streams
    private Tensor h, c; // carried state [1, B, H]
    private Table in; // the last forward's LSTM input
    private Tensor x; // the last forward's tokens

    private Tensor target;

    /** B = {@code streams} parallel streams, chunks of {@code bptt} words; {@code limit} caps the words per epoch. */
    LstmTrunk(WordCorpus c, int embedSize, int hidden, int bptt, int streams, int limit, int validLimit) {
        this.embed = new LookupTable(c.size(), embedSize);
        this.lstm = new LSTM(embedSize, hidden);
        this.hidden = hidden;
        this.bptt = bptt;
        this.streams = streams;
        this.limit = limit;
        this.train = streams(c.train, streams);
        int[] v = validLimit > 0 ? java.util.Arrays.copyOf(c.valid, Math.min(validLimit, c.valid.length)) : c.valid;
        this.valid = streams(v, Math.min(streams, v.length / 2));
    }

    @Override public Module[] modules() { return new Module[] {embed, lstm}; }

    @Override public int startEpoch(int e) {
        resetState(streams);
        int steps = (train.size(0) - 1) / bptt;
        return limit > 0 ? Math.min(steps, Math.max(1, limit / (bptt * streams))) : steps;
    }

    @Override public Tensor forward(int i) {
        target = train.narrow(0, i * bptt + 1, bptt).contiguous().view(bptt * streams);
        return forward(train.narrow(0, i * bptt, bptt).contiguous());
    }

    @Override public Tensor target() { return target; }

    @Override public double[] validate(OutputLayers.Layer head) {
        int b = valid.size(1), rows = valid.size(0);
        resetState(b);
        double sum = 0;
        long n = 0;
        for (int s = 0; s + 1 < rows; s += bptt) {
            int t = Math.min(bptt, rows - 1 - s);
            Tensor h = forward(valid.narrow(0, s, t).contiguous()).clone();
            sum += head.logProb(h, valid.narrow(0, s + 1, t).contiguous().view(t * b)).sum();
            n += (long) t * b;
        }
        return new double[] {sum, n};
    }

    /** ids as B streams: [⌊n / B⌋, B] I32 with column j = ids[j·⌊n/B⌋, (j+1)·⌊n/B⌋). */
    static Tensor streams(int[] ids, int b) {
        int rows = ids.length / b;
        int[] out = new int[rows * b];
        for (int j = 0; j < b; j++) for (int r = 0; r < rows; r++) out[r * b + j] = ids[j * rows + r];
        return Tensor.of(out, rows, b);
    }

    /** Zero state for a batch of b streams (the start of an epoch or of the validation text). */
    void resetState(int b) {
        h = Tensor.zeros(1, b, hidden);
        c = Tensor.zeros(1, b, hidden);
    }

    /** h [T·B, H] for tokens [T, B]; the final state becomes the next chunk's initial state. */
    Tensor forward(Tensor tokens) {
        x = tokens;
        Tensor e = (Tensor) embed.forward(tokens);
        in = Table.of(e, h, c);
        Table out = (Table) lstm.forward(in);
        Tensor y = out.tensor(0);
        h = out.tensor(1).clone();
        c = out.tensor(2).clone();
        return y.view(tokens.size(0) * tokens.size(1), hidden);
    }

    /** Backward of the last forward from ∂L/∂h [T·B, H] (no gradient into the carried state). */
    @Override public void backward(Tensor gradHidden) {
        int t = x.size(0), b = x.size(1);
        Table g = (Table) lstm.backward(in, Table.of(gradHidden.view(t, b, hidden), h.zerosLike(), c.zerosLike()));
        embed.backward(x, g.tensor(0));
    }
}
