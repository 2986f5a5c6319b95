package jtorch.nn.criterion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.Criterion;
import jtorch.nn.Jacobian;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** KLDCriterion, GaussianCriterion and BCEWithLogitsCriterion: values by formula, reductions, stability, errors. */
class VaeCriteriaTest {

    private static Tensor r64(long seed, int... s) { return Tensor.randn(DType.F64, new Generator(seed), s).to(Backends.ref()); }

    private static Tensor t64(double[] v, int... s) { return Tensor.of(v, s).to(Backends.ref()); }

    @Test
    void kldByHand() {
        // one example, D = 2: ½[(1 + e^0 - 1 - 0) + (0 + e^1 - 1 - 1)] = ½ (1 + e - 2)
        Table in = Table.of(t64(new double[] {1, 0}, 1, 2), t64(new double[] {0, 1}, 1, 2));
        assertEquals(0.5 * (Math.E - 1), new KLDCriterion().forward(in, null), 1e-15);
        Table zero = Table.of(Tensor.zeros(DType.F64, 4, 3), Tensor.zeros(DType.F64, 4, 3));
        assertEquals(0, new KLDCriterion().forward(zero, null), 0);
    }

    @Test
    void reductionsDivideByBatchElementsOrNothing() {
        Table in = Table.of(r64(1, 4, 3), r64(2, 4, 3));
        double sum = new KLDCriterion().reduction(Reduction.SUM).forward(in, null);
        assertEquals(sum / 4, new KLDCriterion().forward(in, null), 1e-12);
        assertEquals(sum / 12, new KLDCriterion().reduction(Reduction.MEAN).forward(in, null), 1e-12);
        Tensor x = r64(3, 4, 3);
        double g = new GaussianCriterion().reduction(Reduction.SUM).forward(in, x);
        assertEquals(g / 4, new GaussianCriterion().forward(in, x), 1e-12);
        assertEquals(g - 6 * Math.log(2 * Math.PI), new GaussianCriterion(false).reduction(Reduction.SUM).forward(in, x), 1e-10);
        double b = new BCEWithLogitsCriterion().reduction(Reduction.SUM).forward(x, x.sigmoid());
        assertEquals(b / 12, new BCEWithLogitsCriterion().forward(x, x.sigmoid()), 1e-12);
        assertEquals(b / 4, new BCEWithLogitsCriterion().reduction(Reduction.BATCHMEAN).forward(x, x.sigmoid()), 1e-12);
        assertEquals(Reduction.BATCHMEAN, Reduction.of("batchmean"));
        assertThrows(IllegalArgumentException.class, () -> Reduction.of("elementwise_mean"));
    }

    @Test
    void jacobiansForEveryReduction() {
        Table in = Table.of(r64(4, 3, 2), r64(5, 3, 2));
        Tensor x = r64(6, 3, 2), logits = r64(7, 3, 2).mul(4), y = Tensor.rand(DType.F64, new Generator(8), 3, 2).to(Backends.ref());
        for (Reduction r : Reduction.values()) {
            check(new KLDCriterion().reduction(r), in, null, r);
            check(new GaussianCriterion().reduction(r), in, x, r);
            check(new GaussianCriterion(false).reduction(r), in, x, r);
            check(new BCEWithLogitsCriterion().reduction(r), logits, y, r);
        }
    }

    private static void check(Criterion c, jtorch.tensor.Activity in, jtorch.tensor.Activity t, Reduction r) {
        var rep = Jacobian.checkCriterion(c, in, t);
        assertTrue(rep.passes(Jacobian.TOLERANCE), c.name() + " " + r + ": " + rep);
    }

    @Test
    void bceWithLogitsEqualsBceOnSigmoidAndStaysExactWhereItSaturates() {
        Tensor x = r64(9, 5, 4), y = Tensor.rand(DType.F64, new Generator(10), 5, 4).to(Backends.ref());
        assertEquals(new BCECriterion().forward(x.sigmoid(), y), new BCEWithLogitsCriterion().forward(x, y), 1e-12);
        // logit 60 with target 0 costs 60 nats (BCECriterion on sigmoid(60) = 1 clamps the log at -100: 100)
        Tensor big = t64(new double[] {60, -60, -800}, 1, 3), t = t64(new double[] {0, 0, 1}, 1, 3);
        assertEquals(60 + 800, new BCEWithLogitsCriterion().reduction(Reduction.SUM).forward(big, t), 1e-9);
        Tensor gi = new BCEWithLogitsCriterion().reduction(Reduction.SUM).backward(big, t);
        assertEquals(1, gi.get(0, 0), 1e-12);
        assertEquals(-1, gi.get(0, 2), 0);
    }

    @Test
    void f32OnTheCpuBackendMatchesF64() {
        Table in = Table.of(r64(11, 8, 5), r64(12, 8, 5));
        Tensor x = r64(13, 8, 5);
        Table in32 = Table.of(in.tensor(0).to(DType.F32).to(Backends.cpu()), in.tensor(1).to(DType.F32).to(Backends.cpu()));
        Tensor x32 = x.to(DType.F32).to(Backends.cpu());
        assertEquals(new KLDCriterion().forward(in, null), new KLDCriterion().forward(in32, null), 1e-4);
        assertEquals(new GaussianCriterion().forward(in, x), new GaussianCriterion().forward(in32, x32), 1e-3);
        Tensor y = x.sigmoid();
        assertEquals(new BCEWithLogitsCriterion().forward(x, y), new BCEWithLogitsCriterion().forward(x32, y.to(DType.F32)), 1e-5);
    }

    @Test
    void errorsNameTheCriterionAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KLDCriterion().forward(Tensor.zeros(2, 3), null));
        assertTrue(e.getMessage().startsWith("KLDCriterion") && e.getMessage().contains("{mu, logvar}"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GaussianCriterion().forward(Table.of(Tensor.zeros(2, 3), Tensor.zeros(2, 3)), Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new BCEWithLogitsCriterion().forward(Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
        assertTrue(e.getMessage().contains("BCEWithLogitsCriterion"), e.getMessage());
    }
}
