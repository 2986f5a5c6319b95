package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import java.util.SplittableRandom;
import jtorch.data.Batch;
import jtorch.data.TensorDataset;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The 1-D convnet example shortened for CI: one epoch on 60,000 windows (batch 32, adam lr 0.003) with 64 channels;
 * on 5,000 held-out windows the convnet must beat the bigram model by 0.02 and reach 0.28 accuracy. (So short a run
 * does not yet separate it from the window regression, which converges in fewer steps: that comparison is the full
 * run's, see the README.)
 * Skipped (reported) without tinyshakespeare.txt.
 */
class CharConvNetTest {

    @Test void theConvnetBeatsBothBaselinesOnHeldOutText() {
        Assumptions.assumeTrue(Files.isRegularFile(CharConvNet.DEFAULT_FILE), CharConvNet.DEFAULT_FILE + " not found");
        CharConvNet c = new CharConvNet();
        c.parse(new String[] {"--epochs", "1", "--train", "60000", "--test", "5000", "--channels", "64",
                "--batch", "32", "--lr", "0.003", "--models", "bigram,conv"});
        c.verbose = false;
        long t0 = System.nanoTime();
        Map<String, CharConvNet.Score> r = c.run();
        System.out.printf("CharConvNetTest: %s in %.1f s%n", r, (System.nanoTime() - t0) / 1e9);
        double conv = r.get("conv").accuracy();
        assertTrue(conv >= r.get("bigram").accuracy() + 0.02, "conv vs bigram: " + r);
        // 0.28, not 0.29: one epoch this short ends within ~0.02 of chance-like rounding divergence; seeds 1, 2, 3 gave
        // 0.309, 0.305, 0.308 with per-sample im2col GEMMs and 0.289, 0.290, 0.312 with multi-sample column tiles
        // (the same kernels to F32 rounding, conformance-tested; the bits differ, so the trajectories do)
        assertTrue(conv >= 0.28, "conv accuracy: " + r);
    }

    @Test void oneHotPutsEachIdInItsChannel() {
        Batch b = CharWindows.oneHot(new Batch(Tensor.of(new int[] {2, 0, 1, 1}, 2, 2), Tensor.of(new int[] {0, 1}, 2)), 3);
        assertEquals(java.util.List.of(2, 3, 2), java.util.Arrays.stream(b.input().sizes()).boxed().toList());
        // sample 0: ids 2, 0 -> channel 2 at l=0, channel 0 at l=1; sample 1: ids 1, 1 -> channel 1 at both
        float[] want = {0, 1, 0, 0, 1, 0, /* sample 1 */ 0, 0, 1, 1, 0, 0};
        org.junit.jupiter.api.Assertions.assertArrayEquals(want, b.input().toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> CharWindows.oneHot(
                new Batch(Tensor.of(new int[] {3}, 1, 1), Tensor.of(new int[] {0}, 1)), 3));
    }

    @Test void windowsStayInsideTheirRangeAndTargetsFollowThem() {
        int[] ids = new int[100];
        for (int i = 0; i < 100; i++) ids[i] = i;
        TensorDataset d = CharWindows.sample(ids, 90, 100, 4, 50, new SplittableRandom(3));
        int[] x = d.inputs().toIntArray(), t = d.targets().toIntArray();
        for (int i = 0; i < 50; i++) {
            assertTrue(x[i * 4] >= 90, "window starts inside the range");
            assertEquals(x[i * 4 + 3] + 1, t[i], "the target is the next id");
            assertTrue(t[i] < 100);
        }
        assertThrows(IllegalArgumentException.class, () -> CharWindows.sample(ids, 0, 4, 4, 1, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new CharConvNet().parse(new String[] {"--models", "lstm"}));
    }
}
