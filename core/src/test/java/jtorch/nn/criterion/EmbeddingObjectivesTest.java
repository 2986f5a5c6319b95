package jtorch.nn.criterion;

import static jtorch.nn.criterion.CriterionChecks.i32;
import static jtorch.nn.criterion.CriterionChecks.jacobian;
import static jtorch.nn.criterion.CriterionChecks.randn64;
import static jtorch.nn.criterion.CriterionChecks.rejects;
import static jtorch.nn.criterion.CriterionChecks.t64;
import static jtorch.nn.criterion.CriterionChecks.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Contrastive (DrLIM), triplet margin and WARP criteria: Jacobians (F64), hand-computed values, sampling, bad input. */
class EmbeddingObjectivesTest {

    @Test
    void contrastive() {
        Tensor x1 = randn64(1, 8, 3), x2 = randn64(2, 8, 3).mulInPlace(0.6), y = EmbeddingCriteriaTest.signs(3, 8);
        Tensor d = x1.sub(x2).square().sum(1).sqrt();
        for (double m : new double[] {1, 2}) {
            Tensor gap = d.sub(m);
            assertTrue(gap.abs().min() > 1e-3 && gap.lt(0).sum() > 0 && gap.gt(0).sum() > 0, "margin " + m + ": " + d);
            jacobian(new ContrastiveCriterion(m), Table.of(x1, x2), y);
        }
        // similar pair at distance 5 (3-4-5): ½·25; dissimilar pair at distance 0.5 < margin 1: ½·0.25
        Table in = Table.of(t64(new double[] {3, 4, 0.3, 0}, 2, 2), t64(new double[] {0, 0, 0, 0.4}, 2, 2));
        // gradients / 2: row 0 d = (3, 4); row 1 -(1 - 0.5)·d/0.5 = -d, d = (0.3, -0.4)
        values(new ContrastiveCriterion(), in, i32(1, -1), (12.5 + 0.125) / 2,
                1.5, 2, -0.15, 0.2, -1.5, -2, 0.15, -0.2);
        // a dissimilar pair beyond the margin costs nothing; coincident points get a zero gradient, not NaN
        assertEquals(0.125 / 2, new ContrastiveCriterion(4).forward(in, i32(-1, 1)), 1e-9);
        Table same = Table.of(t64(new double[] {1, 2}, 1, 2), t64(new double[] {1, 2}, 1, 2));
        ContrastiveCriterion c = new ContrastiveCriterion();
        assertEquals(0.5, c.forward(same, i32(-1)), 1e-5);
        assertEquals(0, CriterionChecks.flat(c.backward(same, i32(-1)))[0], 1e-12);
    }

    @Test
    void contrastiveRejectsBadInput() {
        Tensor a = randn64(1, 3, 2), b3 = t64(new double[] {1, -1, 1}, 3);
        ContrastiveCriterion c = new ContrastiveCriterion();
        rejects(c, Table.of(a, a, a), b3, "ContrastiveCriterion", "3 entries");
        rejects(c, a, b3, "ContrastiveCriterion", "table");
        rejects(c, Table.of(a, randn64(2, 3, 3)), b3, "ContrastiveCriterion", "[3, 3]", "[B, D]");
        rejects(c, Table.of(a, a), t64(new double[] {1, 0, 1}, 3), "ContrastiveCriterion", "1 or -1", "0.0");
        rejects(c, Table.of(a, a), i32(1, -1), "ContrastiveCriterion", "[3]", "[2]");
        assertThrows(IllegalArgumentException.class, () -> new ContrastiveCriterion(0));
    }

    @Test
    void tripletMargin() {
        Tensor a = randn64(4, 6, 4), p = randn64(5, 6, 4), n = randn64(6, 6, 4);
        for (TripletMarginCriterion c : new TripletMarginCriterion[] {new TripletMarginCriterion(),
                new TripletMarginCriterion(0.5, 1, 1e-6, false), new TripletMarginCriterion(1, 3, 1e-6, true),
                new TripletMarginCriterion(0.3, 2, 0, true)}) {
            jacobian(c, Table.of(a, p, n), null);
        }
        // d(a, p) = 1 (eps 0), d(a, n) = 2, d(p, n) = sqrt(5): hinge 1 - 2 + 1.5 = 0.5; swap keeps d(a, n) (smaller)
        Table in = Table.of(t64(new double[] {0, 0}, 1, 2), t64(new double[] {1, 0}, 1, 2), t64(new double[] {0, 2}, 1, 2));
        values(new TripletMarginCriterion(1.5, 2, 0, true), in, null, 0.5, -1, 1, 1, 0, 0, -1);
        // swap: with n nearer p than a, the negative distance is d(p, n) = 1: hinge 1 - 1 + 0.5
        Table sw = Table.of(t64(new double[] {0, 0}, 1, 2), t64(new double[] {1, 0}, 1, 2), t64(new double[] {2, 0}, 1, 2));
        values(new TripletMarginCriterion(0.5, 2, 0, true), sw, null, 0.5, -1, 0, 1 + 1, 0, -1, 0);
        assertEquals(0, new TripletMarginCriterion(0.5, 2, 0, false).forward(sw, null), 1e-12); // 1 - 2 + 0.5 < 0
    }

    @Test
    void tripletRejectsBadInput() {
        Tensor a = randn64(1, 3, 2);
        TripletMarginCriterion c = new TripletMarginCriterion();
        rejects(c, Table.of(a, a), null, "TripletMarginCriterion", "three", "2 entries");
        rejects(c, Table.of(a, a, randn64(2, 3, 3)), null, "TripletMarginCriterion", "[3, 3]", "[B, D]");
        rejects(c, Table.of(randn64(3, 4), randn64(3, 4), randn64(3, 4)), null, "TripletMarginCriterion", "[4]", "unsqueeze");
        assertThrows(IllegalArgumentException.class, () -> new TripletMarginCriterion(1, 0.5, 1e-6, false));
    }

    @Test
    void warpJacobianWithTheSamplesFixed() {
        Tensor s = randn64(7, 5, 6), y = i32(0, 3, 5, 2, 2);
        Tensor sp = s.gather(1, y.view(5, 1).to(jtorch.tensor.DType.I32));
        Tensor h = s.sub(sp).add(1);
        assertTrue(h.abs().min() > 1e-3, "scores away from the margin's kinks");
        for (double m : new double[] {1, 0.5}) {
            WARPCriterion c = new WARPCriterion(m, 11).freezeSamples(true);
            jacobian(c, s, y);
            assertTrue(c.rankWeights().sum() > 0, "some examples violate the margin");
        }
    }

    @Test
    void warpRankWeights() {
        // every negative violates: the first draw is a violator, N = 1, k = C - 1 = 4, L = 1 + 1/2 + 1/3 + 1/4
        WARPCriterion c = new WARPCriterion(1, 3);
        Tensor s = t64(new double[] {0, 1, 2, 3, 4}, 1, 5);
        double l4 = 1 + 0.5 + 1.0 / 3 + 0.25;
        double loss = c.sizeAverage(false).forward(s, i32(0));
        assertEquals(l4, c.rankWeights().item(), 1e-12);
        double sj = loss / l4 - 1; // the drawn negative's score
        assertTrue(Math.abs(sj - Math.rint(sj)) < 1e-9 && sj >= 1 && sj <= 4, "loss " + loss);
        // one violator among 4 negatives: N uniform on 1..4, k = 4, 2, 1, 1: E[L] = (25/12 + 3/2 + 1 + 1)/4
        Tensor one = t64(new double[] {5, 0, 0, 5.5, 0}, 1, 5);
        double sum = 0;
        int trials = 4000;
        java.util.Set<Double> seen = new java.util.TreeSet<>();
        for (int i = 0; i < trials; i++) {
            assertEquals(c.forward(one, i32(0)), c.rankWeights().item() * 1.5, 1e-12);
            sum += c.rankWeights().item();
            seen.add(c.rankWeights().item());
        }
        assertEquals(java.util.Set.of(1.0, 1.5, l4), seen);
        assertEquals((l4 + 1.5 + 2) / 4, sum / trials, 0.03);
        // no violator: no loss, no gradient
        Tensor none = t64(new double[] {5, 0, 0, 1, 0}, 1, 5);
        assertEquals(0, c.forward(none, i32(0)));
        assertEquals(0, c.backward(none, i32(0)).abs().sum());
        // gradient: +L at the drawn negative, -L at the label
        c.sizeAverage(true).forward(s, i32(0));
        double[] g = c.backward(s, i32(0)).toDoubleArray();
        assertEquals(-l4, g[0], 1e-12);
        assertEquals(l4, g[1] + g[2] + g[3] + g[4], 1e-12);
    }

    @Test
    void warpIsReproducible() {
        Tensor s = randn64(8, 16, 10), y = i32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5);
        double[] a = new double[20], b = new double[20], other = new double[20];
        WARPCriterion ca = new WARPCriterion(1, 5), cb = new WARPCriterion(1, 5), cc = new WARPCriterion(1, 6);
        for (int i = 0; i < 20; i++) { a[i] = ca.forward(s, y); b[i] = cb.forward(s, y); other[i] = cc.forward(s, y); }
        assertTrue(java.util.Arrays.equals(a, b), "same seed, same losses");
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(other), "another seed draws others");
        WARPCriterion f = new WARPCriterion(1, 5).freezeSamples(true);
        double first = f.forward(s, y);
        for (int i = 0; i < 5; i++) assertEquals(first, f.forward(s, y));
    }

    @Test
    void warpRejectsBadInput() {
        WARPCriterion c = new WARPCriterion(1, 1);
        Tensor s = randn64(1, 3, 4);
        rejects(c, s, i32(0, 4, 1), "WARPCriterion", "class 4", "0..3");
        rejects(c, s, i32(0, 1), "WARPCriterion", "[3]", "[2]");
        rejects(c, randn64(1, 4), i32(0), "WARPCriterion", "[B, C]", "[4]");
        rejects(c, randn64(1, 3, 1), i32(0, 0, 0), "WARPCriterion", "C >= 2", "[3, 1]");
        assertThrows(IllegalStateException.class, () -> new WARPCriterion(1, 1).backward(s, i32(0, 1, 2)));
        assertThrows(IllegalArgumentException.class, () -> new WARPCriterion(-1, 1));
    }
}
