package jtorch.nn.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.Jacobian;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LearnedSoftShrinkTest {
    static Tensor t64(double[] v, int... sizes) { return Tensor.of(v, sizes).to(Backends.ref()); }

    @Test void shrinksEachUnitByItsThreshold() {
        LearnedSoftShrink s = new LearnedSoftShrink(3, 0.5).to(DType.F64);
        s.theta().copy(t64(new double[] {0.5, 1, -2}, 3));
        Tensor y = s.forward(t64(new double[] {0.7, -0.7, 0.3, -2, 1.5, -0.25}, 2, 3));
        // unit 2 has a negative threshold: identity
        assertArrayEquals(new double[] {0.2, 0, 0.3, -1.5, 0.5, -0.25}, y.toDoubleArray(), 1e-12);
        Tensor g = s.backward(t64(new double[] {0.7, -0.7, 0.3, -2, 1.5, -0.25}, 2, 3), t64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertArrayEquals(new double[] {1, 0, 3, 4, 5, 6}, g.toDoubleArray(), 1e-12);
        // ∂L/∂θ_j = −Σ_b g ⊙ sign(y): unit 0: −(1·1 + 4·(−1)) = 3; unit 1: −(5·1) = −5; unit 2: no gradient
        assertArrayEquals(new double[] {3, -5, 0}, s.gradTheta().toDoubleArray(), 1e-12);
    }

    @Test void jacobianOfInputAndThresholds() {
        LearnedSoftShrink s = new LearnedSoftShrink(5, 0.2).to(DType.F64);
        s.theta().copy(t64(new double[] {0.2, 0.05, 0.4, 0.3, 0.15}, 5));
        Tensor x = t64(new double[] {0.9, -0.6, 0.1, -0.35, 0.55, -1.2, 0.3, 0.75, -0.05, 0.26, 0.45, 0.02, -0.5, 0.8, -0.33}, 3, 5);
        Jacobian.check(s, x).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void badShapesNameThem() {
        LearnedSoftShrink s = new LearnedSoftShrink(4, 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.forward(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("LearnedSoftShrink(4): expected input [B, 4], got [2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LearnedSoftShrink(0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new LearnedSoftShrink(3, Double.NaN));
        s.forward(Tensor.zeros(2, 4));
        e = assertThrows(IllegalArgumentException.class, () -> s.backward(Tensor.zeros(2, 4), Tensor.zeros(2, 5)));
        assertTrue(e.getMessage().contains("expected gradOutput [2, 4], got [2, 5]"), e.getMessage());
        assertEquals(0.1, s.clone().theta().get(2), 1e-7);
    }
}
