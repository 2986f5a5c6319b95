package jtorch.examples;

import jtorch.nn.Sequential;
import jtorch.nn.activation.Tanh;
import jtorch.nn.attention.AdditiveAttention;
import jtorch.nn.layer.Linear;
import jtorch.nn.rnn.LSTM;
import jtorch.nn.rnn.LookupTable;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * An encoder–decoder with additive (Bahdanau) attention, in Luong's "global attention" arrangement:
 * <pre>
 *   source tokens s [Ts, B] → LookupTable(V_in, E) → bidirectional LSTM(E, H)          → keys/values k [Ts, B, 2H]
 *   decoder tokens d [Tt, B] (GO, y_1 .. y_{Tt-1}) → LookupTable(V_in + 1, E) → LSTM(E, H) → queries q [Tt, B, H]
 *   {context [Tt, B, 2H], weights a [B, Tt, Ts]} = AdditiveAttention(H, 2H, H)(q, k, k)
 *   logits [Tt·B, V_out] = Linear(H, V_out)(tanh(Linear(3H, H)([q ; context])))     (row t·B + b)
 * </pre>
 * The decoder starts from a zero state, so everything it learns about the source comes through the attention. The
 * decoder's state does not depend on the attention (no input feeding), so training runs every step at once (teacher
 * forcing) and greedy decoding re-runs the decoder on the growing prefix. {@link #all} holds every module (for the
 * flat parameters); it is never run as a whole.
 */
final class Seq2SeqModel implements Seq2SeqNet {
    final int hidden, outputs;
    final LookupTable encEmb, decEmb;
    final LSTM enc, dec;
    final AdditiveAttention att;
    final Sequential head;
    final Sequential all;
    private Tensor src, decIn, encX, encY, decX, decY, z;
    private Table attIn;

    /** @param inputs the source vocabulary V_in (the decoder's adds one GO token, index V_in) */
    Seq2SeqModel(int inputs, int outputs, int embed, int hidden) {
        this.hidden = hidden;
        this.outputs = outputs;
        encEmb = new LookupTable(inputs, embed);
        decEmb = new LookupTable(inputs + 1, embed);
        enc = new LSTM(embed, hidden, 1, true, 0, true);
        dec = new LSTM(embed, hidden);
        att = new AdditiveAttention(hidden, 2 * hidden, hidden);
        head = new Sequential().add(new Linear(3 * hidden, hidden)).add(new Tanh()).add(new Linear(hidden, outputs));
        all = new Sequential().add(encEmb).add(enc).add(decEmb).add(dec).add(att).add(head);
    }

    @Override public Sequential all() { return all; }

    @Override public Tensor forward(Tensor s, Tensor d) {
        src = s;
        decIn = d;
        encX = encEmb.forward(s).toTensor("source embedding");
        encY = enc.forward(encX).toTensor("encoder output");
        decX = decEmb.forward(d).toTensor("decoder embedding");
        decY = dec.forward(decX).toTensor("decoder output");
        attIn = Table.of(decY, encY, encY);
        Tensor ctx = ((Table) att.forward(attIn)).tensor(0);
        int tt = d.size(0), b = d.size(1);
        z = Tensor.zeros(tt, b, 3 * hidden);
        z.narrow(2, 0, hidden).copy(decY);
        z.narrow(2, hidden, 2 * hidden).copy(ctx);
        return head.forward(z.view(tt * b, 3 * hidden)).toTensor("logits");
    }

    @Override public void backward(Tensor gradLogits) {
        int tt = decIn.size(0), b = decIn.size(1), ts = src.size(0);
        Tensor gz = head.backward(z.view(tt * b, 3 * hidden), gradLogits).toTensor("gradient").view(tt, b, 3 * hidden);
        Tensor gCtx = gz.narrow(2, hidden, 2 * hidden).contiguous();
        Table g = (Table) att.backward(attIn, Table.of(gCtx, Tensor.zeros(b, tt, ts)));
        Tensor gDec = gz.narrow(2, 0, hidden).contiguous().add(g.tensor(0));
        Tensor gEnc = g.tensor(1).add(g.tensor(2));
        decEmb.backward(decIn, dec.backward(decX, gDec));
        encEmb.backward(src, enc.backward(encX, gEnc));
    }

    @Override public Tensor weights() { return att.attentionWeights(); }
}
