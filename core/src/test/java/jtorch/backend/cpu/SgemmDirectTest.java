package jtorch.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SgemmBlocked}'s tiles that read A in place (unpacked) give exactly the packed path's bits, in every transpose
 * case, with row and column edge tiles, beta 0 (C not read) and beta != 0, and K split into blocks.
 */
class SgemmDirectTest {
    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4} beta={5} kc={6}")
    @CsvSource({
        "768, 128, 512, false, true, 0, 512", "768, 128, 512, false, false, 0, 512", "128, 512, 768, true, false, 1, 384",
        "100, 257, 33, false, false, 0.5, 33", "100, 257, 33, true, true, 0, 33", "37, 45, 300, false, true, 0.5, 100",
        "37, 45, 300, true, false, 0, 100", "24, 32, 1, false, false, 0, 1", "60, 70, 513, true, true, 0.5, 257",
    })
    void directTilesEqualPackedBits(int m, int n, int k, boolean ta, boolean tb, float beta, int kc) {
        SplittableRandom r = new SplittableRandom(m * 31L + n * 7L + k);
        int lda = ta ? m + 3 : k + 5, ldb = tb ? k + 2 : n + 1, ldc = n + 4, aOff = 3, bOff = 1, cOff = 2;
        float[] a = rand(r, aOff + lda * (ta ? k : m)), b = rand(r, bOff + ldb * (tb ? n : k));
        float[] c0 = rand(r, cOff + ldc * m), c1 = c0.clone();
        if (beta == 0) { java.util.Arrays.fill(c0, Float.NaN); java.util.Arrays.fill(c1, Float.NaN); }
        SgemmBlocked.serial(ta, tb, m, n, k, kc, 1.25f, a, aOff, lda, b, bOff, ldb, beta, c0, cOff, ldc, false);
        SgemmBlocked.serial(ta, tb, m, n, k, kc, 1.25f, a, aOff, lda, b, bOff, ldb, beta, c1, cOff, ldc, true);
        for (int i = 0; i < m; i++) { // C's padding columns are left alone (NaN stays NaN there, for beta 0)
            for (int j = 0; j < n; j++) {
                if (Float.isNaN(c1[cOff + i * ldc + j])) throw new AssertionError("NaN at " + i + ", " + j);
            }
        }
        assertArrayEquals(toBits(c0), toBits(c1), () -> m + "x" + n + "x" + k + ": direct tiles differ from packed");
    }

    private static float[] rand(SplittableRandom r, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) (r.nextDouble() * 2 - 1);
        return f;
    }

    private static int[] toBits(float[] f) {
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) b[i] = Float.floatToRawIntBits(f[i]);
        return b;
    }
}
