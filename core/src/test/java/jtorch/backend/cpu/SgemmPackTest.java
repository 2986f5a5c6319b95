package jtorch.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SgemmPack#stepPanels} writes exactly what {@link SgemmPack#steps} writes panel by panel, and
 * {@link SgemmPack#lines} (16-line groups through {@link Transpose16} with 16-lane vectors) what a plain loop writes.
 */
class SgemmPackTest {
    @ParameterizedTest(name = "r={0} kc={1} R={2}")
    @CsvSource({"32, 128, 32", "32, 37, 32", "16, 15, 32", "20, 50, 32", "12, 40, 12", "5, 3, 12", "48, 33, 48",
        "31, 16, 32", "1, 17, 32"})
    void linesEqualsPlainLoop(int r, int kc, int rr) {
        SplittableRandom rnd = new SplittableRandom(r * 977L + kc);
        int ld = kc + 5, off = 3, base = 7;
        float[] src = new float[off + ld * r];
        for (int i = 0; i < src.length; i++) src[i] = (float) rnd.nextDouble();
        float[] want = new float[base + rr * kc + 9], got = new float[want.length];
        java.util.Arrays.fill(want, Float.NaN);
        java.util.Arrays.fill(got, Float.NaN);
        for (int p = 0; p < kc; p++) {
            for (int i = 0; i < rr; i++) want[base + p * rr + i] = i < r ? src[off + i * ld + p] : 0f;
        }
        SgemmPack.lines(src, off, ld, r, kc, got, base, rr);
        assertArrayEquals(want, got);
    }

    @ParameterizedTest(name = "n={0} kc={1} R={2}")
    @CsvSource({"128, 384, 32", "100, 7, 32", "31, 5, 32", "64, 1, 16", "40, 9, 16", "5, 3, 12", "96, 20, 32"})
    void stepPanelsEqualsStepsPerPanel(int n, int kc, int r) {
        SplittableRandom rnd = new SplittableRandom(n * 131L + kc);
        int ld = n + 3, off = 2, panels = (n + r - 1) / r;
        float[] src = new float[off + ld * kc];
        for (int i = 0; i < src.length; i++) src[i] = (float) rnd.nextDouble();
        float[] want = new float[5 + panels * r * kc], got = new float[want.length];
        java.util.Arrays.fill(want, Float.NaN);
        java.util.Arrays.fill(got, Float.NaN);
        for (int q = 0; q < panels; q++) {
            SgemmPack.steps(src, off + q * r, ld, Math.min(r, n - q * r), kc, want, 5 + q * r * kc, r);
        }
        SgemmPack.stepPanels(src, off, ld, n, kc, got, 5, r);
        assertArrayEquals(want, got);
    }
}
