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
