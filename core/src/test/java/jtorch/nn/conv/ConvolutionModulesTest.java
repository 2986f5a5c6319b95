package jtorch.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.Module;
import jtorch.nn.layer.Flatten;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Shapes, printing, errors, initialisation and the transposed-is-adjoint relation of the convolution modules. */
class ConvolutionModulesTest {

    private static int[] a(int... v) { return v; }

    private static Tensor randn(long seed, int... sizes) {
        return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref());
    }

    @Test void printsLikeTorch7() {
        assertEquals("nn.SpatialConvolution(1 -> 6, 5x5)", new SpatialConvolution(1, 6, 5).toString());
        assertEquals("nn.SpatialConvolution(3 -> 8, 3x3, 2,2, 1,1)", new SpatialConvolution(3, 8, 3, 2, 1).toString());
        assertEquals("nn.SpatialConvolution(4 -> 4, 1x3, 2,1, dilation 1,2, groups 4, without bias)",
                new SpatialConvolution(4, 4, a(3, 1), a(1, 2), a(0, 0), a(2, 1), 4, false).toString());
        assertEquals("nn.TemporalConvolution(3 -> 5, 7)", new TemporalConvolution(3, 5, 7).toString());
        assertEquals("nn.VolumetricConvolution(2 -> 3, 3x3x3, 1,1,1, 1,1,1)",
                new VolumetricConvolution(2, 3, 3, 1, 1).toString());
        assertEquals("nn.SpatialFullConvolution(8 -> 3, 4x4, 2,2, 1,1, output padding 1,1)",
                new SpatialFullConvolution(8, 3, 4, 2, 1, 1).toString());
        assertEquals("nn.Flatten", new Flatten().toString());
    }

    @Test void torch7ArgumentOrderIsWidthFirst() {
        SpatialConvolution c = new SpatialConvolution(2, 4, 5, 3, 2, 1, 2, 1);       // kW 5, kH 3, dW 2, dH 1, padW 2, padH 1
        assertArrayEquals(new int[] {4, 2, 3, 5}, c.weight().sizes());
        assertArrayEquals(new int[] {1, 2}, c.spec().stride());
        assertArrayEquals(new int[] {1, 2}, c.spec().padding());
        assertEquals("nn.SpatialConvolution(2 -> 4, 5x3, 2,1, 2,1)", c.toString());
        assertArrayEquals(new int[] {1, 4, 7, 5}, c.forward(Tensor.zeros(1, 2, 7, 9)).tensor().sizes()); // 7+2-3+1, (9+4-5)/2+1
        VolumetricConvolution v = new VolumetricConvolution(1, 2, 3, 5, 4, 1, 2, 1, 0, 2, 0);  // kT 3, kW 5, kH 4
        assertArrayEquals(new int[] {2, 1, 3, 4, 5}, v.weight().sizes());
        assertEquals("nn.VolumetricConvolution(1 -> 2, 3x5x4, 1,2,1, 0,2,0)", v.toString());
        SpatialFullConvolution f = new SpatialFullConvolution(3, 2, 4, 2, 2, 1, 1, 0, 1, 0);
        assertArrayEquals(new int[] {3, 2, 2, 4}, f.weight().sizes());
        assertArrayEquals(new int[] {1, 2, 5, 11}, f.forward(Tensor.zeros(1, 3, 4, 5)).tensor().sizes()); // (4-1)+2, (5-1)*2-2+4+1
    }

    @Test void outputShapes() {
        Tensor x = Tensor.zeros(2, 3, 28, 27);
        assertArrayEquals(a(2, 6, 24, 23), new SpatialConvolution(3, 6, 5).forward(x).sizes());
        assertArrayEquals(a(2, 6, 14, 14), new SpatialConvolution(3, 6, 3, 2, 1).forward(x).sizes());
        // transposed: (S − 1)s − 2p + (K − 1) + 1 + outputPadding
        assertArrayEquals(a(2, 4, 55, 53), new SpatialFullConvolution(3, 4, 3, 2, 1, 0).forward(x).sizes());
        assertArrayEquals(a(2, 4, 56, 54), new SpatialFullConvolution(3, 4, 3, 2, 1, 1).forward(x).sizes());
        assertArrayEquals(a(1, 2, 9), new TemporalFullConvolution(3, 2, 3, 2, 0, 0).forward(Tensor.zeros(1, 3, 4)).sizes());
        assertArrayEquals(a(1, 5, 3, 4, 4), new VolumetricConvolution(2, 5, 2).forward(Tensor.zeros(1, 2, 4, 5, 5)).sizes());
        assertArrayEquals(a(2, 3 * 28 * 27), new Flatten().forward(x).sizes());
    }

    private static void fails(Executable e, String... parts) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String p : parts) assertTrue(ex.getMessage().contains(p), "'" + ex.getMessage() + "' should contain '" + p + "'");
    }

    @Test void badInputNamesModuleExpectedAndActualShape() {
        SpatialConvolution c = new SpatialConvolution(1, 6, 5);
        fails(() -> c.forward(Tensor.zeros(1, 28, 28)), "SpatialConvolution(1 -> 6, 5x5)", "expected input [B, 1, H, W]",
                "got [1, 28, 28]");
        fails(() -> c.forward(Tensor.zeros(2, 3, 28, 28)), "expected input [B, 1, H, W]", "got [2, 3, 28, 28]");
        fails(() -> c.forward(Tensor.zeros(2, 1, 4, 28)), "kernel [5, 5]", "got [2, 1, 4, 28]");
        c.forward(Tensor.zeros(2, 1, 6, 6));
        fails(() -> c.backward(Tensor.zeros(2, 1, 6, 6), Tensor.zeros(2, 6, 3, 2)), "gradOutput has shape [2, 6, 3, 2]",
                "[2, 6, 2, 2]");
        fails(() -> new TemporalConvolution(3, 4, 3).forward(Tensor.zeros(2, 4, 9)), "TemporalConvolution(3 -> 4, 3)",
                "[B, 3, L]", "got [2, 4, 9]");
        fails(() -> new VolumetricFullConvolution(2, 2, 2, 1, 0, 0).forward(Tensor.zeros(2, 2, 4, 4)), "[B, 2, D, H, W]");
        fails(() -> new SpatialConvolution(6, 4, a(3, 3), a(1, 1), a(0, 0), a(1, 1), 4, true), "groups (4) must divide");
        fails(() -> new SpatialConvolution(2, 4, a(3), a(1), a(0), a(1), 1, true), "need 2 entries each");
        fails(() -> new SpatialFullConvolution(2, 4, 3, 2, 0, 2), "output padding must be in [0, max(stride, dilation))");
        fails(() -> new Flatten().forward(Tensor.zeros(5)), "Flatten", "got [5]");
    }

    /** Torch7's default: U(−1/√(fan in), 1/√(fan in)) with fan in = nIn/G · ΠK. */
    @Test void defaultInitialisation() {
        SpatialConvolution c = new SpatialConvolution(6, 16, a(5, 5), a(1, 1), a(0, 0), a(1, 1), 2, true);
        double stdv = 1 / Math.sqrt(3 * 25);
        assertArrayEquals(a(16, 3, 5, 5), c.weight().sizes());
        assertTrue(c.weight().max() <= stdv && c.weight().min() >= -stdv && c.weight().max() > 0.9 * stdv);
        assertTrue(c.bias().max() <= stdv && c.bias().min() >= -stdv);
        assertArrayEquals(a(6, 2, 4, 4), new SpatialFullConvolution(6, 4, a(4, 4), a(2, 2), a(1, 1), a(0, 0), a(1, 1), 2,
                true).weight().sizes());
    }

    /** ⟨conv(x), y⟩ = ⟨x, convᵀ(y)⟩ with the same weight and geometry, including an output padding. */
    @Test void fullConvolutionIsTheAdjoint() {
        int[] k = a(3, 2), s = a(2, 3), p = a(1, 0), d = a(1, 2);
        SpatialConvolution conv = new SpatialConvolution(4, 6, k, s, p, d, 2, false).to(DType.F64);
        SpatialFullConvolution full = new SpatialFullConvolution(6, 4, k, s, p, a(1, 2), d, 2, false).to(DType.F64);
        full.weight().copy(conv.weight());
        Tensor y = randn(2, 2, 6, 4, 3), back = full.forward(y);
        Tensor x = randn(1, back.sizes());
        Tensor cx = conv.forward(x);
        assertArrayEquals(y.sizes(), cx.sizes());
        assertEquals(cx.mul(y).sum(), x.mul(back).sum(), 1e-10 * (1 + Math.abs(cx.mul(y).sum())));
    }

    /** A Torch7-layout sequence [B, T, F] given as the view x.transpose(1, 2) equals the contiguous [B, F, T] input. */
    @Test void temporalReadsTransposedTorch7Layout() {
        TemporalConvolution c = new TemporalConvolution(3, 2, 3, 1, 1);
        Tensor btf = Tensor.randn(new Generator(5), 2, 7, 3), view = btf.transpose(1, 2);
        float[] fromView = c.forward(view).toFloatArray();
        assertArrayEquals(c.forward(view.contiguous()).toFloatArray(), fromView);
        Module copy = c.clone();
        assertArrayEquals(fromView, ((TemporalConvolution) copy).forward(view).toFloatArray());
    }

    /** Bias gradient = Σ over batch and positions; weight gradient accumulates with the scale. */
    @Test void gradientsAccumulateWithScale() {
        SpatialConvolution c = new SpatialConvolution(2, 3, 3, 1, 1).to(DType.F64);
        Tensor x = randn(3, 2, 2, 5, 4), g = randn(4, 2, 3, 5, 4);
        c.zeroGradParameters();
        c.forward(x);
        c.backward(x, g, 1);
        Tensor once = c.gradWeight().clone();
        c.backward(x, g, 0.5);
        assertEquals(1.5 * once.sum(), c.gradWeight().sum(), 1e-9 * (1 + Math.abs(once.sum())));
        for (int o = 0; o < 3; o++) assertEquals(1.5 * g.select(1, o).sum(), c.gradBias().get(o), 1e-9);
    }
}
