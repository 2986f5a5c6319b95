package jtorch.nn.rnn;

import static jtorch.nn.rnn.RecurrenceTest.padded;
import static jtorch.nn.rnn.SequencerTest.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jtorch.nn.Jacobian;
import jtorch.nn.Sequential;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LastStepTest {

    @Test void picksEachSequencesLastRealStep() {
        int[] len = {3, 1, 2};
        Tensor y = padded(1, len, 3, 2);
        Tensor z = new LastStep(true).forward(y);
        for (int b = 0; b < 3; b++) assertEquals(0, z.select(0, b).sub(y.select(0, len[b] - 1).select(0, b)).abs().max(), 0);
        Tensor plain = new LastStep().forward(y);
        assertEquals(0, plain.sub(y.select(0, 2)).abs().max(), 0);
        Jacobian.check(new LastStep(), y).assertBelow(Jacobian.TOLERANCE);
        Jacobian.check(new Sequential(FixedMask.lengths(y, len, 3), new LastStep(true)), y).assertBelow(Jacobian.TOLERANCE);
        // after a masked recurrence: the final state
        Recurrence r = Recurrence.of(new GRUCell(2, 3)).maskZero(true).to(DType.F64);
        Tensor x = padded(2, len, 3, 2);
        Tensor h = new LastStep(true).forward(r.forward(x));
        Tensor hN = ((jtorch.tensor.Table) r.forward(jtorch.tensor.Table.of(x, x.newZeros(3, 3)))).tensor(1);
        assertEquals(0, h.sub(hN).abs().max(), 1e-15);
    }
}
