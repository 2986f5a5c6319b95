package jtorch.nn.rnn;

import static jtorch.nn.rnn.RecurrenceTest.padded;
import static jtorch.nn.rnn.SequencerTest.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jtorch.backend.Backends;
import jtorch.nn.Jacobian;
import jtorch.nn.Sequential;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ReverseSequenceTest {

    @Test void reversesTime() {
        Tensor tok = Tensor.of(new int[] {1, 2, 3, 4, 5, 6}, 3, 2).to(Backends.ref());
        assertArrayEquals(new int[] {5, 6, 3, 4, 1, 2}, new ReverseSequence().forward(tok).toIntArray());
        Tensor x = randn(1, 4, 2, 3);
        Tensor y = new ReverseSequence().forward(x);
        for (int t = 0; t < 4; t++) assertEquals(0, y.select(0, t).sub(x.select(0, 3 - t)).abs().max(), 0);
        Jacobian.check(new ReverseSequence(), x).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void withinLengthsThePaddingStaysAtTheEnd() {
        int[] len = {4, 2, 1};
        Tensor x = padded(2, len, 4, 3);
        ReverseSequence r = new ReverseSequence(true);
        Tensor y = r.forward(x);
        for (int b = 0; b < 3; b++) for (int t = 0; t < 4; t++) {
            Tensor want = t < len[b] ? x.select(0, len[b] - 1 - t).select(0, b) : x.newZeros(3);
            assertEquals(0, y.select(0, t).select(0, b).sub(want).abs().max(), 0, "t " + t + " b " + b);
        }
        // its own inverse
        assertEquals(0, new ReverseSequence(true).forward(y).sub(x).abs().max(), 0);
        Jacobian.check(new Sequential(FixedMask.lengths(x, len, 4), r), x).assertBelow(Jacobian.TOLERANCE);
    }
}
