package jtorch.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.Jacobian;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RecurrentCellTest {
    private static Tensor randn(long seed, int... s) { return Tensor.randn(DType.F64, new Generator(seed), s).to(Backends.ref()); }

    @Test void namesAndShapes() {
        assertEquals("nn.LSTMCell(10 -> 20)", new LSTMCell(10, 20).toString());
        assertEquals("nn.GRUCell(10 -> 20, without bias)", new GRUCell(10, 20, false).toString());
        assertEquals("nn.RNNCell(3 -> 2, relu)", new RNNCell(3, 2, true, true).toString());
        LSTMCell l = new LSTMCell(3, 2);
        assertEquals(java.util.Arrays.toString(new int[] {8, 3}), java.util.Arrays.toString(l.weightIh().sizes()));
        assertEquals(java.util.Arrays.toString(new int[] {8, 2}), java.util.Arrays.toString(l.weightHh().sizes()));
        assertEquals(java.util.Arrays.toString(new int[] {6}), java.util.Arrays.toString(new GRUCell(3, 2).biasHh().sizes()));
        for (Tensor w : l.parameters().weights()) assertTrue(w.max() <= 1 / Math.sqrt(2) && w.min() >= -1 / Math.sqrt(2));
        LSTMCell c = l.clone();
        assertEquals(l.weightIh().get(1, 1), c.weightIh().get(1, 1), 0);
    }

    @Test void wrongInputsAreClearErrors() {
        GRUCell g = new GRUCell(3, 2).to(DType.F64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.forward(Table.of(randn(1, 4, 3), randn(2, 5, 2))));
        assertTrue(e.getMessage().contains("GRUCell(3 -> 2)") && e.getMessage().contains("[4, 3], [5, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LSTMCell(3, 2).to(DType.F64).forward(Table.of(randn(1, 4, 3), randn(2, 4, 2))));
        assertTrue(e.getMessage().contains("c [B, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> g.forward(randn(1, 4, 3)));
        assertTrue(e.getMessage().contains("expected a table"), e.getMessage());
    }

    @Test void jacobiansOfTheVariants() {
        Table xh = Table.of(randn(3, 3, 4), randn(4, 3, 2));
        Module[] ms = {new RNNCell(4, 2, true, true), new RNNCell(4, 2, false, false), new GRUCell(4, 2, false)};
        for (Module m : ms) Jacobian.check(m.to(DType.F64), xh).assertBelow(Jacobian.TOLERANCE);
        Jacobian.check(new LSTMCell(4, 2, false).to(DType.F64), Table.of(randn(3, 3, 4), randn(4, 3, 2), randn(5, 3, 2)))
                .assertBelow(Jacobian.TOLERANCE);
    }

    /** accGradParametersOnly (no gradInput first) gives the same parameter gradients as backward. */
    @Test void parameterGradientsWithoutGradInput() {
        Activity in = Table.of(randn(6, 2, 3), randn(7, 2, 2), randn(8, 2, 2));
        Activity go = Table.of(randn(9, 2, 2), randn(10, 2, 2));
        LSTMCell a = new LSTMCell(3, 2).to(DType.F64), b = a.clone();
        a.zeroGradParameters();
        b.zeroGradParameters();
        a.forward(in);
        a.backward(in, go);
        b.forward(in);
        b.accGradParametersOnly(in, go, 1);
        for (int i = 0; i < 4; i++) {
            Tensor ga = a.parameters().gradients().get(i), gb = b.parameters().gradients().get(i);
            assertEquals(0, ga.sub(gb).abs().max(), 0);
            assertTrue(ga.abs().max() > 0);
        }
    }

    /** A cell's output fed back as its own next state (one module object, two steps) is not overwritten. */
    @Test void outputFedBackAsState() {
        Tensor x1 = randn(11, 2, 3), x2 = randn(12, 2, 3), h0 = randn(13, 2, 2);
        for (RecurrentCell c : new RecurrentCell[] {new RNNCell(3, 2), new GRUCell(3, 2)}) {
            RecurrentCell m = c.to(DType.F64), fresh = m.clone();
            Tensor h1 = (Tensor) m.forward(Table.of(x1, h0));
            Tensor h2 = (Tensor) m.forward(Table.of(x2, h1));
            Tensor want1 = ((Tensor) fresh.forward(Table.of(x1, h0))).clone();
            Tensor want2 = (Tensor) fresh.clone().forward(Table.of(x2, want1));
            assertEquals(0, h1.sub(want1).abs().max(), 0, m.toString());
            assertEquals(0, h2.sub(want2).abs().max(), 0, m.toString());
        }
    }
}
