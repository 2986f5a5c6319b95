package jtorch.nn.rnn;

import static jtorch.nn.rnn.SequencerTest.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.nn.Jacobian;
import jtorch.nn.Sequential;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RecurrenceTest {

    @Test void unrollsTheCell() {
        RNNCell cell = new RNNCell(3, 2).to(DType.F64);
        Recurrence r = Recurrence.of(cell);
        Tensor x = randn(1, 4, 2, 3);
        Tensor y = r.forward(x);
        RNNCell ref = cell.clone();
        Tensor h = x.newZeros(2, 2);
        for (int t = 0; t < 4; t++) {
            h = ref.forward(Table.of(x.select(0, t).contiguous(), h)).tensor().clone();
            assertEquals(0, y.select(0, t).sub(h).abs().max(), 1e-15);
        }
        assertEquals(cell.parameters().weights().size(), r.parameters().weights().size());
    }

    @Test void jacobiansThroughTime() {
        Jacobian.check(Recurrence.of(new RNNCell(3, 2)).to(DType.F64), randn(2, 4, 2, 3)).assertBelow(Jacobian.TOLERANCE);
        Jacobian.check(Recurrence.of(new GRUCell(3, 2)).to(DType.F64), randn(3, 3, 2, 3)).assertBelow(Jacobian.TOLERANCE);
        // explicit initial state in, final state out: the gradients w.r.t. h0, c0 and from hN, cN are checked too
        Jacobian.check(Recurrence.of(new LSTMCell(3, 2)).to(DType.F64),
                Table.of(randn(4, 3, 2, 3), randn(5, 2, 2), randn(6, 2, 2))).assertBelow(Jacobian.TOLERANCE);
        // a two-layer stack of cells
        Jacobian.check(new Sequential(Recurrence.of(new LSTMCell(3, 2)), Recurrence.of(new GRUCell(2, 3))).to(DType.F64),
                randn(7, 3, 2, 3)).assertBelow(Jacobian.TOLERANCE);
    }

    /** Any module taking {x_t, h} to h' is a step module: an Elman RNN built from JoinTable, Linear and Tanh. */
    @Test void aStepModuleBuiltFromParts() {
        jtorch.nn.layer.Linear l = new jtorch.nn.layer.Linear(5, 2);
        Recurrence r = new Recurrence(new Sequential(new jtorch.nn.table.JoinTable(1), l, new jtorch.nn.activation.Tanh()), 2)
                .to(DType.F64);
        Tensor x = randn(24, 4, 3, 3);
        Jacobian.check(r, x).assertBelow(Jacobian.TOLERANCE);
        RNNCell cell = new RNNCell(3, 2, true, false).to(DType.F64);
        cell.weightIh().copy(l.weight().narrow(1, 0, 3));
        cell.weightHh().copy(l.weight().narrow(1, 3, 2));
        cell.biasIh().copy(l.bias());
        cell.biasHh().fillInPlace(0);
        assertEquals(0, r.forward(x).sub(Recurrence.of(cell).forward(x)).abs().max(), 1e-14);
    }

    /** x [T, B, I] with the rows x[t, b] for t &gt;= len[b] all zero. */
    static Tensor padded(long seed, int[] len, int t, int features) {
        Tensor x = randn(seed, t, len.length, features);
        for (int b = 0; b < len.length; b++) for (int s = len[b]; s < t; s++) x.select(0, s).select(0, b).fillInPlace(0);
        return x;
    }

    @Test void maskZeroKeepsTheStateAndZeroesOutputAndGradient() {
        int[] len = {4, 2, 1};
        Tensor x = padded(8, len, 4, 3);
        Recurrence r = Recurrence.of(new LSTMCell(3, 2)).maskZero(true).to(DType.F64);
        Table out = (Table) r.forward(Table.of(x, x.newZeros(3, 2), x.newZeros(3, 2)));
        Tensor y = out.tensor(0), hN = out.tensor(1);
        Recurrence plain = Recurrence.of(((LSTMCell) r.module()).clone());
        for (int b = 0; b < len.length; b++) {
            Tensor xb = x.narrow(1, b, 1).narrow(0, 0, len[b]).contiguous();
            Table ob = (Table) plain.forward(Table.of(xb, x.newZeros(1, 2), x.newZeros(1, 2)));
            assertEquals(0, ob.tensor(1).select(0, 0).sub(hN.select(0, b)).abs().max(), 1e-14, "final state of " + b);
            assertEquals(0, ob.tensor(0).select(1, 0).sub(y.narrow(0, 0, len[b]).select(1, b)).abs().max(), 1e-14);
            if (len[b] < 4) assertEquals(0, y.narrow(0, len[b], 4 - len[b]).select(1, b).abs().max(), 0);
        }
        Tensor gy = randn(9, 4, 3, 2);
        Table gi = (Table) r.backward(Table.of(x, x.newZeros(3, 2), x.newZeros(3, 2)), Table.of(gy, randn(10, 3, 2), randn(11, 3, 2)));
        for (int b = 0; b < len.length; b++) if (len[b] < 4)
            assertEquals(0, gi.tensor(0).narrow(0, len[b], 4 - len[b]).select(1, b).abs().max(), 0, "no gradient on padding");
        // through the padding (kept exactly zero under ±eps by a fixed mask): state carried, gradients passed on
        Jacobian.check(new Sequential(FixedMask.lengths(x, len, 4), r), Table.of(x, randn(12, 3, 2), randn(13, 3, 2)))
                .assertBelow(Jacobian.TOLERANCE);
    }

    /** The padding convention is the fused LSTM's: the same outputs, final states and gradients on padded input. */
    @Test void maskZeroAgreesWithTheFusedLstm() {
        int[] len = {5, 2, 3};
        Tensor x = padded(18, len, 5, 3);
        LSTM fused = new LSTM(3, 2).maskZero(true).to(DType.F64);
        Recurrence r = Recurrence.of(new LSTMCell(3, 2)).maskZero(true).to(DType.F64);
        java.util.Map<String, Tensor> w = new java.util.LinkedHashMap<>();
        fused.stateDict().forEach((k, v) -> w.put("0." + k.replace("_l0", ""), v));
        r.loadStateDict(w, true);
        Table in = Table.of(x, randn(19, 1, 3, 2), randn(20, 1, 3, 2));
        Table inR = Table.of(x, in.tensor(1).select(0, 0), in.tensor(2).select(0, 0));
        Table a = (Table) fused.forward(in), b = (Table) r.forward(inR);
        assertEquals(0, a.tensor(0).sub(b.tensor(0)).abs().max(), 1e-14);
        assertEquals(0, a.tensor(1).select(0, 0).sub(b.tensor(1)).abs().max(), 1e-14);
        assertEquals(0, a.tensor(2).select(0, 0).sub(b.tensor(2)).abs().max(), 1e-14);
        Tensor gy = randn(21, 5, 3, 2), gh = randn(22, 1, 3, 2), gc = randn(23, 1, 3, 2);
        fused.zeroGradParameters();
        r.zeroGradParameters();
        Table ga = (Table) fused.backward(in, Table.of(gy, gh, gc));
        Table gb = (Table) r.backward(inR, Table.of(gy, gh.select(0, 0), gc.select(0, 0)));
        assertEquals(0, ga.tensor(0).sub(gb.tensor(0)).abs().max(), 1e-13);
        assertEquals(0, ga.tensor(1).select(0, 0).sub(gb.tensor(1)).abs().max(), 1e-13);
        assertEquals(0, fused.getParameters().gradients().sub(r.getParameters().gradients()).abs().max(), 1e-13);
    }

    /** Parameter gradients of Σ y ⊙ g for a forward and backward over x (optionally with explicit state). */
    private static Tensor grads(Recurrence r, Activity x, Activity g) {
        r.zeroGradParameters();
        r.forward(x);
        r.backward(x, g);
        return r.getParameters().gradients().clone();
    }

    @Test void truncatedBpttWithTruncationAtLeastTEqualsFullBptt() {
        Recurrence full = Recurrence.of(new GRUCell(3, 2)).to(DType.F64);
        Recurrence tbptt = full.clone().rememberState(true);
        Tensor x = randn(14, 6, 2, 3), g = randn(15, 6, 2, 2);
        Tensor want = grads(full, x, g);
        // truncation 6 = T: one chunk, the same gradients; truncation 8 >= T as well
        assertEquals(0, grads(tbptt, x, g).sub(want).abs().max(), 1e-14);
        tbptt.forget();
        assertEquals(0, grads(tbptt, x, g).sub(want).abs().max(), 1e-14);
        // the remembered state carries on: a second chunk starts where the first ended
        tbptt.forget();
        Tensor y1 = tbptt.forward(x.narrow(0, 0, 3)).clone(), y2 = tbptt.forward(x.narrow(0, 3, 3)).clone();
        Tensor yFull = full.forward(x);
        assertEquals(0, y1.sub(yFull.narrow(0, 0, 3)).abs().max(), 1e-14);
        assertEquals(0, y2.sub(yFull.narrow(0, 3, 3)).abs().max(), 1e-14, "the state is carried");
    }

    @Test void truncationBelowTDropsTheGradientAcrossTheCut() {
        Recurrence full = Recurrence.of(new LSTMCell(3, 2)).to(DType.F64);
        Recurrence tbptt = full.clone().rememberState(true);
        Tensor x = randn(16, 6, 2, 3), g = randn(17, 6, 2, 2);
        Tensor want = grads(full, x, g);
        // truncation 3: two chunks, the second starting from the first one's final state, detached
        tbptt.zeroGradParameters();
        for (int c = 0; c < 2; c++) {
            Tensor xc = x.narrow(0, 3 * c, 3), gc = g.narrow(0, 3 * c, 3);
            tbptt.forward(xc);
            tbptt.backward(xc, gc);
        }
        Tensor truncated = tbptt.getParameters().gradients();
        // expected: chunk 1 from zeros plus chunk 2 from its explicitly given (constant) initial state
        Recurrence ref = full.clone();
        Table o = (Table) ref.forward(Table.of(x.narrow(0, 0, 3), x.newZeros(2, 2), x.newZeros(2, 2)));
        Tensor h = o.tensor(1).clone(), c = o.tensor(2).clone();
        Tensor expect = grads(ref, x.narrow(0, 0, 3), g.narrow(0, 0, 3)).add(grads(ref,
                Table.of(x.narrow(0, 3, 3), h, c), Table.of(g.narrow(0, 3, 3), h.zerosLike(), c.zerosLike())));
        assertEquals(0, truncated.sub(expect).abs().max(), 1e-13);
        double diff = truncated.sub(want).abs().max();
        assertTrue(diff > 1e-3, "truncation below T must lose the cross-chunk terms, differs by " + diff);
    }

    @Test void clearErrors() {
        Recurrence r = Recurrence.of(new LSTMCell(3, 2)).to(DType.F64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.forward(randn(1, 2, 3)));
        assertTrue(e.getMessage().contains("[T, B, I]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.forward(Table.of(randn(1, 2, 2, 3), randn(2, 3, 2),
                randn(3, 2, 2))));
        assertTrue(e.getMessage().contains("initial state 1 [2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Recurrence(new RNNCell(3, 2), 2, 2).forward(randn(1, 2, 2, 3).to(DType.F32)));
        assertTrue(e.getMessage().contains("step 0"), e.getMessage());
        Recurrence m = Recurrence.of(new GRUCell(3, 2)).rememberState(true).to(DType.F64);
        m.forward(randn(4, 2, 2, 3));
        e = assertThrows(IllegalArgumentException.class, () -> m.forward(randn(4, 2, 3, 3)));
        assertTrue(e.getMessage().contains("forget()"), e.getMessage());
    }
}
