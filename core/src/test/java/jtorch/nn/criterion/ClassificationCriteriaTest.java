package jtorch.nn.criterion;

import static jtorch.nn.criterion.CriterionChecks.i32;
import static jtorch.nn.criterion.CriterionChecks.jacobian;
import static jtorch.nn.criterion.CriterionChecks.rand64;
import static jtorch.nn.criterion.CriterionChecks.randn64;
import static jtorch.nn.criterion.CriterionChecks.rejects;
import static jtorch.nn.criterion.CriterionChecks.t64;
import static jtorch.nn.criterion.CriterionChecks.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.nn.Criterion;
import jtorch.nn.activation.LogSoftMax;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** ClassNLL, CrossEntropy, BCE, Margin and MultiMargin criteria: Jacobians, hand-computed values, bad input. */
class ClassificationCriteriaTest {
    static final Tensor X23 = t64(new double[] {1, 2, 3, 1, 1, 1}, 2, 3);

    static Tensor logp(long seed, int b, int c) { return new LogSoftMax().to(DType.F64).forward(randn64(seed, b, c)).tensor().clone(); }

    @Test
    void classNLLWeightsAndIgnoreIndex() {
        Tensor w = t64(new double[] {1, 2, 3}, 3), t = i32(2, 0, 1, 2);
        jacobian(new ClassNLLCriterion(), logp(1, 4, 3), t);
        jacobian(new ClassNLLCriterion(w), logp(1, 4, 3), t);
        jacobian(new ClassNLLCriterion(w, 1), logp(1, 4, 3), t);
        // -(3·3 + 1·1) / (3 + 1)
        values(new ClassNLLCriterion(w), X23, i32(2, 0), -10.0 / 4, 0, 0, -0.75, -0.25, 0, 0);
        assertEquals(-10.0, new ClassNLLCriterion(w).sizeAverage(false).forward(X23, i32(2, 0)), 1e-12);
        // sample 1 ignored: -(3·3) / 3
        values(new ClassNLLCriterion(w, -1), X23, i32(2, -1), -3, 0, 0, -1, 0, 0, 0);
        // every sample ignored: 0 (Torch7 divides only by a non-zero weight sum), zero gradient
        values(new ClassNLLCriterion(w, 7), X23, i32(7, 7), 0, 0, 0, 0, 0, 0, 0);
        // integral float targets work like I32 ones
        assertEquals(-2, new ClassNLLCriterion().forward(X23, t64(new double[] {2, 0}, 2)), 1e-12);
    }

    @Test
    void crossEntropy() {
        Tensor w = t64(new double[] {1, 1, 2}, 3), t = i32(2, 0, 1, 2);
        jacobian(new CrossEntropyCriterion(), randn64(2, 4, 3), t);
        jacobian(new CrossEntropyCriterion(w), randn64(2, 4, 3), t);
        jacobian(new CrossEntropyCriterion(w, 0), randn64(2, 4, 3), t);
        double lse0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), l0 = lse0 - 3, l1 = Math.log(3);
        double[] p0 = {Math.exp(1 - lse0), Math.exp(2 - lse0), Math.exp(3 - lse0)};
        values(new CrossEntropyCriterion(), X23, i32(2, 0), (l0 + l1) / 2,
                p0[0] / 2, p0[1] / 2, (p0[2] - 1) / 2, (1.0 / 3 - 1) / 2, 1.0 / 6, 1.0 / 6);
        values(new CrossEntropyCriterion(w), X23, i32(2, 0), (2 * l0 + l1) / 3,
                2 * p0[0] / 3, 2 * p0[1] / 3, 2 * (p0[2] - 1) / 3, (1.0 / 3 - 1) / 3, 1.0 / 9, 1.0 / 9);
        assertEquals(2 * l0 + l1, new CrossEntropyCriterion(w).sizeAverage(false).forward(X23, i32(2, 0)), 1e-12);
        // the same as LogSoftMax + ClassNLL
        Tensor x = randn64(3, 5, 4), tt = i32(0, 3, 3, 1, 2);
        assertEquals(new ClassNLLCriterion().forward(logp(3, 5, 4), tt), new CrossEntropyCriterion().forward(x, tt), 1e-12);
    }

    @Test
    void bce() {
        Tensor x = randn64(4, 3, 4).sigmoidInPlace(), y = rand64(5, 3, 4).gt(0.5);
        y.set(0.3, 0, 0); // soft targets are allowed
        jacobian(new BCECriterion(), x, y);
        jacobian(new BCECriterion(t64(new double[] {0.5, 1, 2, 3}, 4)), x, y);
        jacobian(new BCECriterion(rand64(6, 3, 4)), x, y);
        Tensor xs = t64(new double[] {0.5, 0.8}, 1, 2), ys = t64(new double[] {1, 0}, 1, 2);
        values(new BCECriterion(), xs, ys, -(Math.log(0.5) + Math.log(0.2)) / 2, -1.0, 2.5);
        values(new BCECriterion(t64(new double[] {2, 3}, 2)), xs, ys, -(2 * Math.log(0.5) + 3 * Math.log(0.2)) / 2,
                -2.0, 7.5);
        // the logs are clamped at -100: a certain, wrong prediction costs 100 per element, not infinity
        assertEquals(100, new BCECriterion().forward(t64(new double[] {0, 1}, 2), t64(new double[] {1, 0}, 2)), 1e-12);
        assertEquals(0, new BCECriterion().forward(t64(new double[] {0, 1}, 2), t64(new double[] {0, 1}, 2)), 1e-12);
    }

    @Test
    void margin() {
        Tensor x = randn64(7, 4, 3).mulInPlace(2), y = rand64(8, 4, 3).gt(0.5).mulInPlace(2).subInPlace(1);
        for (double m : new double[] {1, 0.5}) {
            Tensor hinge = x.mul(y).mul(-1).add(m);
            assertTrue(hinge.abs().min() > 1e-3, "away from the kink: " + hinge.abs().min());
            assertTrue(hinge.lt(0).sum() > 0 && hinge.gt(0).sum() > 0, "both sides of the hinge");
        }
        jacobian(new MarginCriterion(), x, y);
        jacobian(new MarginCriterion(0.5), x, y);
        values(new MarginCriterion(), t64(new double[] {0.5, -2, 2, 3}, 4), t64(new double[] {1, 1, -1, 1}, 4),
                6.5 / 4, -0.25, -0.25, 0.25, 0);
        assertEquals(6.5, new MarginCriterion().sizeAverage(false).forward(t64(new double[] {0.5, -2, 2, 3}, 4),
                i32(1, 1, -1, 1)), 1e-12);
    }

    @Test
    void multiMargin() {
        Tensor x = randn64(9, 4, 5), t = i32(0, 4, 2, 2), w = t64(new double[] {1, 2, 0.5, 1, 3}, 5);
        for (int p = 1; p <= 2; p++) {
            jacobian(new MultiMarginCriterion(p, 1, null), x, t);
            jacobian(new MultiMarginCriterion(p, 0.5, w), x, t);
        }
        // PyTorch's documented example: (0.3 + 0.4 + 0.6) / 4
        Tensor xs = t64(new double[] {0.1, 0.2, 0.4, 0.8}, 1, 4);
        values(new MultiMarginCriterion(), xs, i32(3), 0.325, 0.25, 0.25, 0.25, -0.75);
        values(new MultiMarginCriterion(2, 1, null), xs, i32(3), (0.09 + 0.16 + 0.36) / 4, 0.15, 0.2, 0.3, -0.65);
        values(new MultiMarginCriterion(1, 1, t64(new double[] {1, 1, 1, 2}, 4)), xs, i32(3), 0.65, 0.5, 0.5, 0.5, -1.5);
        Tensor two = t64(new double[] {0.1, 0.2, 0.4, 0.8, 0.1, 0.2, 0.4, 0.8}, 2, 4);
        assertEquals(0.325, new MultiMarginCriterion().forward(two, i32(3, 3)), 1e-12);
        assertEquals(0.65, new MultiMarginCriterion().sizeAverage(false).forward(two, i32(3, 3)), 1e-12);
    }

    @Test
    void badClassTargets() {
        Criterion[] all = {new ClassNLLCriterion(), new CrossEntropyCriterion(), new MultiMarginCriterion()};
        for (Criterion c : all) {
            rejects(c, X23, i32(0, 3), c.name(), "class 3", "0..2");
            rejects(c, X23, i32(-1, 0), c.name(), "class -1");
            rejects(c, X23, t64(new double[] {0, 1.5}, 2), c.name(), "1.5");
            rejects(c, X23, t64(new double[] {Double.NaN, 1}, 2), c.name(), "NaN");
            rejects(c, X23, i32(0, 1, 2), c.name(), "[2]", "[3]");
            rejects(c, X23.view(6), i32(0), c.name(), "[B, C]", "[6]");
        }
        rejects(new ClassNLLCriterion(t64(new double[] {1, 2}, 2)), X23, i32(0, 1), "ClassNLLCriterion", "2 class weights", "[2, 3]");
        rejects(new CrossEntropyCriterion(t64(new double[] {1, 2}, 2)), X23, i32(0, 1), "CrossEntropyCriterion", "2 class weights");
        rejects(new MultiMarginCriterion(1, 1, t64(new double[] {1, 2}, 2)), X23, i32(0, 1), "MultiMarginCriterion", "2 class weights");
        assertThrows(IllegalArgumentException.class, () -> new MultiMarginCriterion(3, 1, null));
    }

    @Test
    void badBinaryInput() {
        Tensor x = t64(new double[] {0.5, 0.5}, 2);
        rejects(new BCECriterion(), t64(new double[] {0.5, 1.5}, 2), x, "BCECriterion", "[0, 1]", "1.5");
        rejects(new BCECriterion(), x, t64(new double[] {1, Double.NaN}, 2), "BCECriterion", "NaN");
        rejects(new BCECriterion(), x, t64(new double[] {1, 0, 1}, 3), "BCECriterion", "[2]", "[3]");
        rejects(new BCECriterion(t64(new double[] {1, 2, 3}, 3)), x, x, "BCECriterion", "weights [3]", "[2]");
        for (Criterion c : new Criterion[] {new MarginCriterion(), new HingeEmbeddingCriterion()}) {
            rejects(c, x, t64(new double[] {1, 0}, 2), c.name(), "1 or -1", "0.0");
            rejects(c, x, t64(new double[] {Double.NaN, 1}, 2), c.name(), "NaN");
            rejects(c, x, t64(new double[] {1, 1, 1}, 3), c.name(), "[2]", "[3]");
        }
    }
}
