package jtorch.nn.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.Jacobian;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.unsup.sparse.Ista;
import jtorch.unsup.sparse.Lasso;
import jtorch.unsup.sparse.Stop;
import org.junit.jupiter.api.Test;

class LISTATest {
    static Tensor randn(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()); }

    @Test void fromADictionaryItIsIstaUnrolled() {
        Tensor d = randn(1, 6, 10);
        d.divInPlace(d.norm(2, 0, true));
        Lasso p = Lasso.of(d, 0.2);
        Tensor x = randn(2, 7, 6);
        for (int steps : new int[] {0, 1, 3}) {
            LISTA l = LISTA.fromDictionary(d, 0.2, p.lipschitz(), steps).to(DType.F64);
            double[] ista = Ista.solve(p, x, Stop.after(steps + 1)).codes().toDoubleArray();
            assertArrayEquals(ista, l.forward(x).toDoubleArray(), 1e-12, steps + " steps");
            assertEquals(6L * 10 + steps * 100L, l.multiplyAdds());
        }
    }

    @Test void jacobianWithActiveAndInactiveUnits() {
        Generator.manualSeed(3);
        LISTA l = new LISTA(4, 5, 3).to(DType.F64);
        l.theta().copy(Tensor.of(new double[] {0.05, 0.2, 0.1, 0.3, 0.02}, 5).to(Backends.ref()));
        Tensor x = randn(4, 3, 4);
        Tensor z = l.forward(x);
        double zeros = z.eq(0).sum();
        assertTrue(zeros > 0 && zeros < z.numel(), "some units shrunk to zero, some not: " + z);
        Jacobian.check(l, x).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void accGradParametersAloneEqualsBackward() {
        Generator.manualSeed(5);
        LISTA a = new LISTA(3, 4, 2).to(DType.F64), b = a.clone();
        Tensor x = randn(6, 5, 3), g = randn(7, 5, 4);
        a.forward(x);
        a.backward(x, g);
        b.forward(x);
        b.accGradParametersOnly(x, g, 1);
        assertArrayEquals(a.getParameters().gradients().toDoubleArray(), b.getParameters().gradients().toDoubleArray(), 1e-12);
        // a second backward with the same gradOutput object but new values is computed afresh
        a.zeroGradParameters();
        b.zeroGradParameters();
        g.mulInPlace(2);
        a.backward(x, g);
        b.forward(x);
        b.backward(x, g);
        assertArrayEquals(a.getParameters().gradients().toDoubleArray(), b.getParameters().gradients().toDoubleArray(), 1e-12);
    }

    @Test void badShapesAndSettingsNameThem() {
        LISTA l = new LISTA(4, 6, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(3, 5)));
        assertTrue(e.getMessage().contains("LISTA(4 -> 6, 2 steps): expected input [B, 4], got [3, 5]"), e.getMessage());
        l.forward(Tensor.zeros(3, 4));
        e = assertThrows(IllegalArgumentException.class, () -> l.backward(Tensor.zeros(3, 4), Tensor.zeros(3, 4)));
        assertTrue(e.getMessage().contains("expected gradOutput [3, 6], got [3, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LISTA(4, 6, -1));
        assertTrue(e.getMessage().contains("steps >= 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LISTA.fromDictionary(Tensor.zeros(4), 0.1, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> LISTA.fromDictionary(Tensor.zeros(4, 5), -0.1, 1, 2));
    }
}
