package jtorch.nn.criterion;

import static jtorch.nn.criterion.CriterionChecks.flat;
import static jtorch.nn.criterion.CriterionChecks.i32;
import static jtorch.nn.criterion.CriterionChecks.rand64;
import static jtorch.nn.criterion.CriterionChecks.randn64;
import static jtorch.nn.criterion.CriterionChecks.t64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import jtorch.backend.Backends;
import jtorch.nn.Criterion;
import jtorch.nn.activation.LogSoftMax;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Every criterion in F32 on the default back end agrees with F64 on the reference back end (loss and gradient). */
class CriterionF32Test {

    static Activity f32(Activity a) {
        if (a == null) return null;
        if (a instanceof Tensor t) return t.dtype() == DType.I32 ? t.to(Backends.getDefault())
                : Tensor.of(t.toFloatArray(), t.sizes()).to(Backends.getDefault());
        return Table.of(((Table) a).items().stream().map(CriterionF32Test::f32).toList());
    }

    static void agrees(Supplier<Criterion> make, Activity x, Activity t) {
        for (boolean avg : new boolean[] {true, false}) {
            Criterion a = make.get().sizeAverage(avg), b = make.get().sizeAverage(avg);
            double l64 = a.forward(x, t), l32 = b.forward(f32(x), f32(t));
            assertEquals(l64, l32, 1e-5 * Math.max(1, Math.abs(l64)), a.name() + " loss");
            assertArrayEquals(flat(a.backward(x, t)), flat(b.backward(f32(x), f32(t))), 1e-5, a.name() + " gradient");
        }
    }

    @Test
    void allCriteria() {
        Tensor x = randn64(1, 5, 4), y = randn64(2, 5, 4), cls = i32(0, 3, 2, 2, 1);
        Tensor sgn = rand64(3, 5, 4).gt(0.5).mulInPlace(2).subInPlace(1), sgnB = t64(new double[] {1, -1, -1, 1, 1}, 5);
        Tensor w = t64(new double[] {1, 2, 0.5, 3}, 4);
        agrees(MSECriterion::new, x, y);
        agrees(AbsCriterion::new, x, y);
        agrees(SmoothL1Criterion::new, x, y);
        agrees(() -> new BCECriterion(w), x.sigmoid(), rand64(4, 5, 4).gt(0.5));
        agrees(DistKLDivCriterion::new, new LogSoftMax().to(DType.F64).forward(x).tensor().clone(), rand64(5, 5, 4));
        agrees(MarginCriterion::new, x, sgn);
        agrees(HingeEmbeddingCriterion::new, x.abs(), sgn);
        agrees(() -> new ClassNLLCriterion(w, 2), x, cls);
        agrees(() -> new CrossEntropyCriterion(w), x, cls);
        agrees(() -> new MultiMarginCriterion(2, 1, w), x, cls);
        agrees(MarginRankingCriterion::new, Table.of(x.select(1, 0), y.select(1, 0)), sgnB);
        agrees(() -> new CosineEmbeddingCriterion(0.1), Table.of(x, y), sgnB);
        agrees(() -> new ContrastiveCriterion(2), Table.of(x, y), sgnB);
        agrees(() -> new TripletMarginCriterion(1, 2, 1e-6, true), Table.of(x, y, randn64(6, 5, 4)), null);
        agrees(() -> new TripletMarginCriterion(0.5, 1, 1e-6, false), Table.of(x, y, randn64(6, 5, 4)), null);
        agrees(() -> new WARPCriterion(1, 7), x, cls);
    }
}
