package jtorch.nn.rnn;

import static jtorch.nn.rnn.SequencerTest.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.Jacobian;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.criterion.MSECriterion;
import jtorch.tensor.DType;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SequenceCriteriaTest {
    static Tensor logp(long seed, int... s) {
        Tensor x = randn(seed, s);
        Sequencer q = new Sequencer(new LogSoftMax()).to(DType.F64);
        return q.forward(x).clone();
    }

    static Tensor ints(int[] v, int... s) { return Tensor.of(v, s).to(Backends.ref()); }

    @Test void sequencerCriterionSumsOrAveragesOverTime() {
        Tensor x = randn(1, 3, 2, 4), y = randn(2, 3, 2, 4);
        double perStep = 0;
        for (int t = 0; t < 3; t++) perStep += new MSECriterion().forward(x.select(0, t), y.select(0, t));
        assertEquals(perStep, new SequencerCriterion(new MSECriterion()).forward(x, y), 1e-14);
        assertEquals(perStep / 3, new SequencerCriterion(new MSECriterion(), true).forward(x, y), 1e-14);
        Jacobian.checkCriterion(new SequencerCriterion(new MSECriterion()), x, y).assertBelow(Jacobian.TOLERANCE);
        Jacobian.checkCriterion(new SequencerCriterion(new ClassNLLCriterion(), true), logp(3, 4, 3, 5),
                ints(new int[] {0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1}, 4, 3)).assertBelow(Jacobian.TOLERANCE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SequencerCriterion(new MSECriterion()).forward(x, randn(2, 4, 2, 4)));
        assertTrue(e.getMessage().contains("3 steps, target 4"), e.getMessage());
    }

    @Test void maskedNllAveragesOverRealTokensOnly() {
        Tensor x = logp(4, 3, 2, 5);
        Tensor y = ints(new int[] {1, 4, 2, 0, 0, 0}, 3, 2); // padding 0: (1,1), (2,0), (2,1) are padding
        MaskedNLLCriterion c = new MaskedNLLCriterion(0);
        double want = -(x.get(0, 0, 1) + x.get(0, 1, 4) + x.get(1, 0, 2)) / 3;
        assertEquals(want, c.forward(x, y), 1e-14);
        Tensor g = c.backward(x, y);
        assertEquals(-1.0 / 3, g.get(1, 0, 2), 1e-15);
        assertEquals(0, g.select(0, 2).abs().max(), 0);
        Jacobian.checkCriterion(c, x, y).assertBelow(Jacobian.TOLERANCE);
        Jacobian.checkCriterion(new MaskedNLLCriterion(0).sizeAverage(false), x, y).assertBelow(Jacobian.TOLERANCE);
        // a mask instead of a padding index: the same steps ignored, whatever their targets
        Tensor m = Tensor.of(new double[] {1, 1, 1, 0, 0, 0}, 3, 2).to(Backends.ref());
        Tensor y2 = ints(new int[] {1, 4, 2, 3, 3, 3}, 3, 2);
        MaskedNLLCriterion cm = new MaskedNLLCriterion(ClassNLLCriterion.NO_IGNORE);
        assertEquals(want, cm.forward(x, Table.of(y2, m)), 1e-14);
        Jacobian.checkCriterion(cm, x, Table.of(y2, m)).assertBelow(Jacobian.TOLERANCE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.forward(x, ints(new int[] {1, 2}, 2)));
        assertTrue(e.getMessage().contains("expected target [3, 2]"), e.getMessage());
    }
}
