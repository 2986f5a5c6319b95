package jtorch.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OneHotTest {
    @Test void encodesIndicesInTheModulesDtype() {
        OneHot m = new OneHot(3);
        Tensor y = m.forward(Tensor.of(new int[] {2, 0, 1, 2}, 2, 2)).toTensor("y");
        assertArrayEquals(new int[] {2, 2, 3}, y.sizes());
        assertEquals(DType.F32, y.dtype());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1}, y.toFloatArray());
        assertEquals(DType.F64, m.to(DType.F64).forward(Tensor.of(new int[] {1}, 1)).toTensor("y").dtype());
        Tensor g = m.backward(Tensor.of(new int[] {1}, 1), Tensor.zeros(DType.F64, 1, 3)).toTensor("g");
        assertEquals(DType.I32, g.dtype());
        assertEquals(0, m.parameters().weights().size());
    }

    @Test void rejectsBadInput() {
        OneHot m = new OneHot(3);
        Exception e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.of(new int[] {3}, 1)));
        assertTrue(e.getMessage().contains("index value 3 out of range [0, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(2)));
        assertTrue(e.getMessage().contains("I32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OneHot(0));
    }
}
