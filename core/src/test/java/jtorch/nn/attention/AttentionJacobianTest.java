package jtorch.nn.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.Jacobian;
import jtorch.nn.Module;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Finite-difference checks (F64, ref) of the attention modules, with and without masks, input and parameters. */
class AttentionJacobianTest {
    static Tensor randn(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()); }

    /** Key padding mask [2, tk]: batch 1 has its last key padded. */
    static Tensor pad(int tk) {
        int[] m = new int[2 * tk];
        m[2 * tk - 1] = 1;
        return Tensor.of(m, 2, tk).to(Backends.ref());
    }

    static void check(Module m, jtorch.tensor.Activity x) {
        Generator.manualSeed(5);
        Jacobian.check(m.to(DType.F64), x).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void dotProduct() {
        check(new DotProductAttention(), Table.of(randn(1, 3, 2, 4), randn(2, 5, 2, 4), randn(3, 5, 2, 3)));
        check(DotProductAttention.unscaled(), Table.of(randn(4, 3, 2, 4), randn(5, 3, 2, 4), randn(6, 3, 2, 2), pad(3)));
        check(new DotProductAttention(true, true), Table.of(randn(7, 4, 2, 3), randn(8, 4, 2, 3), randn(9, 4, 2, 2)));
    }

    @Test void maskedWeightsAreZero() {
        DotProductAttention a = new DotProductAttention(true, true);
        Table y = (Table) a.to(DType.F64).forward(Table.of(randn(7, 4, 2, 3), randn(8, 4, 2, 3), randn(9, 4, 2, 2), pad(4)));
        Tensor w = y.tensor(1);
        assertEquals(0, w.get(0, 0, 1));
        assertEquals(0, w.get(1, 3, 3));
        assertEquals(1, w.get(0, 0, 0), 1e-15);
        assertEquals(1, w.select(0, 1).select(0, 2).sum(), 1e-12);
        assertTrue(w.get(1, 2, 2) > 0);
    }

    @Test void multiHead() {
        check(new MultiHeadAttention(4, 2), randn(10, 3, 2, 4));
        check(new MultiHeadAttention(4, 2, 0, true, true), Table.of(randn(11, 3, 2, 4), pad(3)));
        check(new MultiHeadAttention(6, 3, 0, false, false), Table.of(randn(12, 2, 2, 6), randn(13, 4, 2, 6), randn(14, 4, 2, 6), pad(4)));
    }

    @Test void encoderLayer() {
        check(new TransformerEncoderLayer(4, 2, 6, 0, "relu", false, false, 1e-5), randn(20, 3, 2, 4));
        check(new TransformerEncoderLayer(4, 2, 6, 0, "gelu", true, true, 1e-5), Table.of(randn(21, 3, 2, 4), pad(3)));
        check(new TransformerEncoderLayer(4, 2, 5, 0.3, "relu", true, false, 1e-5).freezeNoise(true), randn(22, 3, 2, 4));
        check(new TransformerEncoderLayer(4, 2, 6, 0, "gelu_exact", true, true, 1e-5, false), randn(23, 3, 2, 4));  // nanoGPT block
    }

    @Test void decoderLayer() {
        check(new TransformerDecoderLayer(4, 2, 6, 0, "relu", false, true, 1e-5), Table.of(randn(30, 3, 2, 4), randn(31, 4, 2, 4)));
        check(new TransformerDecoderLayer(4, 2, 5, 0, "gelu", true, false, 1e-5),
                Table.of(randn(32, 3, 2, 4), randn(33, 4, 2, 4), pad(3), pad(4)));
        check(new TransformerDecoderLayer(4, 2, 5, 0.2, "relu", true, true, 1e-5).freezeNoise(true),
                Table.of(randn(34, 3, 2, 4), randn(35, 2, 2, 4)));
    }

    @Test void additive() {
        check(new AdditiveAttention(3, 2, 4), Table.of(randn(40, 2, 2, 3), randn(41, 4, 2, 2), randn(42, 4, 2, 3)));
        check(new AdditiveAttention(2, 2, 3, true), Table.of(randn(43, 3, 2, 2), randn(44, 3, 2, 2), randn(45, 3, 2, 2), pad(3)));
    }

    @Test void positional() {
        check(new SinusoidalPositionalEncoding(4, 6), randn(50, 3, 2, 4));
        check(new LearnedPositionalEncoding(6, 4), randn(51, 3, 2, 4));
        Tensor pe = new SinusoidalPositionalEncoding(4, 6).encoding(randn(1, 1));
        assertEquals(Math.sin(2), pe.get(2, 0), 1e-15);
        assertEquals(Math.cos(2 / 100.0), pe.get(2, 3), 1e-15);
    }

    /** A padded call between two unpadded ones does not leak into the cached causal mask, and buffers are reused. */
    @Test void causalMaskCacheAndPadding() {
        MultiHeadAttention m = new MultiHeadAttention(4, 2, 0, true, true).to(DType.F64);
        Tensor x = randn(60, 3, 2, 4);
        double[] first = m.forward(x).toDoubleArray();
        Tensor padded = m.forward(Table.of(x, pad(3))).toTensor("y").clone();
        org.junit.jupiter.api.Assertions.assertArrayEquals(first, m.forward(x).toDoubleArray(), 0);
        assertTrue(Math.abs(padded.get(2, 1, 0) - first[2 * 8 + 4]) > 1e-9, "padding changes the last query of batch 1");
        assertEquals(first[0], padded.get(0, 0, 0), 1e-15);
        Tensor g = randn(61, 3, 2, 4);
        Tensor gi1 = (Tensor) m.backward(x, g);
        double[] want = gi1.toDoubleArray();
        m.forward(x);
        assertTrue(gi1 == m.backward(x, g), "the input gradient buffer is reused");
        org.junit.jupiter.api.Assertions.assertArrayEquals(want, gi1.toDoubleArray(), 0);
    }
}
