package jtorch.examples;

import java.util.ArrayList;
import java.util.List;
import jtorch.nn.Sequential;
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
 * the carry they make) reaches step t:
 * <pre>
 *   source tokens s [Ts, B] → LookupTable(V_in, E) → bidirectional LSTM(E, H)                → keys/values k [Ts, B, 2H]
 *   e_t = LookupTable(V_in + 1, E)(d_t)      (d = GO, y_1 .. y_{Tt-1})
 *   {h_t, c_t} = LSTMCell(E + H, H)([e_t ; h̃_{t-1}], h_{t-1}, c_{t-1})          (h_{-1} = c_{-1} = h̃_{-1} = 0)
 *   context_t = AdditiveAttention(H, 2H, H)(h_t, k, k)       h̃_t = tanh(Linear(3H, H)([h_t ; context_t]))
 *   logits [Tt·B, V_out] = Linear(H, V_out)(h̃)                                             (row t·B + b)
 * </pre>
 * The decoder runs step by step (one shared clone of the cell, attention and combination per step), backward
 * through time by hand: ∂h̃_t = ∂logits-part + the h̃ half of step t+1's cell input gradient; ∂h_t = the combination's
 * h part + the attention's query gradient + step t+1's ∂h; the encoder gets every step's key and value gradients.
 * {@link #all} holds every module once (for the flat parameters); it is never run as a whole.
 */
final class Seq2SeqFeedModel implements Seq2SeqNet {
    final int embed, hidden;
    final LookupTable encEmb, decEmb;
    final LSTM enc;
    final LSTMCell cell;
    final AdditiveAttention att;
    final Sequential comb;
    final Linear out;
    final Sequential all;
    private final List<Step> steps = new ArrayList<>();
    private Tensor src, decIn, encX, encY, decX, hTilde, weights;

    /** One decoder step's modules (shared clones) and inputs. */
    private record Step(LSTMCell cell, AdditiveAttention att, Sequential comb, Table cellIn, Table attIn, Tensor combIn) {}

    /** @param inputs the source vocabulary V_in (the decoder's adds one GO token, index V_in) */
    Seq2SeqFeedModel(int inputs, int outputs, int embed, int hidden) {
        this.embed = embed;
        this.hidden = hidden;
        encEmb = new LookupTable(inputs, embed);
        decEmb = new LookupTable(inputs + 1, embed);
        enc = new LSTM(embed, hidden, 1, true, 0, true);
        cell = new LSTMCell(embed + hidden, hidden);
        att = new AdditiveAttention(hidden, 2 * hidden, hidden);
        comb = new Sequential().add(new Linear(3 * hidden, hidden)).add(new Tanh());
        out = new Linear(hidden, outputs);
        all = new Sequential().add(encEmb).add(enc).add(decEmb).add(cell).add(att).add(comb).add(out);
    }

    @Override public Sequential all() { return all; }

    @Override public Tensor forward(Tensor s, Tensor d) {
        src = s;
        decIn = d;
        encX = encEmb.forward(s).toTensor("source embedding");
        encY = enc.forward(encX).toTensor("encoder output");
        decX = decEmb.forward(d).toTensor("decoder embedding");
        int tt = d.size(0), b = d.size(1), ts = s.size(0);
        while (steps.size() < tt) steps.add(null);
        hTilde = Tensor.zeros(tt, b, hidden);
        weights = Tensor.zeros(b, tt, ts);
        Tensor h = Tensor.zeros(b, hidden), c = Tensor.zeros(b, hidden), prev = Tensor.zeros(b, hidden);
        for (int t = 0; t < tt; t++) {
            Step old = steps.get(t);
            LSTMCell ce = old != null ? old.cell : t == 0 ? cell : cell.sharedClone(true);
            AdditiveAttention at = old != null ? old.att : t == 0 ? att : att.sharedClone(true);
            Sequential co = old != null ? old.comb : t == 0 ? comb : comb.sharedClone(true);
            Tensor x = Tensor.zeros(b, embed + hidden);
            x.narrow(1, 0, embed).copy(decX.select(0, t));
            x.narrow(1, embed, hidden).copy(prev);
            Table cellIn = Table.of(x, h, c);
            Table hc = (Table) ce.forward(cellIn);
            h = hc.tensor(0);
            c = hc.tensor(1);
            Table attIn = Table.of(h.view(1, b, hidden), encY, encY);
            Tensor ctx = ((Table) at.forward(attIn)).tensor(0);
            weights.narrow(1, t, 1).copy(at.attentionWeights());
            Tensor z = Tensor.zeros(b, 3 * hidden);
            z.narrow(1, 0, hidden).copy(h);
            z.narrow(1, hidden, 2 * hidden).copy(ctx.view(b, 2 * hidden));
            prev = co.forward(z).toTensor("attentional state");
            hTilde.select(0, t).copy(prev);
            steps.set(t, new Step(ce, at, co, cellIn, attIn, z));
        }
        return out.forward(hTilde.view(tt * b, hidden)).toTensor("logits");
    }

    @Override public void backward(Tensor gradLogits) {
        int tt = decIn.size(0), b = decIn.size(1), ts = src.size(0);
        Tensor gHt = out.backward(hTilde.view(tt * b, hidden), gradLogits).toTensor("gradient").view(tt, b, hidden);
        Tensor gEnc = Tensor.zeros(ts, b, 2 * hidden), gDecX = Tensor.zeros(tt, b, embed);
        Tensor gPrev = Tensor.zeros(b, hidden), gh = Tensor.zeros(b, hidden), gc = Tensor.zeros(b, hidden);
        Tensor noWeightGrad = Tensor.zeros(b, 1, ts);
        for (int t = tt - 1; t >= 0; t--) {
            Step s = steps.get(t);
            Tensor gz = s.comb.backward(s.combIn, gHt.select(0, t).add(gPrev)).toTensor("gradient");
            Tensor gCtx = gz.narrow(1, hidden, 2 * hidden).contiguous().view(1, b, 2 * hidden);
            Table ga = (Table) s.att.backward(s.attIn, Table.of(gCtx, noWeightGrad));
            gEnc.addInPlace(ga.tensor(1)).addInPlace(ga.tensor(2));
            Tensor ghAll = gz.narrow(1, 0, hidden).contiguous().addInPlace(ga.tensor(0).view(b, hidden)).addInPlace(gh);
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

    @Override public Tensor weights() { return weights; }
}
