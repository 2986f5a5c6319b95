package jtorch.nn.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.TensorModule;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Local contrast normalisation against a direct transcription of Torch7's definition (zero-padded correlation with
 * the kernel normalised by ΣK·C, summed over channels, divided by the same sums over an image of ones).
 */
class LocalContrastTest {

    private static Tensor randn64(long seed, int... s) { return Tensor.randn(DType.F64, new Generator(seed), s).to(Backends.ref()); }

    /** Torch7's meanestimator output / coef at (b, h, w) for map values v[b][c][h][w] and a 2-d kernel k. */
    private static double localMean(double[][][][] v, double[][] k, int b, int h, int w, boolean squares) {
        int C = v[0].length, H = v[0][0].length, W = v[0][0][0].length, kh = k.length, kw = k[0].length;
        double sumK = 0;
        for (double[] row : k) for (double e : row) sumK += e;
        double s = 0, inside = 0;
        for (int c = 0; c < C; c++) for (int i = 0; i < kh; i++) for (int j = 0; j < kw; j++) {
            int y = h + i - kh / 2, x = w + j - kw / 2;
            if (y < 0 || y >= H || x < 0 || x >= W) continue;
            double val = v[b][c][y][x];
            s += k[i][j] / (sumK * C) * (squares ? val * val : val);
            inside += k[i][j] / (sumK * C);
        }
        return squares ? Math.sqrt(s) / inside : s / inside;
    }

    private static double[][][][] array(Tensor x) {
        double[][][][] a = new double[x.size(0)][x.size(1)][x.size(2)][x.size(3)];
        for (int b = 0; b < a.length; b++) for (int c = 0; c < a[0].length; c++) for (int h = 0; h < a[0][0].length; h++)
            for (int w = 0; w < a[0][0][0].length; w++) a[b][c][h][w] = x.get(b, c, h, w);
        return a;
    }

    private static double[][] kernel2(Tensor k) {
        int kh = k.size(0), kw = k.dim() == 2 ? k.size(1) : k.size(0);
        double[][] r = new double[kh][kw];
        for (int i = 0; i < kh; i++) for (int j = 0; j < kw; j++) r[i][j] = k.dim() == 2 ? k.get(i, j) : k.get(i) * k.get(j);
        return r;
    }

    private static double[] subtractive(Tensor x, Tensor kernel) {
        double[][][][] v = array(x);
        double[][] k = kernel2(kernel);
        double[] out = new double[x.numel()];
        int n = 0;
        for (int b = 0; b < v.length; b++) for (int c = 0; c < v[0].length; c++) for (int h = 0; h < v[0][0].length; h++)
            for (int w = 0; w < v[0][0][0].length; w++) out[n++] = v[b][c][h][w] - localMean(v, k, b, h, w, false);
        return out;
    }

    private static double[] divisive(Tensor x, Tensor kernel, double th, double thv) {
        double[][][][] v = array(x);
        double[][] k = kernel2(kernel);
        double[] out = new double[x.numel()];
        int n = 0;
        for (int b = 0; b < v.length; b++) for (int c = 0; c < v[0].length; c++) for (int h = 0; h < v[0][0].length; h++)
            for (int w = 0; w < v[0][0][0].length; w++) {
                double a = localMean(v, k, b, h, w, true);
                out[n++] = v[b][c][h][w] / (a > th ? a : thv);
            }
        return out;
    }

    @Test
    void matchesTorch7sDefinitionWith2dAnd1dKernels() {
        Tensor x = randn64(1, 2, 3, 7, 6);
        Tensor k2 = Tensor.rand(DType.F64, new Generator(2), 3, 5).addInPlace(0.1), k1 = Kernels.gaussian1D(5, 0.25);
        for (Tensor k : new Tensor[] {k2, k1}) {
            Tensor kf = k.to(DType.F32).to(DType.F64); // the modules keep their kernel in F32
            TensorModule sub = new SpatialSubtractiveNormalization(3, k);
            assertArrayEquals(subtractive(x, kf), sub.forward(x).toDoubleArray(), 1e-12, "subtractive " + k.shape());
            TensorModule div = new SpatialDivisiveNormalization(3, k, 0.5, 0.7); // the threshold takes effect somewhere
            assertArrayEquals(divisive(x, kf, 0.5, 0.7), div.forward(x).toDoubleArray(), 1e-12, "divisive " + k.shape());
            TensorModule con = new SpatialContrastiveNormalization(3, k);
            Tensor centred = Tensor.of(subtractive(x, kf), x.sizes()).to(Backends.ref());
            assertArrayEquals(divisive(centred, kf, 1e-4, 1e-4), con.forward(x).toDoubleArray(), 1e-12, "contrastive " + k.shape());
        }
    }

    @Test
    void bordersAreCorrectedAConstantImageBecomesZero() {
        Tensor x = Tensor.full(DType.F64, 3.5, 1, 2, 6, 8).to(Backends.ref());
        TensorModule sub = new SpatialSubtractiveNormalization(2, Kernels.gaussian2D(5, 0.25));
        for (double v : sub.forward(x).toDoubleArray()) assertEquals(0, v, 1e-12);
        // Torch7 divides the local std √(Σ_inside K·x²/ΣK) by the kernel share f inside the image (not by √f): a
        // constant image gives 1 in the interior and √f at the border, e.g. √(4/9) at a corner of a 3×3 box
        SpatialDivisiveNormalization div = new SpatialDivisiveNormalization(2, Kernels.box(3));
        Tensor y = div.forward(x);
        assertEquals(1, y.get(0, 1, 2, 3), 1e-12);
        assertEquals(Math.sqrt(6 / 9.0), y.get(0, 0, 0, 3), 1e-12);
        assertEquals(Math.sqrt(4 / 9.0), y.get(0, 1, 5, 7), 1e-12);
    }

    @Test
    void namesKernelChecksAndShapes() {
        assertEquals("nn.SpatialContrastiveNormalization(3, 9x9)", new SpatialContrastiveNormalization(3).toString());
        assertEquals("nn.SpatialSubtractiveNormalization(1, 7 separable)",
                new SpatialSubtractiveNormalization(1, Kernels.gaussian1D(7, 0.25)).toString());
        IllegalArgumentException even = assertThrows(IllegalArgumentException.class,
                () -> new SpatialDivisiveNormalization(1, Tensor.ones(4, 4)));
        assertTrue(even.getMessage().contains("odd sizes"), even.getMessage());
        IllegalArgumentException planes = assertThrows(IllegalArgumentException.class,
                () -> new SpatialContrastiveNormalization(3).forward(Tensor.zeros(1, 2, 9, 9)));
        assertTrue(planes.getMessage().contains("expected input [B, 3, H, W], got [1, 2, 9, 9]"), planes.getMessage());
        // a kernel larger than the image still works (only the part inside counts)
        assertArrayEquals(new int[] {1, 1, 3, 2}, new SpatialContrastiveNormalization(1).forward(randn64(3, 1, 1, 3, 2)).sizes());
    }
}
