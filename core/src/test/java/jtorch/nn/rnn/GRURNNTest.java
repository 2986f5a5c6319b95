package jtorch.nn.rnn;

import static jtorch.nn.rnn.LSTMTest.diff;
import static jtorch.nn.rnn.LSTMTest.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jtorch.nn.Jacobian;
import jtorch.nn.Sequential;
import jtorch.tensor.DType;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The fused GRU and RNN: equal to stepping their cells (both directions), masks, Jacobians through time. */
class GRURNNTest {
    static List<FusedRecurrent> bidirectional() {
        return List.of(new GRU(3, 2, 1, true, 0, true), new RNN(3, 2, 1, true, 0, true, false),
                new RNN(3, 2, 1, true, 0, true, true));
    }

    static RecurrentCell cellOf(FusedRecurrent m, int d) {
        RecurrentCell c = m instanceof GRU ? new GRUCell(3, 2) : new RNNCell(3, 2, true, ((RNN) m).isReLU());
        c = c.to(DType.F64);
        c.weightIh().copy(m.weightIh(0, d));
        c.weightHh().copy(m.weightHh(0, d));
        c.biasIh().copy(m.biasIh(0, d));
        c.biasHh().copy(m.biasHh(0, d));
        return c;
    }

    /** Direction 0 steps t = 0..T-1, direction 1 steps t = T-1..0, each as its cell does. */
    @Test void equalSteppingTheirCells() {
        int T = 4, B = 2;
        for (FusedRecurrent m0 : bidirectional()) {
            FusedRecurrent m = m0.to(DType.F64);
            Tensor x = randn(21, T, B, 3), h0 = randn(22, 2, B, 2);
            Table out = (Table) m.forward(Table.of(x, h0));
            for (int d = 0; d < 2; d++) {
                RecurrentCell cell = cellOf(m, d);
                Tensor h = h0.select(0, d).clone();
                for (int k = 0; k < T; k++) {
                    int t = d == 0 ? k : T - 1 - k;
                    h = ((Tensor) cell.clone().forward(Table.of(x.select(0, t), h))).clone();
                    assertEquals(0, diff(out.tensor(0).select(0, t).narrow(1, 2 * d, 2), h), 1e-14, m + " t " + t);
                }
                assertEquals(0, diff(out.tensor(1).select(0, d), h), 1e-14, m.toString());
            }
        }
    }

    @Test void jacobiansWithMasksAndState() {
        Tensor keep = Tensor.of(new double[] {1, 1, 0, 1, 1, 0}, 3, 2, 1).to(jtorch.backend.Backends.ref());
        for (FusedRecurrent m : List.of(new GRU(3, 2, 2, true, 0, true), new RNN(3, 2, 2, false, 0, true, false))) {
            Sequential net = new Sequential(new ZeroRows(keep), m.maskZero(true)).to(DType.F64);
            Jacobian.check(net, Table.of(randn(23, 3, 2, 3), randn(24, 4, 2, 2))).assertBelow(Jacobian.TOLERANCE);
        }
        Jacobian.check(new GRU(2, 3, 1, false, 0, false).to(DType.F64), randn(25, 3, 2, 2)).assertBelow(Jacobian.TOLERANCE);
    }

    /** A right-padded sequence gives what it gives alone, and its padded rows get no gradient. */
    @Test void paddedStepsLeaveTheStateAlone() {
        for (FusedRecurrent m0 : List.of(new GRU(3, 2, 2, true, 0, true), new RNN(3, 2, 2, true, 0, true, false))) {
            FusedRecurrent m = m0.maskZero(true).to(DType.F64);
            Tensor x = randn(26, 5, 2, 3), h0 = randn(27, 4, 2, 2);
            x.narrow(0, 3, 2).select(1, 0).fillInPlace(0);
            Table all = (Table) m.forward(Table.of(x, h0));
            Tensor y = all.tensor(0).clone(), hN = all.tensor(1).clone();
            Table one = (Table) m.clone().forward(Table.of(x.narrow(0, 0, 3).narrow(1, 0, 1).contiguous(),
                    h0.narrow(1, 0, 1).contiguous()));
            assertEquals(0, diff(y.narrow(0, 0, 3).narrow(1, 0, 1), one.tensor(0)), 1e-14, m.toString());
            assertEquals(0, diff(hN.narrow(1, 0, 1), one.tensor(1)), 1e-14, m.toString());
            Table g = (Table) m.backward(Table.of(x, h0), Table.of(randn(28, 5, 2, 4), randn(29, 4, 2, 2)));
            assertEquals(0, g.tensor(0).narrow(0, 3, 2).select(1, 0).abs().max(), 0);
            assertTrue(g.tensor(0).abs().max() > 0);
        }
    }

    @Test void names() {
        assertEquals("nn.GRU(3 -> 2, 2 layers, bidirectional)", new GRU(3, 2, 2, true, 0, true).toString());
        assertEquals("nn.RNN(3 -> 2, relu, without bias)", new RNN(3, 2, 1, false, 0, false, true).toString());
        assertEquals(4, new GRU(3, 2).namedParameters().size());
    }
}
