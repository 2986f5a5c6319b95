package jtorch.nn.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.DepthConcat;
import jtorch.nn.layer.Identity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SpatialLayersTest {

    private static Tensor t64(double[] v, int... s) { return Tensor.of(v, s).to(Backends.ref()); }

    @Test
    void paddingModes() {
        Tensor x = t64(new double[] {1, 2, 3}, 1, 1, 3);
        assertArrayEquals(new double[] {3, 2, 1, 2, 3, 2, 1}, new TemporalReflectionPadding(2, 2).forward(x).toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 1, 2, 3, 3, 3}, new TemporalReplicationPadding(2, 2).forward(x).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 2}, new TemporalZeroPadding(1, -1).forward(x).toDoubleArray());
        // backward of reflection: each input gets the gradients of the positions that read it
        TemporalReflectionPadding r = new TemporalReflectionPadding(2, 2);
        r.forward(x);
        Tensor g = t64(new double[] {1, 10, 100, 1000, 10000, 100000, 1000000}, 1, 1, 7);
        // outputs read 2, 1, 0, 1, 2, 1, 0: input 0 ← 100 + 1e6, 1 ← 10 + 1000 + 1e5, 2 ← 1 + 1e4
        assertArrayEquals(new double[] {1000100, 101010, 10001}, r.backward(x, g).toDoubleArray());
        Tensor img = Tensor.arange(DType.F64, 0, 6, 1).to(Backends.ref()).view(1, 1, 2, 3);
        Tensor padded = new SpatialZeroPadding(1, 0, 0, 1).forward(img);
        assertArrayEquals(new int[] {1, 1, 3, 4}, padded.sizes());
        assertArrayEquals(new double[] {0, 0, 1, 2, 0, 3, 4, 5, 0, 0, 0, 0}, padded.toDoubleArray());
        assertEquals("nn.SpatialZeroPadding(l=1, r=0, t=0, b=1)", new SpatialZeroPadding(1, 0, 0, 1).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpatialReflectionPadding(3, 3, 0, 0).forward(img));
        assertTrue(e.getMessage().contains("smaller than the input size") && e.getMessage().contains("[1, 1, 2, 3]"),
                e.getMessage());
    }

    @Test
    void upsampling() {
        Tensor x = t64(new double[] {1, 2, 3, 4}, 1, 1, 2, 2);
        assertArrayEquals(new double[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4},
                new SpatialUpSamplingNearest(2).forward(x).toDoubleArray());
        SpatialUpSamplingNearest n = new SpatialUpSamplingNearest(2);
        n.forward(x);
        assertArrayEquals(new double[] {4, 4, 4, 4}, n.backward(x, Tensor.ones(DType.F64, 1, 1, 4, 4).to(Backends.ref()))
                .toDoubleArray());
        // aligned corners: (2-1)·2+1 = 3, the middle is the average
        Tensor b = new SpatialUpSamplingBilinear(2).forward(x);
        assertArrayEquals(new double[] {1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4}, b.toDoubleArray(), 1e-12);
        assertArrayEquals(new int[] {1, 1, 4, 5}, SpatialUpSamplingBilinear.ofSize(4, 5).forward(x).sizes());
        // cpu F32 equals ref F64
        Tensor big = Tensor.randn(DType.F64, new Generator(1), 2, 3, 5, 4).to(Backends.ref());
        SpatialUpSamplingBilinear up64 = new SpatialUpSamplingBilinear(3), up32 = new SpatialUpSamplingBilinear(3);
        assertArrayEquals(up64.forward(big).toDoubleArray(), up32.forward(big.to(DType.F32).to(Backends.cpu())).toDoubleArray(), 1e-5);
    }

    @Test
    void pixelShuffleIsThePermutationAndBackwardItsInverse() {
        Tensor x = Tensor.arange(DType.F64, 0, 16, 1).to(Backends.ref()).view(1, 4, 2, 2);
        PixelShuffle p = new PixelShuffle(2);
        Tensor y = p.forward(x);
        // y[0, 0, h·2 + i, w·2 + j] = x[0, i·2 + j, h, w]
        assertArrayEquals(new double[] {0, 4, 1, 5, 8, 12, 9, 13, 2, 6, 3, 7, 10, 14, 11, 15}, y.toDoubleArray());
        assertArrayEquals(x.toDoubleArray(), p.backward(x, y).toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> p.forward(Tensor.zeros(1, 3, 2, 2)));
    }

    @Test
    void depthConcatCentresSmallerBranches() {
        DepthConcat dc = new DepthConcat(1).add(new Identity()).add(new SpatialZeroPadding(-1, -1, -1, -1))
                .add(new SpatialZeroPadding(-2, -3, -2, -3));
        Tensor x = Tensor.ones(DType.F64, 1, 1, 9, 9).to(Backends.ref());
        Tensor y = dc.forward(x);
        assertArrayEquals(new int[] {1, 3, 9, 9}, y.sizes());
        assertEquals(49, y.select(1, 1).sum()); // 7×7 at offset 1
        assertEquals(1, y.get(0, 1, 1, 1));
        assertEquals(0, y.get(0, 1, 0, 0));
        assertEquals(16, y.select(1, 2).sum()); // 4×4 at offset ⌊5/2⌋ = 2: rows 2..5
        assertEquals(1, y.get(0, 2, 2, 2));
        assertEquals(1, y.get(0, 2, 5, 5));
        assertEquals(0, y.get(0, 2, 6, 6));
        Tensor g = dc.backward(x, Tensor.ones(DType.F64, 1, 3, 9, 9).to(Backends.ref()));
        assertEquals(3, g.get(0, 0, 4, 4)); // the centre feeds all three branches
        assertEquals(1, g.get(0, 0, 0, 0));
        assertEquals("DepthConcat(1)", new DepthConcat(1).name());
    }

    @Test
    void spatialDropoutDropsWholeMaps() {
        SpatialDropout d = new SpatialDropout(0.5, new Generator(3));
        Tensor x = Tensor.ones(DType.F32, 200, 10, 3, 3);
        Tensor y = d.forward(x);
        int dropped = 0;
        for (int b = 0; b < 200; b++) for (int c = 0; c < 10; c++) {
            double s = y.select(0, b).select(0, c).sum();
            assertTrue(s == 0 || s == 18, "a map is all dropped or all kept (scaled by 2): " + s);
            if (s == 0) dropped++;
        }
        assertEquals(0.5, dropped / 2000.0, 0.05); // binomial sd 0.011
        d.evaluate();
        assertSame(x, d.forward(x));
        // the same generator state gives the same masks; the state is a saved buffer
        SpatialDropout a = new SpatialDropout(0.3, new Generator(9)), b = new SpatialDropout(0.3, new Generator(9));
        assertArrayEquals(a.forward(x).toFloatArray(), b.forward(x).toFloatArray());
        assertTrue(a.stateDict().containsKey("generator"));
        VolumetricDropout v = new VolumetricDropout(0.5, new Generator(4));
        assertArrayEquals(new int[] {2, 3, 2, 2, 2}, v.forward(Tensor.ones(2, 3, 2, 2, 2)).sizes());
        assertThrows(IllegalArgumentException.class, () -> v.forward(Tensor.ones(2, 3, 2, 2)));
    }
}
