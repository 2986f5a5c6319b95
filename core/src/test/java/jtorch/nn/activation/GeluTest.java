package jtorch.nn.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import jtorch.nn.Jacobian;
import jtorch.nn.ModuleArgs;
import jtorch.nn.norm.LayerNormalization;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The exact (erf) GELU against x Φ(x) from the F64 erf definition, its Jacobian in F64, F32 (cpu kernels) against
 * F64, its distance from the tanh form, and the saved {@code exact} argument (old descriptions without it load as the
 * tanh form); LayerNormalization without bias (no β parameter, y = x̂ ⊙ γ, Jacobian, saved argument).
 */
class GeluTest {
    private static double phi(double x) { return 0.5 * (1 + jtorch.backend.UnaryOp.ERF.apply(x / Math.sqrt(2), 0, 0)); }

    @Test void exactFormIsXTimesPhi() {
        double[] xs = {-6, -3, -1.5, -0.5, -1e-3, 0, 1e-3, 0.5, 1, 2.5, 4, 8};
        Tensor x = Tensor.of(xs, xs.length);
        double[] y = new GELU(true).forward(x).toTensor("y").toDoubleArray();
        for (int i = 0; i < xs.length; i++) assertEquals(xs[i] * phi(xs[i]), y[i], 1e-15 * (1 + Math.abs(xs[i])), "x=" + xs[i]);
        assertEquals(0.8413447460685429, y[8], 1e-15);  // GELU(1) = Φ(1)
    }

    @Test void exactFormGradientsCheck() {
        Tensor x = Tensor.randn(new Generator(3), 4, 5).mulInPlace(2).to(DType.F64);
        Jacobian.check(new GELU(true).to(DType.F64), x).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void f32KernelsFollowF64() {
        Tensor x = Tensor.randn(new Generator(4), 3000).mulInPlace(3);
        GELU g32 = new GELU(true), g64 = new GELU(true).to(DType.F64);
        Tensor go = Tensor.randn(new Generator(5), 3000);
        double[] y32 = g32.forward(x).toTensor("y").toDoubleArray(), y64 = g64.forward(x.to(DType.F64)).toTensor("y").toDoubleArray();
        double[] d32 = g32.backward(x, go).toTensor("g").toDoubleArray();
        double[] d64 = g64.backward(x.to(DType.F64), go.to(DType.F64)).toTensor("g").toDoubleArray();
        for (int i = 0; i < y32.length; i++) {
            assertEquals(y64[i], y32[i], 2e-6 * (1 + Math.abs(y64[i])), "forward " + i);
            assertEquals(d64[i], d32[i], 2e-6 * (1 + Math.abs(d64[i])), "backward " + i);
        }
        double far = new GELU(true).forward(x).toTensor("a").sub(new GELU(false).forward(x).toTensor("b")).abs().max();
        assertTrue(far > 1e-5 && far < 5e-4, "exact vs tanh form: max difference " + far);
    }

    @Test void savedArgumentAndDefault() {
        assertEquals(Map.of("exact", true), GELU.TYPE.argsOf(new GELU(true)));
        assertTrue(GELU.TYPE.build().apply(new ModuleArgs("test", Map.of("exact", true)), java.util.List.of()).isExact());
        assertFalse(GELU.TYPE.build().apply(new ModuleArgs("test", Map.of()), java.util.List.of()).isExact());
        assertFalse(new GELU().isExact());
    }

    @Test void layerNormWithoutBias() {
        LayerNormalization n = new LayerNormalization(new int[] {4}, 1e-5, true, false);
        assertEquals(1, n.parameters().weights().size());
        assertEquals(null, n.bias());
        n.weight().copy(Tensor.of(new double[] {1, 2, -1, 0.5}, 4));
        Tensor x = Tensor.randn(new Generator(6), 3, 4);
        Tensor want = new LayerNormalization(new int[] {4}, 1e-5, false).forward(x).toTensor("xh").mul(n.weight().view(1, 4));
        assertEquals(0, n.forward(x).toTensor("y").sub(want).abs().max(), 1e-6);
        Jacobian.check(n.to(DType.F64), x.to(DType.F64)).assertBelow(Jacobian.TOLERANCE);
        assertEquals(false, LayerNormalization.TYPE.argsOf(n).get("bias"));
    }
}
