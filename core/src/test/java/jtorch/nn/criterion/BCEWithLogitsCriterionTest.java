package jtorch.nn.criterion;

import static jtorch.nn.criterion.CriterionChecks.jacobian;
import static jtorch.nn.criterion.CriterionChecks.rand64;
import static jtorch.nn.criterion.CriterionChecks.randn64;
import static jtorch.nn.criterion.CriterionChecks.rejects;
import static jtorch.nn.criterion.CriterionChecks.t64;
import static jtorch.nn.criterion.CriterionChecks.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** BCEWithLogitsCriterion: Jacobian, hand-computed values, agreement with Sigmoid + BCE, stability at large logits. */
class BCEWithLogitsCriterionTest {
    @Test
    void jacobianAndValues() {
        jacobian(new BCEWithLogitsCriterion(), randn64(1, 5, 3).mulInPlace(3), rand64(2, 5, 3));
        double s1 = 1 / (1 + Math.exp(-1)), s2 = 1 / (1 + Math.exp(2));
        // z = (1, -2), y = (1, 0): [log(1 + e^-1) + log(1 + e^-2) + 0 + 0 + 0 - 1 + ... ] = softplus(-1) + softplus(-2)
        values(new BCEWithLogitsCriterion(), t64(new double[] {1, -2}, 2), t64(new double[] {1, 0}, 2),
                (Math.log1p(Math.exp(-1)) + Math.log1p(Math.exp(-2))) / 2, (s1 - 1) / 2, s2 / 2);
    }

    @Test
    void equalsSigmoidThenBce() {
        Tensor z = randn64(3, 4, 2), y = rand64(4, 4, 2);
        double want = new BCECriterion().forward(z.sigmoid(), y);
        assertEquals(want, new BCEWithLogitsCriterion().forward(z, y), 1e-12);
        assertEquals(4 * 2 * want, new BCEWithLogitsCriterion().sizeAverage(false).forward(z, y), 1e-11);
    }

    @Test
    void largeLogitsStayFinite() {
        Tensor z = t64(new double[] {200, -200}, 2), y = t64(new double[] {0, 1}, 2);
        BCEWithLogitsCriterion c = new BCEWithLogitsCriterion();
        assertEquals(200, c.forward(z, y), 1e-9); // BCECriterion clamps this to 100
        double[] g = CriterionChecks.flat(c.backward(z, y));
        assertEquals(0.5, g[0], 1e-12);
        assertEquals(-0.5, g[1], 1e-12);
        assertTrue(Double.isFinite(c.forward(t64(new double[] {1e30}, 1), t64(new double[] {1}, 1))));
    }

    @Test
    void rejectsMismatchedShapes() {
        rejects(new BCEWithLogitsCriterion(), randn64(5, 2), randn64(6, 3), "BCEWithLogitsCriterion", "[2]", "[3]");
    }
}
