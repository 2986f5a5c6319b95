package jtorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Exact toString output (Torch7 style) for small tensors. */
class FormatTest {
    @Test void oneDimIsAColumn() {
        assertEquals("1\n2\n3\n[F32 tensor of size 3]", Tensor.of(new float[] {1, 2, 3}).toString());
    }

    @Test void twoDimAlignsAndSharesOneFormat() {
        Tensor t = Tensor.of(new double[] {1, -2.5, 3, 4}).view(2, 2);
        assertEquals(" 1.0000 -2.5000\n 3.0000  4.0000\n[F64 tensor of size 2x2]", t.toString());
        assertEquals("0 3\n1 4\n2 5\n[F32 tensor of size 3x2]", Tensor.arange(0, 6, 1).view(2, 3).t().toString());
    }

    @Test void threeDimBlocks() {
        assertEquals("(0,.,.) = \n0 1\n2 3\n\n(1,.,.) = \n4 5\n6 7\n\n[F32 tensor of size 2x2x2]",
                Tensor.arange(0, 8, 1).view(2, 2, 2).toString());
    }

    @Test void scalarAndEmpty() {
        assertEquals("3.5000\n[F64 tensor of size [] (scalar)]", Tensor.scalar(DType.F64, 3.5).toString());
        assertEquals("[empty]\n[F32 tensor of size 0]", Tensor.zeros(0).toString());
        assertEquals("[empty]\n[F32 tensor of size 3x0]", Tensor.zeros(3, 0).toString());
    }

    @Test void i32() {
        assertEquals("  1\n-20\n  3\n[I32 tensor of size 3]", Tensor.of(new int[] {1, -20, 3}).toString());
    }

    @Test void specialValues() {
        assertEquals(" -0\nnan\ninf\n  1\n[F32 tensor of size 4]",
                Tensor.of(new float[] {-0f, Float.NaN, Float.POSITIVE_INFINITY, 1}).toString());
        assertEquals("  -inf\n0.5000\n[F64 tensor of size 2]", Tensor.of(new double[] {Double.NEGATIVE_INFINITY, 0.5}).toString());
    }

    @Test void scientificWhenMagnitudesSpread() {
        assertEquals("1.0000e-05\n1.0000e+00\n[F64 tensor of size 2]", Tensor.of(new double[] {1e-5, 1}).toString());
        assertEquals("1.2346e+07\n[F64 tensor of size 1]", Tensor.of(new double[] {12345678.9}).toString());
    }

    @Test void bigTensorsAreElided() {
        assertEquals("   0\n   1\n   2\n ...\n1997\n1998\n1999\n[F32 tensor of size 2000]", Tensor.arange(0, 2000, 1).toString());
        String s = Tensor.arange(0, 1100, 1).view(2, 550).toString();
        assertEquals("   0    1    2  ...  547  548  549\n 550  551  552  ... 1097 1098 1099\n[F32 tensor of size 2x550]", s);
        String b = Tensor.zeros(10, 10, 11).toString();
        assertEquals(6 * (1 + 7 + 1) + 2 + 1, b.split("\n", -1).length, b);
        org.junit.jupiter.api.Assertions.assertTrue(b.contains("(2,.,.) = \n") && b.contains("...\n\n(7,.,.) = \n"), b);
    }
}
