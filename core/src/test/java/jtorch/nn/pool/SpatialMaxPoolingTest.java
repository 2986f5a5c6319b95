package jtorch.nn.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SpatialMaxPoolingTest {

    @Test
    void maxOfEachWindowAndItsGradient() {
        // [1, 1, 4, 4] = 0..15; 2×2 stride 2: maxima 5, 7, 13, 15
        Tensor x = Tensor.arange(DType.F32, 0, 16, 1).view(1, 1, 4, 4);
        SpatialMaxPooling p = new SpatialMaxPooling(2, 2);
        Tensor y = p.forward(x);
        assertArrayEquals(new int[] {1, 1, 2, 2}, y.sizes());
        assertArrayEquals(new float[] {5, 7, 13, 15}, y.toFloatArray());
        assertArrayEquals(new int[] {5, 7, 13, 15}, p.indices().toIntArray());
        Tensor g = p.backward(x, Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        float[] want = new float[16];
        want[5] = 1; want[7] = 2; want[13] = 3; want[15] = 4;
        assertArrayEquals(want, g.toFloatArray());
    }

    @Test
    void ceilModePaddingAndOverlap() {
        Tensor x = Tensor.randn(DType.F32, new Generator(3), 2, 3, 7, 6);
        assertArrayEquals(new int[] {2, 3, 3, 3}, new SpatialMaxPooling(2, 2).forward(x).sizes());
        assertArrayEquals(new int[] {2, 3, 4, 3}, new SpatialMaxPooling(2, 2).ceil().forward(x).sizes());
        assertArrayEquals(new int[] {2, 3, 4, 3}, new SpatialMaxPooling(3, 3, 2, 2, 1, 1).forward(x).sizes());
        // overlapping windows (stride 1): the gradients of a shared maximum add up
        Tensor one = Tensor.of(new float[] {0, 0, 0, 0, 9, 0, 0, 0, 0}, 1, 1, 3, 3);
        SpatialMaxPooling p = new SpatialMaxPooling(2, 2, 1, 1);
        assertArrayEquals(new float[] {9, 9, 9, 9}, p.forward(one).toFloatArray());
        assertEquals(4, p.backward(one, Tensor.ones(1, 1, 2, 2)).get(0, 0, 1, 1));
    }

    @Test
    void nonContiguousInputAndBothBackEndsAgree() {
        Tensor base = Tensor.randn(DType.F32, new Generator(5), 2, 3, 9, 8);
        Tensor view = base.transpose(2, 3); // [2, 3, 8, 9], not contiguous
        SpatialMaxPooling p = new SpatialMaxPooling(3, 2, 2, 2, 1, 1);
        Tensor y = p.forward(view).clone(), yc = p.forward(view.contiguous());
        assertArrayEquals(yc.toFloatArray(), y.toFloatArray());
        SpatialMaxPooling p64 = new SpatialMaxPooling(3, 2, 2, 2, 1, 1).to(DType.F64);
        Tensor ref = p64.forward(view.to(DType.F64).to(Backends.ref()));
        assertArrayEquals(ref.toFloatArray(), y.toFloatArray());
    }

    @Test
    void torch7NameAndClearErrors() {
        assertEquals("nn.SpatialMaxPooling(2x2, 2,2)", new SpatialMaxPooling(2, 2).toString());
        assertEquals("nn.SpatialMaxPooling(3x2, 2,1, 1,0)", new SpatialMaxPooling(3, 2, 2, 1, 1, 0).toString());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> new SpatialMaxPooling(2, 2).forward(Tensor.zeros(3, 4, 4)));
        assertTrue(rank.getMessage().contains("SpatialMaxPooling(2x2, 2,2)") && rank.getMessage().contains("[B, C, H, W]")
                && rank.getMessage().contains("[3, 4, 4]"), rank.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> new SpatialMaxPooling(5, 5).forward(Tensor.zeros(1, 1, 4, 6)));
        assertTrue(big.getMessage().contains("larger than the padded input") && big.getMessage().contains("[1, 1, 4, 6]"),
                big.getMessage());
        IllegalArgumentException pad = assertThrows(IllegalArgumentException.class, () -> new SpatialMaxPooling(2, 2, 1, 1, 2, 0));
        assertTrue(pad.getMessage().startsWith("SpatialMaxPooling: padding must be at most half"), pad.getMessage());
    }
}
