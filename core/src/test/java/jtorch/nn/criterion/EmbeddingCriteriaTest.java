package jtorch.nn.criterion;

import static jtorch.nn.criterion.CriterionChecks.i32;
import static jtorch.nn.criterion.CriterionChecks.jacobian;
import static jtorch.nn.criterion.CriterionChecks.rand64;
import static jtorch.nn.criterion.CriterionChecks.randn64;
import static jtorch.nn.criterion.CriterionChecks.rejects;
import static jtorch.nn.criterion.CriterionChecks.t64;
import static jtorch.nn.criterion.CriterionChecks.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.nn.Criterion;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** MarginRanking, HingeEmbedding and CosineEmbedding criteria: Jacobians, hand-computed values, bad input. */
class EmbeddingCriteriaTest {

    static Tensor signs(long seed, int... sizes) { return rand64(seed, sizes).gt(0.5).mulInPlace(2).subInPlace(1); }

    @Test
    void marginRanking() {
        Tensor x1 = randn64(1, 8), x2 = randn64(2, 8), y = signs(3, 8);
        for (double m : new double[] {1, 0.5}) {
            Tensor hinge = x1.sub(x2).mul(y).mul(-1).add(m);
            assertTrue(hinge.abs().min() > 1e-3 && hinge.lt(0).sum() > 0 && hinge.gt(0).sum() > 0, "m=" + m);
            jacobian(new MarginRankingCriterion(m), Table.of(x1, x2), y);
        }
        // max(0, -(1 - 2) + 1) = 2 and max(0, -(2 - 0) + 1) = 0
        Table in = Table.of(t64(new double[] {1, 2}, 2), t64(new double[] {2, 0}, 2));
        values(new MarginRankingCriterion(), in, i32(1, 1), 1, -0.5, 0, 0.5, 0);
        values(new MarginRankingCriterion(), in, i32(-1, -1), 1.5, 0, 0.5, 0, -0.5); // 0 and max(0, 2 + 1) = 3
        assertEquals(3, new MarginRankingCriterion().sizeAverage(false).forward(in, i32(-1, -1)), 1e-12);
    }

    @Test
    void hingeEmbedding() {
        Tensor x = randn64(4, 3, 4).absInPlace().mulInPlace(1.5), y = signs(5, 3, 4);
        Tensor r = x.sub(1);
        assertTrue(r.abs().min() > 1e-3 && r.lt(0).sum() > 0 && r.gt(0).sum() > 0);
        jacobian(new HingeEmbeddingCriterion(), x, y);
        jacobian(new HingeEmbeddingCriterion(0.7), x, y);
        // 0.3 + max(0, 1 - 0.3) + max(0, 1 - 2)
        values(new HingeEmbeddingCriterion(), t64(new double[] {0.3, 0.3, 2}, 3), t64(new double[] {1, -1, -1}, 3),
                1.0 / 3, 1.0 / 3, -1.0 / 3, 0);
        assertEquals(1, new HingeEmbeddingCriterion().sizeAverage(false).forward(t64(new double[] {0.3, 0.3, 2}, 3),
                i32(1, -1, -1)), 1e-12);
    }

    @Test
    void cosineEmbedding() {
        Tensor x1 = randn64(6, 6, 4), x2 = randn64(7, 6, 4), y = signs(8, 6);
        Tensor cos = x1.mul(x2).sum(1).div(x1.mul(x1).sum(1).mul(x2.mul(x2).sum(1)).sqrt());
        for (double m : new double[] {0, 0.2}) assertTrue(cos.sub(m).abs().min() > 1e-3, "away from the kink, m=" + m);
        jacobian(new CosineEmbeddingCriterion(), Table.of(x1, x2), y);
        jacobian(new CosineEmbeddingCriterion(0.2), Table.of(x1, x2), y);
        // cos = 1/√2 (similar pair) and cos = 0 (dissimilar pair, margin 0: no loss)
        Table in = Table.of(t64(new double[] {1, 0, 1, 0}, 2, 2), t64(new double[] {1, 1, 0, 1}, 2, 2));
        double c = 1 / Math.sqrt(2);
        // g1 = -(x2 / (|x1||x2|) - cos x1 / |x1|²) / 2, g2 = -(x1 / (|x1||x2|) - cos x2 / |x2|²) / 2 for row 0
        values(new CosineEmbeddingCriterion(), in, i32(1, -1), (1 - c) / 2,
                -(c - c) / 2, -c / 2, 0, 0, -(c - c * 0.5) / 2, -(0 - c * 0.5) / 2, 0, 0);
        // margin -0.5 makes the dissimilar pair cost cos - margin = 0.5
        assertEquals((1 - c) + 0.5, new CosineEmbeddingCriterion(-0.5).sizeAverage(false).forward(in, i32(1, -1)), 1e-9);
    }

    @Test
    void badInput() {
        Tensor a = randn64(1, 3), b3 = t64(new double[] {1, -1, 1}, 3);
        Criterion[] pairs = {new MarginRankingCriterion(), new CosineEmbeddingCriterion()};
        Tensor[] ok = {a, randn64(2, 3, 2)};
        for (int i = 0; i < 2; i++) {
            Criterion c = pairs[i];
            Tensor x = ok[i];
            rejects(c, Table.of(x, x, x), b3, c.name(), "3 entries");
            rejects(c, x, b3, c.name(), "table");
            rejects(c, Table.of(x, randn64(3, 4)), b3, c.name(), "[4]");
            rejects(c, Table.of(x, x), t64(new double[] {1, -1}, 2), c.name(), "[3]", "[2]");
            rejects(c, Table.of(x, x), t64(new double[] {1, 2, 1}, 3), c.name(), "1 or -1", "2.0");
            rejects(c, Table.of(x, x), t64(new double[] {1, Double.NaN, 1}, 3), c.name(), "NaN");
        }
        rejects(new MarginRankingCriterion(), Table.of(randn64(1, 3, 1), randn64(1, 3, 1)), b3, "MarginRanking", "[B]", "[3, 1]");
        rejects(new CosineEmbeddingCriterion(), Table.of(a, a), b3, "CosineEmbedding", "[B, D]", "[3]");
    }
}
