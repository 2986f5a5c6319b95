package jtorch.nn.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import jtorch.backend.Backends;
import jtorch.io.Model;
import jtorch.nn.Jacobian;
import jtorch.nn.Module;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalizationTest {

    private static Tensor randn64(long seed, int... s) { return Tensor.randn(DType.F64, new Generator(seed), s).to(Backends.ref()); }

    private static <M extends Module> M randomAffine(M m, long seed) {
        for (Module.Parameter p : m.namedParameters()) p.weight().copy(Tensor.randn(new Generator(seed++), p.weight().sizes()));
        return m;
    }

    /** The biased variance of channel c of x [B, C, H, W]. */
    private static double xcVar(Tensor x, int c) {
        return x.permute(1, 0, 2, 3).reshape(x.size(1), x.numel() / x.size(1)).select(0, c).var(0, false, false).item();
    }

    @Test
    void batchNormStandardisesPerChannelAndTracksRunningStatistics() {
        SpatialBatchNormalization bn = new SpatialBatchNormalization(3, 1e-5, 0.1, false).to(DType.F64);
        Tensor x = randn64(1, 4, 3, 5, 5).mulInPlace(3).addInPlace(2);
        Tensor y = bn.forward(x);
        Tensor perChannel = y.permute(1, 0, 2, 3).reshape(3, 100);
        for (int c = 0; c < 3; c++) {
            assertEquals(0, perChannel.select(0, c).mean(), 1e-12);
            double v = xcVar(x, c);
            assertEquals(v / (v + 1e-5), perChannel.select(0, c).var(0, false, false).item(), 1e-12); // σ²/(σ² + ε)
        }
        Tensor xc = x.permute(1, 0, 2, 3).reshape(3, 100);
        for (int c = 0; c < 3; c++) {
            Tensor row = xc.select(0, c);
            assertEquals(0.1 * row.mean(), bn.runningMean().get(c), 1e-12);
            assertEquals(0.9 + 0.1 * row.var(0, true, false).item(), bn.runningVar().get(c), 1e-12); // unbiased
        }
        // evaluation mode uses the running statistics
        bn.evaluate();
        Tensor ye = bn.forward(x);
        double want = (x.get(1, 2, 3, 4) - bn.runningMean().get(2)) / Math.sqrt(bn.runningVar().get(2) + 1e-5);
        assertEquals(want, ye.get(1, 2, 3, 4), 1e-12);
        assertEquals("nn.SpatialBatchNormalization (4D) (3, without affine)", bn.toString());
        assertEquals("nn.BatchNormalization (2D) (10)", new BatchNormalization(10).toString());
    }

    @Test
    void batchNormJacobianInEvaluationModeAndWithoutAffine() {
        BatchNormalization bn = randomAffine(new BatchNormalization(3), 2);
        bn.forward(randn64(3, 5, 3).to(DType.F32).to(Backends.cpu())); // some running statistics
        BatchNormalization b64 = bn.to(DType.F64);
        b64.evaluate();
        Jacobian.check(b64, randn64(4, 4, 3)).assertBelow(Jacobian.TOLERANCE);
        VolumetricBatchNormalization v = randomAffine(new VolumetricBatchNormalization(2), 5).to(DType.F64);
        v.forward(randn64(6, 3, 2, 2, 2, 2));
        v.evaluate();
        Jacobian.check(v, randn64(7, 2, 2, 2, 3, 2)).assertBelow(Jacobian.TOLERANCE);
        SpatialBatchNormalization plain = new SpatialBatchNormalization(2, 1e-5, 0.1, false).to(DType.F64);
        Jacobian.check(plain, randn64(8, 2, 2, 2, 3)).assertBelow(Jacobian.TOLERANCE);
        plain.evaluate();
        Jacobian.check(plain, randn64(9, 2, 2, 2, 3)).assertBelow(Jacobian.TOLERANCE);
    }

    @Test
    void runningStatisticsAreSavedWithTheModel(@TempDir Path dir) {
        SpatialBatchNormalization bn = new SpatialBatchNormalization(2);
        for (int i = 0; i < 3; i++) bn.forward(Tensor.randn(new Generator(i), 4, 2, 3, 3).addInPlace(i));
        assertTrue(bn.stateDict().containsKey("running_mean") && bn.stateDict().containsKey("running_var"));
        Path f = dir.resolve("bn.model");
        Model.save(bn, f);
        Module back = Model.load(f);
        assertArrayEquals(bn.runningMean().toFloatArray(), ((SpatialBatchNormalization) back).runningMean().toFloatArray());
        assertArrayEquals(bn.runningVar().toFloatArray(), ((SpatialBatchNormalization) back).runningVar().toFloatArray());
        Tensor x = Tensor.randn(new Generator(9), 1, 2, 3, 3);
        bn.evaluate();
        back.evaluate();
        assertArrayEquals(bn.forward(x).toFloatArray(), ((SpatialBatchNormalization) back).forward(x).toFloatArray());
    }

    @Test
    void batchNormErrorsNameTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpatialBatchNormalization(3).forward(Tensor.zeros(2, 4, 5, 5)));
        assertTrue(e.getMessage().contains("expected input [B, 3, H, W], got [2, 4, 5, 5]"), e.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> new BatchNormalization(3).forward(Tensor.zeros(1, 3)));
        assertTrue(one.getMessage().contains("more than one value per channel"), one.getMessage());
        BatchNormalization single = new BatchNormalization(3).evaluate();
        assertEquals(1, single.forward(Tensor.ones(1, 3)).toFloatArray()[0], 1e-4);
    }

    @Test
    void layerAndGroupNormalisation() {
        Tensor x = randn64(10, 2, 4, 3, 2).mulInPlace(2).addInPlace(1);
        LayerNormalization ln = new LayerNormalization(new int[] {4, 3, 2}, 1e-5, false);
        GroupNormalization one = new GroupNormalization(1, 4, 1e-5, false);
        assertArrayEquals(ln.forward(x).toDoubleArray(), one.forward(x).toDoubleArray(), 1e-12);
        Tensor rows = ln.forward(x).reshape(2, 24);
        for (int b = 0; b < 2; b++) assertEquals(0, rows.select(0, b).mean(), 1e-12);
        // G = C: instance normalisation, each (b, c) map standardised on its own
        Tensor inst = new GroupNormalization(4, 4, 1e-5, false).forward(x).reshape(8, 6);
        for (int i = 0; i < 8; i++) assertEquals(0, inst.select(0, i).mean(), 1e-12);
        assertEquals(5.0 / 6, inst.select(0, 3).square().mean(), 0.2);
        assertEquals("nn.LayerNormalization(4x3x2, without affine)", ln.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LayerNormalization(3).forward(x));
        assertTrue(e.getMessage().contains("expected input [B, *, 3], got [2, 4, 3, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GroupNormalization(3, 4));
    }

    @Test
    void crossMapLrnAndNormalizeByHand() {
        // size 3 over 3 channels at one position: s_c = k + α/3 · Σ window x²
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 1, 3, 1, 1).to(Backends.ref());
        double[] y = new SpatialCrossMapLRN(3, 0.3, 0.5, 2).forward(x).toDoubleArray();
        double[] s = {2 + 0.1 * 5, 2 + 0.1 * 14, 2 + 0.1 * 13};
        for (int c = 0; c < 3; c++) assertEquals((c + 1) / Math.sqrt(s[c]), y[c], 1e-12);
        Tensor v = Tensor.of(new double[] {3, -4, 1, 1}, 2, 2).to(Backends.ref());
        assertArrayEquals(new double[] {0.6, -0.8, Math.sqrt(0.5), Math.sqrt(0.5)}, new Normalize(2).forward(v).toDoubleArray(), 1e-9);
        assertArrayEquals(new double[] {0.75, -1, 1, 1}, new Normalize(Double.POSITIVE_INFINITY).forward(v).toDoubleArray(), 1e-9);
        Jacobian.check(new Normalize(Double.POSITIVE_INFINITY), randn64(11, 3, 4)).assertBelow(Jacobian.TOLERANCE);
        Jacobian.check(new Normalize(2), randn64(12, 3, 4)).assertBelow(Jacobian.TOLERANCE);
        Jacobian.check(new Normalize(1), randn64(13, 3, 4)).assertBelow(Jacobian.TOLERANCE);
        Jacobian.check(new SpatialCrossMapLRN(4, 1, 0.75, 1), randn64(14, 2, 5, 2, 2)).assertBelow(Jacobian.TOLERANCE);
        assertEquals("nn.Normalize(2)", new Normalize(2).toString());
        assertEquals("nn.Normalize(inf)", new Normalize(Double.POSITIVE_INFINITY).toString());
    }
}
