package jtorch.nn.rnn;

import static jtorch.nn.rnn.RecurrenceTest.padded;
import static jtorch.nn.rnn.SequencerTest.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jtorch.io.ModuleRegistry;
import jtorch.nn.Jacobian;
import jtorch.nn.Sequential;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BiSequencerTest {

    @Test void joinsForwardAndReversedBackward() {
        Recurrence f = Recurrence.of(new GRUCell(3, 2)), g = Recurrence.of(new RNNCell(3, 4));
        BiSequencer bi = new BiSequencer(f, g).to(DType.F64);
        Tensor x = randn(1, 5, 2, 3);
        Tensor y = bi.forward(x);
        assertEquals(java.util.List.of(5, 2, 6), java.util.Arrays.stream(y.sizes()).boxed().toList());
        Tensor yf = f.clone().forward(x);
        Tensor yb = new ReverseSequence().forward(g.clone().forward(new ReverseSequence().forward(x)));
        assertEquals(0, y.narrow(2, 0, 2).sub(yf).abs().max(), 1e-15);
        assertEquals(0, y.narrow(2, 2, 4).sub(yb).abs().max(), 1e-15);
        Jacobian.check(bi, x).assertBelow(Jacobian.TOLERANCE);
    }

    /** Two one-way fused LSTMs in a BiSequencer equal one bidirectional fused LSTM, with padding too. */
    @Test void equalsTheBidirectionalFusedLstm() {
        int[] len = {4, 1, 3};
        Tensor x = padded(3, len, 4, 3);
        LSTM both = new LSTM(3, 2, 1, true, 0, true).maskZero(true).to(DType.F64);
        LSTM f = new LSTM(3, 2).maskZero(true).to(DType.F64), g = new LSTM(3, 2).maskZero(true).to(DType.F64);
        java.util.Map<String, Tensor> wf = new java.util.LinkedHashMap<>(), wg = new java.util.LinkedHashMap<>();
        both.stateDict().forEach((k, v) -> (k.endsWith("_reverse") ? wg : wf).put(k.replace("_reverse", ""), v));
        f.loadStateDict(wf, true);
        g.loadStateDict(wg, true);
        for (boolean within : new boolean[] {true, false}) {
            BiSequencer bi = new BiSequencer(f, g, within);
            assertEquals(0, bi.forward(x).sub(both.forward(x).tensor()).abs().max(), 1e-14, "within lengths " + within);
            Tensor gy = randn(4, 4, 3, 4);
            both.zeroGradParameters();
            bi.zeroGradParameters();
            Tensor gBoth = both.backward(x, gy).tensor(), gBi = bi.backward(x, gy);
            assertEquals(0, gBi.sub(gBoth).abs().max(), 1e-13);
            assertEquals(0, both.getParameters().gradients().sub(bi.getParameters().gradients()).abs().max(), 1e-13);
        }
    }

    @Test void withPaddingEachSequenceIsReadFromItsEnd() {
        int[] len = {4, 2};
        Tensor x = padded(2, len, 4, 3);
        BiSequencer bi = new BiSequencer(Recurrence.of(new GRUCell(3, 2)).maskZero(true),
                Recurrence.of(new GRUCell(3, 2)).maskZero(true), true).to(DType.F64);
        Tensor y = bi.forward(x);
        // sample 1 alone, unpadded, gives the same rows
        Tensor x1 = x.narrow(1, 1, 1).narrow(0, 0, 2).contiguous();
        Tensor y1 = new BiSequencer(bi.forwardModule().clone(), bi.backwardModule().clone()).forward(x1);
        assertEquals(0, y.narrow(0, 0, 2).narrow(1, 1, 1).sub(y1).abs().max(), 1e-14);
        assertEquals(0, y.narrow(0, 2, 2).select(1, 1).abs().max(), 0, "padded steps are zero");
        Jacobian.check(new Sequential(FixedMask.lengths(x, len, 4), bi), x).assertBelow(Jacobian.TOLERANCE);
        String json = ModuleRegistry.toJson(bi);
        assertEquals(json, ModuleRegistry.toJson(ModuleRegistry.fromJson(json)));
    }
}
