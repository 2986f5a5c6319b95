package jtorch.train;

import jtorch.optim.Optimizer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    @Test void notATerminalShortEpochsLogOneLineEach() {
        String[] lines = epoch(false, 100).split("\n");
        assertEquals(List.of(SUMMARY), List.of(lines), "a 2-second epoch off a terminal: the summary only");
        assertTrue(!String.join("", lines).contains("\r"));
    }

    @Test void notATerminalLongEpochsLogEveryTenSeconds() {
        String[] lines = epoch(false, 1500).split("\n"); // 20 batches of 1.5 s: lines at 10.5, 21 s (batches 7, 14)
        assertEquals(3, lines.length, String.join("\n", lines));
        // batch 7 at 10.5 s: mean loss 4, 70 examples / 10.5 s, ETA 10.5 / 7 · 13 = 19.5 s
        assertEquals("epoch 1/3  batch  7/20  loss 4.0000  7 samples/s  ETA 0:20", lines[0]);
        assertTrue(lines[1].startsWith("epoch 1/3  batch 14/20"), lines[1]);
        assertEquals(SUMMARY, lines[2]);
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
