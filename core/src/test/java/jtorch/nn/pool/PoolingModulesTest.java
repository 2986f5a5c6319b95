package jtorch.nn.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jtorch.backend.Backends;
import jtorch.nn.Module;
import jtorch.nn.TensorModule;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PoolingModulesTest {

    private static Tensor randn64(long seed, int... s) { return Tensor.randn(DType.F64, new Generator(seed), s).to(Backends.ref()); }

    @Test
    void logSumExpTendsToMaxAndToAverage() {
        Tensor x = randn64(1, 2, 3, 6, 6);
        Tensor max = new SpatialMaxPooling(3, 3, 2, 2, 1, 1).forward(x);
        Tensor avg = new SpatialAveragePooling(3, 3, 2, 2, 1, 1).setCountExcludePad().forward(x);
        Tensor hot = new SpatialLogSumExpPooling(3, 3, 2, 2, 1, 1, 1e6).forward(x);
        Tensor cold = new SpatialLogSumExpPooling(3, 3, 2, 2, 1, 1, 1e-9).forward(x);
        double[] m = max.toDoubleArray(), a = avg.toDoubleArray(), h = hot.toDoubleArray(), c = cold.toDoubleArray();
        for (int i = 0; i < m.length; i++) {
            // y - max ∈ [log(1/n)/β, 0] with n ≤ 9 valid positions
            assertTrue(h[i] <= m[i] + 1e-12 && h[i] >= m[i] - Math.log(9) / 1e6 - 1e-12, "β = 1e6: " + h[i] + " vs max " + m[i]);
            // y - mean = β·var/2 + O(β²): below 1e-8 here
            assertEquals(a[i], c[i], 1e-8, "β = 1e-9 vs the average");
        }
        // in between: strictly between the two for a window with distinct values
        Tensor mid = new SpatialLogSumExpPooling(3, 3, 2, 2, 1, 1, 1).forward(x);
        double v = mid.toDoubleArray()[0];
        assertTrue(v > a[0] && v < m[0], a[0] + " < " + v + " < " + m[0]);
        // the cpu F32 kernel agrees at both extremes
        TensorModule hotCpu = new SpatialLogSumExpPooling(3, 3, 2, 2, 1, 1, 1e6);
        assertArrayEquals(h, hotCpu.forward(x.to(DType.F32).to(Backends.cpu())).toDoubleArray(), 1e-5);
        TensorModule coldCpu = new SpatialLogSumExpPooling(3, 3, 2, 2, 1, 1, 1e-9);
        assertArrayEquals(c, coldCpu.forward(x.to(DType.F32).to(Backends.cpu())).toDoubleArray(), 1e-5);
    }

    @Test
    void averagePoolingCountsPaddingOrNot() {
        Tensor x = Tensor.ones(DType.F64, 1, 1, 3, 3).to(Backends.ref());
        double[] incl = new SpatialAveragePooling(2, 2, 2, 2, 1, 1).forward(x).toDoubleArray();
        double[] excl = new SpatialAveragePooling(2, 2, 2, 2, 1, 1).setCountExcludePad().forward(x).toDoubleArray();
        assertArrayEquals(new double[] {0.25, 0.5, 0.5, 1}, incl, 1e-15);
        assertArrayEquals(new double[] {1, 1, 1, 1}, excl, 1e-15);
        assertEquals("nn.SpatialAveragePooling(2x2, 2,2, 1,1)", new SpatialAveragePooling(2, 2, 2, 2, 1, 1).toString());
    }

    @Test
    void lpPoolingIsTheWindowNorm() {
        Tensor x = randn64(2, 2, 3, 4, 6).absInPlace();
        double[] l2 = new SpatialLPPooling(3, 2, 2, 2).forward(x).toDoubleArray();
        double[] sumSq = new SpatialAveragePooling(2, 2, 2, 2).forward(x.square()).mulInPlace(4).sqrtInPlace().toDoubleArray();
        assertArrayEquals(sumSq, l2, 1e-12);
        double[] l1 = new SpatialLPPooling(3, 1, 2, 2).forward(x).toDoubleArray();
        assertArrayEquals(new SpatialAveragePooling(2, 2, 2, 2).forward(x).mulInPlace(4).toDoubleArray(), l1, 1e-12);
        double[] big = new SpatialLPPooling(3, 200, 2, 2).forward(x).toDoubleArray();
        double[] max = new SpatialMaxPooling(2, 2).forward(x).toDoubleArray();
        for (int i = 0; i < max.length; i++) assertEquals(max[i], big[i], max[i] * Math.log(4) / 200 + 1e-12, "p = 200 ≈ max");
        assertThrows(IllegalArgumentException.class, () -> new SpatialLPPooling(2, 2, 2, 2).forward(x)); // 3 planes
    }

    @Test
    void adaptiveAndGlobalPooling() {
        Tensor x = randn64(3, 2, 3, 8, 6);
        // a size that divides the input: the same as regular pooling
        assertArrayEquals(new SpatialMaxPooling(3, 2).forward(x).toDoubleArray(),
                new SpatialAdaptiveMaxPooling(2, 4).forward(x).toDoubleArray());
        assertArrayEquals(new SpatialAveragePooling(2, 4, 2, 4).forward(x).toDoubleArray(),
                new SpatialAdaptiveAveragePooling(3, 2).forward(x).toDoubleArray(), 1e-15);
        // 1×1: global pooling, flattened to [B, C]
        Tensor g = new GlobalAveragePooling().forward(x);
        assertArrayEquals(new int[] {2, 3}, g.sizes());
        assertArrayEquals(new SpatialAdaptiveAveragePooling(1, 1).forward(x).toDoubleArray(), g.toDoubleArray(), 1e-15);
        assertArrayEquals(new SpatialAdaptiveMaxPooling(1, 1).forward(x).toDoubleArray(),
                new GlobalMaxPooling().forward(x).toDoubleArray());
        // uneven windows: L = 5 into 3 covers [0, 2), [1, 4), [3, 5)
        Tensor r = Tensor.of(new double[] {1, 5, 2, 4, 3}, 1, 1, 5).to(Backends.ref());
        assertArrayEquals(new double[] {5, 5, 4}, new TemporalAdaptiveMaxPooling(3).forward(r).toDoubleArray());
        assertArrayEquals(new double[] {3, 11 / 3.0, 3.5}, new TemporalAdaptiveAveragePooling(3).forward(r).toDoubleArray(), 1e-15);
        assertEquals("nn.SpatialAdaptiveMaxPooling(2x4)", new SpatialAdaptiveMaxPooling(2, 4).toString());
    }

    @Test
    void maxoutTakesTheMaxOfEachGroup() {
        Tensor x = Tensor.of(new double[] {1, 7, 3, -1, 4, 2}, 1, 6).to(Backends.ref());
        Maxout m = new Maxout(3);
        assertArrayEquals(new double[] {7, 4}, m.forward(x).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 0, 0, 2, 0}, m.backward(x, Tensor.of(new double[] {1, 2}, 1, 2)
                .to(Backends.ref())).toDoubleArray());
        Tensor maps = randn64(4, 2, 4, 3, 3);
        assertArrayEquals(new int[] {2, 2, 3, 3}, new Maxout(2).forward(maps).sizes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Maxout(3).forward(maps));
        assertTrue(e.getMessage().contains("Maxout(3)") && e.getMessage().contains("[2, 4, 3, 3]"), e.getMessage());
    }

    @Test
    void unpoolingPutsTheMaximaBack() {
        Tensor x = randn64(5, 2, 3, 4, 6);
        SpatialMaxPooling pool = new SpatialMaxPooling(2, 2);
        SpatialMaxUnpooling unpool = new SpatialMaxUnpooling(pool);
        Tensor y = unpool.forward(pool.forward(x));
        assertArrayEquals(x.sizes(), y.sizes());
        Tensor kept = x.mul(y.ne(0)); // the maxima, zeros elsewhere
        assertArrayEquals(kept.toDoubleArray(), y.toDoubleArray(), 0.0); // -0.0 == 0.0
        assertEquals(x.numel() / 4, (int) y.ne(0).sum());
        assertEquals("nn.SpatialMaxUnpooling associated to nn.SpatialMaxPooling(2x2, 2,2)", unpool.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SpatialMaxUnpooling(null).forward(y));
        assertTrue(e.getMessage().contains("not linked"), e.getMessage());
    }

    @Test
    void aCloneOfAnEncoderDecoderUnpoolsWithItsOwnPooling() {
        SpatialMaxPooling pool = new SpatialMaxPooling(2, 2);
        jtorch.nn.Sequential net = new jtorch.nn.Sequential().add(pool).add(new SpatialMaxUnpooling(pool));
        jtorch.nn.Sequential copy = net.clone(), shared = net.sharedClone(false);
        for (jtorch.nn.Sequential c : List.of(copy, shared)) {
            assertTrue(((SpatialMaxUnpooling) c.get(1)).pooling() == c.get(0), "the clone's unpooling links the clone's pooling");
        }
        Tensor a = randn64(1, 1, 1, 4, 4), b = randn64(2, 2, 1, 4, 4);
        Tensor ya = copy.forward(a).tensor().clone();
        net.forward(b);                                          // the original's indices change; the copy's must not matter
        assertArrayEquals(ya.toDoubleArray(), copy.forward(a).tensor().toDoubleArray(), 0.0);
        assertTrue(((SpatialMaxUnpooling) new SpatialMaxUnpooling(pool).clone()).pooling() == pool);
    }

    @Test
    void oneAndThreeDimensionalShapesNamesAndErrors() {
        assertArrayEquals(new int[] {2, 3, 4}, new TemporalMaxPooling(2).forward(Tensor.zeros(2, 3, 9)).sizes());
        assertArrayEquals(new int[] {2, 3, 5}, new TemporalMaxPooling(2).ceil(true).forward(Tensor.zeros(2, 3, 9)).sizes());
        assertArrayEquals(new int[] {1, 2, 2, 3, 2}, new VolumetricMaxPooling(2, 2, 2).forward(Tensor.zeros(1, 2, 4, 7, 5)).sizes());
        assertArrayEquals(new int[] {1, 2, 3, 4, 3}, new VolumetricAveragePooling(2, 2, 2, 1, 2, 2, 0, 1, 1)
                .forward(Tensor.zeros(1, 2, 4, 7, 5)).sizes());
        assertEquals("nn.VolumetricMaxPooling(2x3x4, 1,2,3)", new VolumetricMaxPooling(2, 3, 4, 1, 2, 3).toString());
        assertEquals("nn.TemporalMaxPooling(3, 2, 1)", new TemporalMaxPooling(3, 2, 1).toString());
        List<Module> all = List.of(new TemporalMaxPooling(2), new SpatialMaxPooling(2, 2), new VolumetricMaxPooling(2, 2, 2));
        for (Module m : all) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(2, 3)));
            assertTrue(e.getMessage().startsWith(m.name() + ": expected input [B, C, ") && e.getMessage().endsWith("got [2, 3]"),
                    e.getMessage());
        }
    }

    @Test
    void cpuModulesMatchTheReferenceOnViews() {
        Tensor base = randn64(6, 2, 3, 11, 10);
        Tensor view64 = base.transpose(2, 3), view32 = base.to(DType.F32).to(Backends.cpu()).transpose(2, 3);
        List<java.util.function.Supplier<TensorModule>> ms = List.of(() -> new SpatialMaxPooling(3, 3, 2, 2, 1, 1).ceil(),
                () -> new SpatialAveragePooling(3, 2, 3, 1, 1, 1), () -> new SpatialLogSumExpPooling(2, 2, 3.0),
                () -> new SpatialAdaptiveMaxPooling(4, 3), () -> new SpatialAdaptiveAveragePooling(3, 4));
        for (var s : ms) {
            TensorModule a = s.get(), b = s.get();
            Tensor ya = a.forward(view64), yb = b.forward(view32);
            assertArrayEquals(ya.toDoubleArray(), yb.toDoubleArray(), 1e-5, a.name());
            Tensor g = randn64(7, ya.sizes());
            assertArrayEquals(a.backward(view64, g).toDoubleArray(),
                    b.backward(view32, g.to(DType.F32).to(Backends.cpu())).toDoubleArray(), 1e-5, a.name());
        }
    }
}
