package jtorch.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.Jacobian;
import jtorch.nn.Sequential;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The fused LSTM: equal to stepping LSTMCell, Jacobians through time (layers, directions, state, masks), dropout. */
class LSTMTest {
    static Tensor randn(long seed, int... s) { return Tensor.randn(DType.F64, new Generator(seed), s).to(Backends.ref()); }

    static double diff(Tensor a, Tensor b) { return a.sub(b).abs().max(); }

    /** A 2-layer LSTM equals two LSTMCells stepped through time with the same weights (y, hN, cN). */
    @Test void equalsSteppingCells() {
        int T = 4, B = 3, I = 3, H = 2;
        LSTM lstm = new LSTM(I, H, 2).to(DType.F64);
        LSTMCell[] cells = new LSTMCell[2];
        for (int l = 0; l < 2; l++) {
            cells[l] = new LSTMCell(l == 0 ? I : H, H).to(DType.F64);
            cells[l].weightIh().copy(lstm.weightIh(l, 0));
            cells[l].weightHh().copy(lstm.weightHh(l, 0));
            cells[l].biasIh().copy(lstm.biasIh(l, 0));
            cells[l].biasHh().copy(lstm.biasHh(l, 0));
        }
        Tensor x = randn(1, T, B, I), h0 = randn(2, 2, B, H), c0 = randn(3, 2, B, H);
        Table out = (Table) lstm.forward(Table.of(x, h0, c0));
        Tensor[] h = {h0.select(0, 0).clone(), h0.select(0, 1).clone()}, c = {c0.select(0, 0).clone(), c0.select(0, 1).clone()};
        for (int t = 0; t < T; t++) {
            Tensor in = x.select(0, t);
            for (int l = 0; l < 2; l++) {
                Table hc = (Table) cells[l].clone().forward(Table.of(in, h[l], c[l]));
                h[l] = hc.tensor(0).clone();
                c[l] = hc.tensor(1).clone();
                in = h[l];
            }
            assertEquals(0, diff(out.tensor(0).select(0, t), h[1]), 1e-14, "y at t = " + t);
        }
        for (int l = 0; l < 2; l++) {
            assertEquals(0, diff(out.tensor(1).select(0, l), h[l]), 1e-14);
            assertEquals(0, diff(out.tensor(2).select(0, l), c[l]), 1e-14);
        }
    }

    @Test void jacobiansThroughTime() {
        // 2 layers, bidirectional, given state: input, state and parameter gradients
        Jacobian.check(new LSTM(3, 2, 2, true, 0, true).to(DType.F64),
                Table.of(randn(4, 3, 2, 3), randn(5, 4, 2, 2), randn(6, 4, 2, 2))).assertBelow(Jacobian.TOLERANCE);
        // tensor in, tensor out, without bias
        Jacobian.check(new LSTM(2, 3, 1, false, 0, false).to(DType.F64), randn(7, 4, 2, 2)).assertBelow(Jacobian.TOLERANCE);
    }

    /** With padded rows (zeroed by a fixed mask in front, so perturbing them keeps them padding). */
    @Test void jacobianWithMasks() {
        Tensor keep = Tensor.of(new double[] {1, 1, 1, 0, 0, 1, 1, 0}, 4, 2, 1).to(Backends.ref());
        LSTM lstm = new LSTM(3, 2, 2, true, 0, true).maskZero(true);
        Sequential net = new Sequential(new ZeroRows(keep), lstm).to(DType.F64);
        Jacobian.check(net, randn(8, 4, 2, 3)).assertBelow(Jacobian.TOLERANCE);
        Jacobian.check(net, Table.of(randn(9, 4, 2, 3), randn(10, 4, 2, 2), randn(11, 4, 2, 2)))
                .assertBelow(Jacobian.TOLERANCE);
    }

    /** A right-padded sequence in a batch gives what the sequence alone gives (y, hN, cN), in both directions. */
    @Test void paddedStepsLeaveTheStateAlone() {
        int T = 5, I = 3, H = 2;
        LSTM m = new LSTM(I, H, 2, true, 0, true).maskZero(true).to(DType.F64);
        Tensor x = randn(12, T, 2, I), h0 = randn(13, 4, 2, H), c0 = randn(14, 4, 2, H);
        x.narrow(0, 3, 2).select(1, 1).fillInPlace(0); // sequence 1 has length 3
        Table all = (Table) m.forward(Table.of(x, h0, c0));
        Tensor y = all.tensor(0).clone(), hN = all.tensor(1).clone(), cN = all.tensor(2).clone();
        Table one = (Table) m.clone().forward(Table.of(x.narrow(0, 0, 3).narrow(1, 1, 1).contiguous(),
                h0.narrow(1, 1, 1).contiguous(), c0.narrow(1, 1, 1).contiguous()));
        assertEquals(0, diff(y.narrow(0, 0, 3).narrow(1, 1, 1), one.tensor(0)), 1e-14);
        assertEquals(0, y.narrow(0, 3, 2).select(1, 1).abs().max(), 0);
        assertEquals(0, diff(hN.narrow(1, 1, 1), one.tensor(1)), 1e-14);
        assertEquals(0, diff(cN.narrow(1, 1, 1), one.tensor(2)), 1e-14);
        // no gradient reaches the padded rows
        Table g = (Table) m.backward(Table.of(x, h0, c0), Table.of(randn(15, T, 2, 2 * H), randn(16, 4, 2, H),
                randn(17, 4, 2, H)));
        assertEquals(0, g.tensor(0).narrow(0, 3, 2).select(1, 1).abs().max(), 0);
        assertTrue(g.tensor(0).narrow(0, 0, 3).abs().max() > 0);
    }

    @Test void dropoutIsSeededAndOffInEvaluation() {
        Tensor x = randn(18, 4, 2, 3);
        LSTM a = new LSTM(3, 4, 3, true, 0.5, false).to(DType.F64), b = a.clone();
        a.generator(new Generator(5));
        b.generator(new Generator(5));
        Tensor ya = ((Tensor) a.forward(x)).clone();
        assertEquals(0, diff(ya, (Tensor) b.forward(x)), 0);
        assertTrue(diff(ya, (Tensor) a.forward(x)) > 1e-6, "a second draw differs");
        Tensor e1 = ((Tensor) a.evaluate().forward(x)).clone();
        LSTM plain = new LSTM(3, 4, 3).to(DType.F64);
        plain.loadStateDict(a.stateDict(), true);
        assertEquals(0, diff(e1, (Tensor) plain.forward(x)), 0);
    }

    @Test void namesShapesAndErrors() {
        LSTM m = new LSTM(10, 20, 2, true, 0, true);
        assertEquals("nn.LSTM(10 -> 20, 2 layers, bidirectional)", m.toString());
        assertEquals(16, m.namedParameters().size());
        assertEquals("weight_ih_l1_reverse", m.namedParameters().get(12).name());
        assertEquals(java.util.List.of(80, 40), java.util.Arrays.stream(m.weightIh(1, 1).sizes()).boxed().toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LSTM(3, 2).forward(Tensor.zeros(4, 3)));
        assertTrue(e.getMessage().contains("LSTM(3 -> 2)") && e.getMessage().contains("[T, 1, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new LSTM(3, 2).forward(Table.of(Tensor.zeros(4, 2, 3), Tensor.zeros(1, 2, 2))));
        assertTrue(e.getMessage().contains("h0, c0"), e.getMessage());
    }
}
