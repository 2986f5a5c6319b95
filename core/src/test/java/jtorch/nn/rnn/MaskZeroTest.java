package jtorch.nn.rnn;

import static jtorch.nn.rnn.RecurrenceTest.padded;
import static jtorch.nn.rnn.SequencerTest.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.nn.Jacobian;
import jtorch.nn.Sequential;
import jtorch.nn.activation.Tanh;
import jtorch.nn.layer.Linear;
import jtorch.nn.reduce.Sum;
import jtorch.tensor.DType;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MaskZeroTest {

    @Test void paddedRowsGiveZeroAndGetNoGradient() {
        int[] len = {3, 1};
        Tensor x = padded(1, len, 3, 4);
        Sequencer s = new Sequencer(new MaskZero(new Sequential(new Linear(4, 2), new Tanh()))).to(DType.F64);
        Tensor y = s.forward(x);
        Tensor plain = new Sequencer(((MaskZero) s.module()).module().clone()).forward(x);
        assertTrue(plain.select(0, 2).select(0, 1).abs().max() > 0, "Linear's bias makes padded rows nonzero");
        assertEquals(0, y.narrow(0, 1, 2).select(1, 1).abs().max(), 0);
        assertEquals(0, y.narrow(0, 0, 3).select(1, 0).sub(plain.narrow(0, 0, 3).select(1, 0)).abs().max(), 1e-15);
        Tensor gi = s.backward(x, randn(2, 3, 2, 2));
        assertEquals(0, gi.narrow(0, 1, 2).select(1, 1).abs().max(), 0);
        // [T, B, F] directly, and through the padding (held at zero by a fixed mask)
        Jacobian.check(new Sequential(FixedMask.lengths(x, len, 3), s), x).assertBelow(Jacobian.TOLERANCE);
        Jacobian.check(new MaskZero(new Tanh()).to(DType.F64), x.add(0.5)).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void aroundAStepModuleTheStateIsReset() {
        Tensor x = padded(3, new int[] {1, 2}, 2, 3);
        Recurrence r = new Recurrence(new MaskZero(new GRUCell(3, 2)), 2).to(DType.F64);
        Tensor y = r.forward(x);
        assertEquals(0, y.select(0, 1).select(0, 0).abs().max(), 0);
        Jacobian.check(new MaskZero(new LSTMCell(3, 2)).to(DType.F64), Table.of(randn(4, 2, 3), randn(5, 2, 2),
                randn(6, 2, 2))).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void rowMapsOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaskZero(new Sum(1)).to(DType.F64).forward(randn(1, 2, 3)));
        assertTrue(e.getMessage().contains("leading dimensions"), e.getMessage());
    }
}
