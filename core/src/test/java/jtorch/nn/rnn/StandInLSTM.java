package jtorch.nn.rnn;

import java.util.ArrayList;
import java.util.List;
import jtorch.nn.Container;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * A slow test double with the fused LSTM's table API ({x [T, B, I], h0 [L, B, H], c0 [L, B, H]} -> {y [T, B, H], hN,
 * cN}), unrolled from {@link LSTMCell}s (one shared clone per step and layer): lets the language-model code be tested
 * without the fused module. Not registered (cannot be saved).
 */
final class StandInLSTM extends Container {
    private final int layers, hidden;
    private final List<List<LSTMCell>> steps = new ArrayList<>();
    private final List<List<Table>> inputs = new ArrayList<>();

    StandInLSTM(int input, int hidden, int layers) {
        this.layers = layers;
        this.hidden = hidden;
        for (int l = 0; l < layers; l++) add(new LSTMCell(l == 0 ? input : hidden, hidden));
    }

    private LSTMCell cell(int l, int t) {
        while (steps.size() <= l) steps.add(new ArrayList<>());
        List<LSTMCell> s = steps.get(l);
        while (s.size() <= t) s.add(((LSTMCell) get(l)).sharedClone(true));
        return s.get(t);
    }

    @Override public Activity updateOutput(Activity input) {
        Table in = (Table) input;
        Tensor x = in.tensor(0), h0 = in.tensor(1), c0 = in.tensor(2);
        int tn = x.size(0), b = x.size(1);
        Tensor hN = h0.newZeros(layers, b, hidden), cN = h0.newZeros(layers, b, hidden);
        inputs.clear();
        Tensor cur = x;
        for (int l = 0; l < layers; l++) {
            List<Table> ins = new ArrayList<>();
            Tensor y = x.newZeros(tn, b, hidden), h = h0.select(0, l).clone(), c = c0.select(0, l).clone();
            for (int t = 0; t < tn; t++) {
                Table ti = Table.of(cur.select(0, t).clone(), h, c);
                ins.add(ti);
                Table o = (Table) cell(l, t).forward(ti);
                h = o.tensor(0).clone();
                c = o.tensor(1).clone();
                y.select(0, t).copy(h);
            }
            hN.select(0, l).copy(h);
            cN.select(0, l).copy(c);
            inputs.add(ins);
            cur = y;
        }
        return Table.of(cur, hN, cN);
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        return backward(input, gradOutput, 1);
    }

    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        Table g = (Table) gradOutput;
        Tensor gy = g.tensor(0).clone();
        Tensor x = ((Table) input).tensor(0);
        int tn = x.size(0), b = x.size(1);
        Tensor gh0 = gy.newZeros(layers, b, hidden), gc0 = gy.newZeros(layers, b, hidden), gx = null;
        for (int l = layers - 1; l >= 0; l--) {
            Tensor dh = g.tensor(1).select(0, l).clone(), dc = g.tensor(2).select(0, l).clone();
            Tensor below = inputs.get(l).get(0).tensor(0).newZeros(tn, b, inputs.get(l).get(0).tensor(0).size(1));
            for (int t = tn - 1; t >= 0; t--) {
                Table gi = (Table) cell(l, t).backward(inputs.get(l).get(t), Table.of(dh.add(gy.select(0, t)), dc), scale);
                below.select(0, t).copy(gi.tensor(0));
                dh = gi.tensor(1).clone();
                dc = gi.tensor(2).clone();
            }
            gh0.select(0, l).copy(dh);
            gc0.select(0, l).copy(dc);
            gy = below;
            gx = below;
        }
        gradInput = Table.of(gx, gh0, gc0);
        return gradInput;
    }
}
