package jtorch.nn.criterion;

import static jtorch.nn.criterion.CriterionChecks.jacobian;
import static jtorch.nn.criterion.CriterionChecks.randn64;
import static jtorch.nn.criterion.CriterionChecks.rejects;
import static jtorch.nn.criterion.CriterionChecks.t64;
import static jtorch.nn.criterion.CriterionChecks.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.nn.Criterion;
import jtorch.nn.activation.LogSoftMax;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** MSE, Abs, SmoothL1 and DistKLDiv criteria: Jacobians, hand-computed values, bad input. */
class RegressionCriteriaTest {

    @Test
    void mse() {
        jacobian(new MSECriterion(), randn64(1, 4, 3), randn64(2, 4, 3));
        Tensor x = t64(new double[] {1, 2, 3, 4}, 2, 2), y = t64(new double[] {0, 0, 0, 0}, 2, 2);
        values(new MSECriterion(), x, y, 7.5, 0.5, 1, 1.5, 2);
        assertEquals(30, new MSECriterion().sizeAverage(false).forward(x, y), 1e-12);
    }

    @Test
    void abs() {
        Tensor x = randn64(3, 5, 4), y = randn64(4, 5, 4);
        assertTrue(x.sub(y).abs().min() > 1e-3, "inputs away from the kink");
        jacobian(new AbsCriterion(), x, y);
        values(new AbsCriterion(), t64(new double[] {1, -2, 3}, 3), t64(new double[] {0, 0, 1}, 3), 5.0 / 3,
                1.0 / 3, -1.0 / 3, 1.0 / 3);
        assertEquals(5, new AbsCriterion().sizeAverage(false).forward(t64(new double[] {1, -2, 3}, 3),
                t64(new double[] {0, 0, 1}, 3)), 1e-12);
    }

    @Test
    void smoothL1() {
        Tensor x = randn64(5, 6, 4).mulInPlace(2), y = randn64(6, 6, 4);
        Tensor a = x.sub(y).abs();
        assertTrue(a.lt(1).sum() > 0 && a.gt(1).sum() > 0, "both the quadratic and the linear part are exercised");
        jacobian(new SmoothL1Criterion(), x, y);
        jacobian(new SmoothL1Criterion(0.5), x, y);
        // z = 0.5·0.25 = 0.125 and 3 - 0.5 = 2.5; gradient clamp(d, -1, 1) / 2
        values(new SmoothL1Criterion(), t64(new double[] {0.5, -3}, 2), t64(new double[] {0, 0}, 2), 1.3125, 0.25, -0.5);
        // beta 2: 0.5·0.25/2 = 0.0625 and 3 - 1 = 2
        values(new SmoothL1Criterion(2), t64(new double[] {0.5, 3}, 2), t64(new double[] {0, 0}, 2), 1.03125, 0.125, 0.5);
    }

    @Test
    void distKLDiv() {
        Tensor x = new LogSoftMax().to(DType.F64).forward(randn64(7, 3, 5)).tensor().clone();
        Tensor y = new LogSoftMax().to(DType.F64).forward(randn64(8, 3, 5)).tensor().exp();
        y.set(0, 1, 2); // a zero probability counts 0
        jacobian(new DistKLDivCriterion(), x, y);
        Tensor lx = t64(new double[] {Math.log(0.25), Math.log(0.75), Math.log(0.1)}, 1, 3);
        Tensor py = t64(new double[] {0.5, 0.5, 0}, 1, 3);
        values(new DistKLDivCriterion(), lx, py, 0.5 * Math.log(4.0 / 3) / 3, -0.5 / 3, -0.5 / 3, 0);
    }

    @Test
    void targetsInAnotherDtypeAreConverted() {
        Tensor x = t64(new double[] {1, 2}, 2);
        assertEquals(2.5, new MSECriterion().forward(x, Tensor.of(new float[] {0, 0}, 2)), 1e-12);
    }

    @Test
    void badInput() {
        Criterion[] all = {new MSECriterion(), new AbsCriterion(), new SmoothL1Criterion(), new DistKLDivCriterion()};
        for (Criterion c : all) {
            rejects(c, randn64(1, 2, 3), randn64(2, 3, 2), c.name(), "[2, 3]", "[3, 2]");
            Tensor nan = randn64(2, 2, 3);
            nan.set(Double.NaN, 1, 1);
            rejects(c, randn64(1, 2, 3), nan, c.name(), "NaN", "position 4");
            rejects(c, randn64(1, 2, 3), jtorch.tensor.Table.of(randn64(2, 2, 3)), c.name(), "table");
        }
    }
}
