package jtorch.train;

import jtorch.optim.Optimizer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now;

    /** 20 batches of 10 examples, one every {@code stepMillis} ms, with losses 1, 2, ..., 20. */
    private String epoch(boolean interactive, long stepMillis) {
        ProgressBar bar = new ProgressBar(out, interactive, () -> now);
        Linear m = new Linear(1, 1);
        TrainContext c = new TrainContext(m, m.getParameters(), new Optimizer("sgd", new Config()), new History());
        c.epoch = 1;
        c.epochs = 3;
        c.batchesPerEpoch = 20;
        bar.onEpochStart(c);
        for (int b = 1; b <= 20; b++) {
            now += stepMillis * 1_000_000L;
            c.samplesInEpoch = 10L * b;
            bar.onBatchEnd(c, b, b);
        }
        bar.onEpochEnd(c, new EpochMetrics(1, 0.5, 0.9, 0.6, 0.85, 0.01, 2.5, 80));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static final String SUMMARY =
            "epoch 1/3  train loss 0.5000 acc 90.00%  val loss 0.6000 acc 85.00%  lr 0.01000  2.5 s  80 samples/s";

    @Test void logLinesEveryTenPercentThenASummary() {
        String[] lines = epoch(false, 100).split("\n");
        assertEquals(10, lines.length, String.join("\n", lines));
        // batch 2 at 0.2 s: mean loss 1.5, 20 examples / 0.2 s, ETA 0.2 / 2 · 18 = 1.8 s
        assertEquals("epoch 1/3  batch  2/20  loss 1.5000  100 samples/s  ETA 0:02", lines[0]);
        assertEquals("epoch 1/3  batch 18/20  loss 9.5000  100 samples/s  ETA 0:00", lines[8]);
        assertEquals(SUMMARY, lines[9]);
        assertTrue(!String.join("", lines).contains("\r"));
    }

    @Test void terminalLineIsRedrawnAtMostTenTimesASecond() {
        String s = epoch(true, 30);
        // drawn at batch 1 (30 ms), then 5 (150), 9 (270), 13 (390), 17 (510), and the last batch (600)
        assertEquals(6, s.split("\repoch 1/3 \\[", -1).length - 1, s);
        assertEquals(1, s.chars().filter(ch -> ch == '\n').count(), "one line: the summary");
        assertTrue(s.contains("\repoch 1/3 [#####---------------]  5/20  loss 3.0000  333 samples/s  ETA 0:00"), s);
        assertTrue(s.contains("[####################] 20/20"), s);
        assertTrue(s.endsWith("\r" + SUMMARY + System.lineSeparator()), s);
    }

    @Test void clockFormat() {
        assertEquals("0:05", ProgressBar.clock(4.6));
        assertEquals("2:03", ProgressBar.clock(123));
        assertEquals("1:01:01", ProgressBar.clock(3661));
    }
}
