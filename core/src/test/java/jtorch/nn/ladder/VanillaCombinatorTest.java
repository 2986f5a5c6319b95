package jtorch.nn.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.Jacobian;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

public class VanillaCombinatorTest {
    static Tensor randn(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()); }

    /** A combinator of n units with every a_k drawn from N(0, 1) (the initial a's make most gradients zero). */
    public static VanillaCombinator randomized(int n, long seed) {
        VanillaCombinator m = new VanillaCombinator(n);
        Generator g = new Generator(seed);
        for (int k = 1; k <= 10; k++) m.a(k).copy(Tensor.randn(g, n));
        return m;
    }

    private static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }

    @Test void matchesTheFormulaUnitByUnit() {
        VanillaCombinator m = randomized(3, 7).to(DType.F64);
        Tensor z = randn(1, 4, 3), u = randn(2, 4, 3);
        Tensor y = m.forward(Table.of(z, u)).tensor();
        for (int b = 0; b < 4; b++) {
            for (int i = 0; i < 3; i++) {
                double[] a = new double[11];
                for (int k = 1; k <= 10; k++) a[k] = m.a(k).get(i);
                double uu = u.get(b, i), mu = a[1] * sigmoid(a[2] * uu + a[3]) + a[4] * uu + a[5];
                double v = a[6] * sigmoid(a[7] * uu + a[8]) + a[9] * uu + a[10];
                assertEquals((z.get(b, i) - mu) * v + mu, y.get(b, i), 1e-12);
            }
        }
    }

    @Test void passesTheJacobianForInputsAndEveryParameter() {
        Jacobian.check(randomized(3, 11).to(DType.F64), Table.of(randn(3, 5, 3), randn(4, 5, 3)))
                .assertBelow(Jacobian.TOLERANCE);
    }

    @Test void startsAtZeroOutputWithTheAuthorsInitialisation() {
        VanillaCombinator m = new VanillaCombinator(4);
        Tensor y = m.forward(Table.of(Tensor.randn(new Generator(1), 2, 4), Tensor.randn(new Generator(2), 2, 4))).tensor();
        assertEquals(0, y.abs().max(), 0);
        assertEquals(1, m.a(2).get(3), 0);
        assertEquals(1, m.a(7).get(0), 0);
    }

    @Test void badShapesNameTheModuleAndTheShapes() {
        VanillaCombinator m = new VanillaCombinator(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Table.of(Tensor.zeros(2, 3), Tensor.zeros(2, 4))));
        assertTrue(e.getMessage().contains("VanillaCombinator(3)") && e.getMessage().contains("[2, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.forward(Table.of(Tensor.zeros(2, 3))));
        assertThrows(IllegalArgumentException.class, () -> m.a(11));
        assertThrows(IllegalArgumentException.class, () -> new VanillaCombinator(0));
    }
}
