package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jtorch.data.FashionMnist;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sliding-window example shortened for CI: 3 epochs on 10,000 training items (and 3,333 background windows) with a
 * narrower net, then 200 test strips: the exact-sequence accuracy must reach GATE (chance is about 10^-5) and the
 * score-map PNG must be written. Skipped (reported) without Debian's dataset-fashion-mnist.
 */
class SlidingWindowTest {
    static final double GATE = 0.28;

    @Test void aShortRunReadsWholeStripsAndWritesTheScoreMap(@TempDir Path dir) {
        Assumptions.assumeTrue(FashionMnist.available(FashionMnist.DEFAULT_DIR),
                "Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR + " (apt-get install dataset-fashion-mnist)");
        SlidingWindow s = new SlidingWindow();
        Path png = dir.resolve("map.png");
        s.parse(new String[] {"--epochs", "3", "--limit", "10000", "--strips", "200", "--channels", "16,32,64",
                "--png", png.toString()});
        s.verbose = false;
        long t0 = System.nanoTime();
        SlidingWindow.Result r = s.run();
        System.out.printf("SlidingWindowTest: %s in %.1f s%n", r, (System.nanoTime() - t0) / 1e9);
        assertTrue(r.sequenceAccuracy() >= GATE, "exact-sequence accuracy " + r);
        assertTrue(r.itemAccuracy() >= 0.75, "per-item accuracy " + r);
        assertTrue(Files.isRegularFile(png), "no score map written");
    }

    @Test void theDecoderTakesTheBestSpacedPositions() {
        // 3 classes (2 items + background) over 8 positions; items peak at 1 (class 0) and 5 (class 1), a weaker
        // class-1 bump at 2 is too close to 1 for spacing 3 and must be dropped
        double bg = Math.log(0.8), hi = Math.log(0.9), lo = Math.log(0.05);
        double[][] l = new double[3][8];
        for (int t = 0; t < 8; t++) { l[0][t] = lo; l[1][t] = lo; l[2][t] = bg; }
        l[0][1] = hi; l[2][1] = lo;
        l[1][2] = Math.log(0.6); l[2][2] = Math.log(0.3);
        l[1][5] = hi; l[2][5] = lo;
        StripDecoder.Decoded d = new StripDecoder(3).decode(l);
        assertArrayEquals(new int[] {1, 5}, d.positions());
        assertArrayEquals(new int[] {0, 1}, d.classes());
        assertArrayEquals(new int[] {1, 2, 5}, new StripDecoder(1).decode(l).positions());
    }

    @Test void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow().parse(new String[] {"--channels", "8,8"}));
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow().parse(new String[] {"--gap", "-1"}));
        assertThrows(IllegalArgumentException.class, () -> new StripDecoder(0));
    }
}
