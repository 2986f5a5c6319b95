package jtorch.examples;

import java.util.ArrayList;
import java.util.List;
import jtorch.nn.Sequential;
import jtorch.nn.activation.ReLU;
import jtorch.nn.activation.Tanh;
import jtorch.nn.attention.AdditiveAttention;
import jtorch.nn.layer.Linear;
import jtorch.nn.rnn.LSTM;
import jtorch.nn.rnn.LSTMCell;
import jtorch.nn.rnn.LookupTable;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * An encoder–decoder with additive attention and Luong's input feeding: the decoder's LSTM reads, besides the previous
 * token, its own previous attentional state h̃, so what it attended to at step t-1 (for addition: the two digits and
 * the carry they make) reaches step t. With K attention heads (K separate {@link AdditiveAttention}s; addition needs
 * two positions at once, one digit of each number):
 * <pre>
 *   source tokens s [Ts, B] → LookupTable(V_in, E) → bidirectional LSTM(E, H)                → keys/values k [Ts, B, 2H]
 *   e_t = LookupTable(V_in + 1, E)(d_t)      (d = GO, y_1 .. y_{Tt-1})
 *   {h_t, c_t} = LSTMCell(E + H, H)([e_t ; h̃_{t-1}], h_{t-1}, c_{t-1})          (h_{-1} = c_{-1} = h̃_{-1} = 0)
 *   context_t^i = AdditiveAttention_i(H, 2H, H)(h_t, k, k)     h̃_t = tanh(Linear((1 + 2K)H, H)([h_t ; context_t^1..K]))
 *   logits [Tt·B, V_out] = Linear(H, V_out)(h̃)   or, deep, Linear(H, V_out)(ReLU(Linear(H, H)(h̃)))   (row t·B + b)
 * </pre>
 * The decoder runs step by step (shared clones of the cell, the attentions and the combination per step), backward
 * through time by hand: ∂h̃_t = the output layer's part + the h̃ half of step t+1's cell input gradient; ∂h_t = the
 * combination's h part + the attentions' query gradients + step t+1's ∂h; the encoder gets every step's key and value
 * gradients. {@link #all} holds every module once (for the flat parameters); it is never run as a whole.
 */
final class Seq2SeqFeedModel implements Seq2SeqNet {
    final int embed, hidden, heads;
    final LookupTable encEmb, decEmb;
    final LSTM enc;
    final LSTMCell cell;
    final List<AdditiveAttention> att = new ArrayList<>();
    final Sequential comb, out, all;
    private final List<Step> steps = new ArrayList<>();
    private Tensor src, decIn, encY, encX, decX, hTilde, weights;

    /** One decoder step's modules (shared clones) and inputs. */
    private record Step(LSTMCell cell, List<AdditiveAttention> att, Sequential comb, Table cellIn, Table attIn, Tensor combIn) {}

    /**
     * @param inputs the source vocabulary V_in (the decoder's adds one GO token, index V_in)
     * @param heads K attention heads
     * @param deep a hidden ReLU layer in the output
     */
    Seq2SeqFeedModel(int inputs, int outputs, int embed, int hidden, int heads, boolean deep) {
        this.embed = embed;
        this.hidden = hidden;
        this.heads = heads;
        encEmb = new LookupTable(inputs, embed);
        decEmb = new LookupTable(inputs + 1, embed);
        enc = new LSTM(embed, hidden, 1, true, 0, true);
        cell = new LSTMCell(embed + hidden, hidden);
        for (int i = 0; i < heads; i++) att.add(new AdditiveAttention(hidden, 2 * hidden, hidden));
        comb = new Sequential().add(new Linear((1 + 2 * heads) * hidden, hidden)).add(new Tanh());
        out = deep ? new Sequential().add(new Linear(hidden, hidden)).add(new ReLU()).add(new Linear(hidden, outputs))
                : new Sequential().add(new Linear(hidden, outputs));
        all = new Sequential().add(encEmb).add(enc).add(decEmb).add(cell);
        for (AdditiveAttention a : att) all.add(a);
        all.add(comb).add(out);
    }

    @Override public Sequential all() { return all; }

    private Step step(int t) {
        Step old = steps.get(t);
        if (old != null) return old;
        List<AdditiveAttention> a = new ArrayList<>();
        for (AdditiveAttention x : att) a.add(t == 0 ? x : x.sharedClone(true));
        return new Step(t == 0 ? cell : cell.sharedClone(true), a, t == 0 ? comb : comb.sharedClone(true), null, null, null);
    }

    @Override public Tensor forward(Tensor s, Tensor d) {
        src = s;
        decIn = d;
        encX = encEmb.forward(s).toTensor("source embedding");
        encY = enc.forward(encX).toTensor("encoder output");
        decX = decEmb.forward(d).toTensor("decoder embedding");
        int tt = d.size(0), b = d.size(1), ts = s.size(0), w = (1 + 2 * heads) * hidden;
        while (steps.size() < tt) steps.add(null);
        hTilde = encY.newZeros(tt, b, hidden);                    // buffers in the model's dtype (F32, or F64 in tests)
        weights = encY.newZeros(b, tt, ts);
        Tensor h = encY.newZeros(b, hidden), c = encY.newZeros(b, hidden), prev = encY.newZeros(b, hidden);
        for (int t = 0; t < tt; t++) {
            Step m = step(t);
            Tensor x = encY.newZeros(b, embed + hidden);
            x.narrow(1, 0, embed).copy(decX.select(0, t));
            x.narrow(1, embed, hidden).copy(prev);
            Table cellIn = Table.of(x, h, c);
            Table hc = (Table) m.cell.forward(cellIn);
            h = hc.tensor(0);
            c = hc.tensor(1);
            Table attIn = Table.of(h.view(1, b, hidden), encY, encY);
            Tensor z = encY.newZeros(b, w);
            z.narrow(1, 0, hidden).copy(h);
            for (int i = 0; i < heads; i++) {
                Tensor ctx = ((Table) m.att.get(i).forward(attIn)).tensor(0);
                z.narrow(1, (1 + 2 * i) * hidden, 2 * hidden).copy(ctx.view(b, 2 * hidden));
            }
            weights.narrow(1, t, 1).copy(m.att.getFirst().attentionWeights());
            prev = m.comb.forward(z).toTensor("attentional state");
            hTilde.select(0, t).copy(prev);
            steps.set(t, new Step(m.cell, m.att, m.comb, cellIn, attIn, z));
        }
        return out.forward(hTilde.view(tt * b, hidden)).toTensor("logits");
    }

    @Override public void backward(Tensor gradLogits) {
        int tt = decIn.size(0), b = decIn.size(1), ts = src.size(0);
        Tensor gHt = out.backward(hTilde.view(tt * b, hidden), gradLogits).toTensor("gradient").view(tt, b, hidden);
        Tensor gEnc = gHt.newZeros(ts, b, 2 * hidden), gDecX = gHt.newZeros(tt, b, embed);
        Tensor gPrev = gHt.newZeros(b, hidden), gh = gHt.newZeros(b, hidden), gc = gHt.newZeros(b, hidden);
        Tensor noWeightGrad = gHt.newZeros(b, 1, ts);
        for (int t = tt - 1; t >= 0; t--) {
            Step s = steps.get(t);
            Tensor gz = s.comb.backward(s.combIn, gHt.select(0, t).add(gPrev)).toTensor("gradient");
            Tensor ghAll = gz.narrow(1, 0, hidden).contiguous().addInPlace(gh);
            for (int i = 0; i < heads; i++) {
                Tensor gCtx = gz.narrow(1, (1 + 2 * i) * hidden, 2 * hidden).contiguous().view(1, b, 2 * hidden);
                Table ga = (Table) s.att.get(i).backward(s.attIn, Table.of(gCtx, noWeightGrad));
                gEnc.addInPlace(ga.tensor(1)).addInPlace(ga.tensor(2));
                ghAll.addInPlace(ga.tensor(0).view(b, hidden));
            }
            Table gx = (Table) s.cell.backward(s.cellIn, Table.of(ghAll, gc));
            Tensor dx = gx.tensor(0);
            gDecX.select(0, t).copy(dx.narrow(1, 0, embed));
            gPrev = dx.narrow(1, embed, hidden).contiguous();
            gh = gx.tensor(1);
            gc = gx.tensor(2);
        }
        decEmb.backward(decIn, gDecX);
        encEmb.backward(src, enc.backward(encX, gEnc));
    }

    /** The first head's attention weights [B, Tt, Ts] of the last forward. */
    @Override public Tensor weights() { return weights; }
}
