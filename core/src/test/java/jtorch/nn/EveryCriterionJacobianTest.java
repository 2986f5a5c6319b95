package jtorch.nn;

import static jtorch.nn.JacobianInputs.grid;
import static jtorch.nn.JacobianInputs.positive;
import static jtorch.nn.JacobianInputs.randn;
import static jtorch.nn.JacobianInputs.t64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.SoftMax;
import jtorch.nn.criterion.*;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One finite-difference check of ∂loss/∂input per criterion class of {@code jtorch.nn.criterion} (found in the
 * compiled classes, so a new criterion without a case fails), with sizeAverage on and off. Inputs of the hinge losses
 * are fixed values at least 0.2 away from their kinks.
 */
class EveryCriterionJacobianTest {

    record Case(Criterion criterion, Activity input, Activity target) {}

    private static final Map<Class<?>, Supplier<Case>> CASES = new LinkedHashMap<>();

    private static void on(Class<? extends Criterion> cls, Supplier<Criterion> c, Supplier<Activity> x, Supplier<Activity> y) {
        CASES.put(cls, () -> new Case(c.get(), x.get(), y.get()));
    }

    static Tensor logp(long seed, int b, int c) { return new LogSoftMax().to(DType.F64).forward(randn(seed, b, c)).tensor().clone(); }

    static Tensor classes(int... c) { return Tensor.of(c, c.length); }

    static {
        on(MSECriterion.class, MSECriterion::new, () -> randn(1, 3, 2), () -> randn(2, 3, 2));
        // |x - y| = 0.5·|grid| >= 0.05, and not within 0.05 of SmoothL1's switch at 1
        on(AbsCriterion.class, AbsCriterion::new, () -> randn(3, 3, 2), () -> randn(3, 3, 2).add(grid(4, 3, 2).mul(0.5)));
        on(SmoothL1Criterion.class, SmoothL1Criterion::new, () -> randn(5, 3, 4),
                () -> randn(5, 3, 4).add(grid(6, 3, 4).mul(0.5)));
        on(DistKLDivCriterion.class, DistKLDivCriterion::new, () -> logp(7, 2, 3),
                () -> new SoftMax().to(DType.F64).forward(randn(8, 2, 3)).tensor().clone());
        on(BCECriterion.class, BCECriterion::new, () -> positive(9, 3, 2).sub(0.5).mul(0.8).add(0.1), () -> positive(10, 3, 2).sub(0.5));
        on(ClassNLLCriterion.class, ClassNLLCriterion::new, () -> logp(11, 3, 4), () -> classes(2, 0, 3));
        on(CrossEntropyCriterion.class, CrossEntropyCriterion::new, () -> randn(12, 3, 4), () -> classes(1, 3, 0));
        // 1 - x·y = 0.5, 3, 3, -2, 1.2
        on(MarginCriterion.class, MarginCriterion::new, () -> t64(new double[] {0.5, -2, 2, 3, 0.2}, 5),
                () -> t64(new double[] {1, 1, -1, 1, -1}, 5));
        // hinge 1 - x on the y = -1 entries: 0.7 and -1
        on(HingeEmbeddingCriterion.class, HingeEmbeddingCriterion::new, () -> t64(new double[] {0.3, 0.3, 2, 1.4}, 4),
                () -> t64(new double[] {1, -1, -1, 1}, 4));
        // -y·(x1 - x2) + 1 = 2, -1, 1.4
        on(MarginRankingCriterion.class, MarginRankingCriterion::new, () -> Table.of(t64(new double[] {1, 2, 0.5}, 3),
                t64(new double[] {2, 0, 0.1}, 3)), () -> t64(new double[] {1, 1, -1}, 3));
        // the dissimilar pairs have cos ≈ 0.30 (loss cos) and ≈ -0.65 (no loss)
        on(CosineEmbeddingCriterion.class, CosineEmbeddingCriterion::new,
                () -> Table.of(t64(new double[] {1, 0.5, 0.2, 0.3, -1, 0.4, 1, 1, -0.5}, 3, 3),
                        t64(new double[] {0.5, 1, 0.1, 0.6, 0.2, 0.9, -1, 0.5, 0.3}, 3, 3)),
                () -> t64(new double[] {1, -1, -1}, 3));
        // 1 - x_y + x_i: 0.2, -0.3, 0.6 and -0.5, 0.3, -0.25
        on(MultiMarginCriterion.class, MultiMarginCriterion::new,
                () -> t64(new double[] {0.1, 0.9, -0.4, 0.5, 1.3, -0.2, 0.6, 0.05}, 2, 4), () -> classes(1, 0));
        // distances 5 (similar), 0.5 and 2 (dissimilar: inside and beyond margin 1)
        on(ContrastiveCriterion.class, ContrastiveCriterion::new,
                () -> Table.of(t64(new double[] {3, 4, 0.3, 0, 2, 0}, 3, 2), t64(new double[] {0, 0, 0, 0.4, 0, 0}, 3, 2)),
                () -> t64(new double[] {1, -1, -1}, 3));
        // hinges d(a, p) - d⁻ + 1.5: 1.02 - 2.00 + 1.5 = 0.52, and 0.5 - 2.73 + 1.5 < 0 (swapped, inactive)
        on(TripletMarginCriterion.class, () -> new TripletMarginCriterion(1.5, 2, 1e-6, true),
                () -> Table.of(t64(new double[] {0, 0, 1, 1}, 2, 2), t64(new double[] {1, 0.2, 1.3, 1.4}, 2, 2),
                        t64(new double[] {0.1, 2, 4, 1}, 2, 2)), () -> null);
        // violations 1 + s_j - s_y at least 0.2 from 0; the samples are frozen after the first forward
        on(WARPCriterion.class, () -> new WARPCriterion(1, 3).freezeSamples(true),
                () -> t64(new double[] {0.5, 1.3, -0.7, 0.2, 2.1, 0.4, -1, 0.6}, 2, 4), () -> classes(0, 3));
        // large output spaces: the targets were taken by the module, so the criteria ignore theirs
        on(TreeNLLCriterion.class, TreeNLLCriterion::new, () -> randn(17, 4).sub(2), () -> null);
        on(NCECriterion.class, NCECriterion::new, () -> randn(18, 3, 4).mul(2), () -> null);
        on(SampledSoftMaxCriterion.class, SampledSoftMaxCriterion::new, () -> randn(19, 3, 5), () -> null);
        // variational auto-encoders (issue 13): {mu, logvar} tables; logits of both signs, soft targets
        on(KLDCriterion.class, KLDCriterion::new, () -> Table.of(randn(1301, 3, 4), randn(1302, 3, 4)), () -> null);
        on(GaussianCriterion.class, GaussianCriterion::new, () -> Table.of(randn(1303, 3, 4), randn(1304, 3, 4)),
                () -> randn(1305, 3, 4));
        on(BCEWithLogitsCriterion.class, BCEWithLogitsCriterion::new, () -> randn(1306, 3, 4).mul(3),
                () -> positive(1307, 3, 4).sub(0.5));
    }

    /** Concrete public Criterion classes in the compiled jtorch.nn.criterion package. */
    static List<Class<?>> criterionClasses() throws Exception {
        URL url = MSECriterion.class.getResource("MSECriterion.class");
        assertTrue(url != null && url.getProtocol().equals("file"), "classes must be in a directory: " + url);
        Path dir = Path.of(url.toURI()).getParent();
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$")).toList()) {
                Class<?> c = Class.forName("jtorch.nn.criterion." + f.getFileName().toString().replaceAll("\\.class$", ""));
                if (Criterion.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())
                        && Modifier.isPublic(c.getModifiers())) out.add(c);
            }
        }
        return out;
    }

    @Test
    void everyCriterionHasACase() throws Exception {
        List<Class<?>> all = criterionClasses();
        assertTrue(all.size() >= 12, "found only " + all);
        assertEquals(List.of(), all.stream().filter(c -> !CASES.containsKey(c)).map(Class::getSimpleName).toList(),
                "criteria without a Jacobian case in " + getClass().getSimpleName());
        assertEquals(List.of(), CASES.keySet().stream().filter(c -> !all.contains(c)).map(Class::getSimpleName).toList());
    }

    @TestFactory
    Stream<DynamicTest> everyCriterion() {
        return CASES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().getSimpleName(), () -> {
            for (boolean avg : new boolean[] {true, false}) {
                Case c = e.getValue().get();
                assertEquals(e.getKey(), c.criterion().getClass());
                c.criterion().sizeAverage(avg);
                JacobianReport r = Jacobian.checkCriterion(c.criterion(), c.input(), c.target());
                assertTrue(r.passes(Jacobian.TOLERANCE), "sizeAverage " + avg + ": " + r);
                assertTrue(r.rows().size() >= 1, r.toString());
            }
        }));
    }
}
