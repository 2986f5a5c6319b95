package jtorch.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Training progress. On a terminal ({@code System.console() != null} and no {@code CI} environment variable) one
 * line per epoch redrawn in place with '\r' at most every 100 ms:
 * {@code epoch 2/10 [########------------]  45/100  loss 0.1234  5120 samples/s  ETA 0:03};
 * otherwise (a log file, a pipe, CI) no redrawing: only on long epochs, a plain line every 10 s
 * {@code epoch 2/10  batch 45/100  loss 0.1234  5120 samples/s  ETA 0:03}, so a short run logs one line per epoch.
 * Either way each epoch ends with a summary line:
 * {@code epoch 2/10  train loss 0.1234 acc 96.10%  val loss 0.2345 acc 94.00%  lr 0.01  3.2 s  5120 samples/s}.
 * The loss shown during an epoch is the mean batch loss so far; ETA = elapsed / batches done × batches left.
 */
public final class ProgressBar implements Callback {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 20;
    static final int LOG_SECONDS = 10;
    private static final long LOG_NANOS = LOG_SECONDS * 1_000_000_000L;
    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier clock;
    private long start, lastDraw;
    private double lossSum;
    private int drawnLength;

    /** Detects a terminal as described above. */
    public ProgressBar(PrintStream out) { this(out, System.console() != null && System.getenv("CI") == null); }

    public ProgressBar(PrintStream out, boolean interactive) { this(out, interactive, System::nanoTime); }

    /** With an explicit clock (nanoseconds), for tests. */
    ProgressBar(PrintStream out, boolean interactive, LongSupplier clock) {
        if (out == null) throw new IllegalArgumentException("ProgressBar: null output stream");
        this.out = out;
        this.interactive = interactive;
        this.clock = clock;
    }

    public boolean interactive() { return interactive; }

    @Override public void onEpochStart(TrainContext c) {
        start = clock.getAsLong();
        lastDraw = Long.MIN_VALUE;
        lossSum = 0;
        drawnLength = 0;
    }

    @Override public void onBatchEnd(TrainContext c, int batch, double loss) {
        lossSum += loss;
        int total = c.batchesPerEpoch();
        long now = clock.getAsLong();
        if (interactive) {
            if (batch != total && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) return;
            lastDraw = now;
            String line = String.format(Locale.ROOT, "epoch %d/%d [%s] %s  loss %.4f  %s", c.epoch(), c.epochs(),
                    bar(batch, total), counts(batch, total), lossSum / batch, rateEta(c, batch, total, now));
            out.print('\r' + line + " ".repeat(Math.max(0, drawnLength - line.length())));
            drawnLength = line.length();
            out.flush();
        } else {
            if (batch >= total || now - (lastDraw == Long.MIN_VALUE ? start : lastDraw) < LOG_NANOS) return;
            lastDraw = now;
            out.println(String.format(Locale.ROOT, "epoch %d/%d  batch %s  loss %.4f  %s", c.epoch(), c.epochs(),
                    counts(batch, total), lossSum / batch, rateEta(c, batch, total, now)));
        }
    }

    @Override public void onEpochEnd(TrainContext c, EpochMetrics m) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  train loss %.4f", m.epoch(),
                c.epochs(), m.trainLoss()));
        if (!Double.isNaN(m.trainAccuracy())) sb.append(String.format(Locale.ROOT, " acc %.2f%%", 100 * m.trainAccuracy()));
        if (!Double.isNaN(m.valLoss())) sb.append(String.format(Locale.ROOT, "  val loss %.4f", m.valLoss()));
        if (!Double.isNaN(m.valAccuracy())) sb.append(String.format(Locale.ROOT, " acc %.2f%%", 100 * m.valAccuracy()));
        sb.append(String.format(Locale.ROOT, "  lr %.4g  %.1f s  %.0f samples/s", m.learningRate(), m.seconds(),
                m.samplesPerSecond()));
        if (interactive && drawnLength > 0) {
            out.print('\r' + " ".repeat(drawnLength) + '\r');
            drawnLength = 0;
        }
        out.println(sb);
        out.flush();
    }

    private static String bar(int batch, int total) {
        int filled = total <= 0 ? WIDTH : (int) ((long) WIDTH * Math.min(batch, total) / total);
        return "#".repeat(filled) + "-".repeat(WIDTH - filled);
    }

    private static String counts(int batch, int total) {
        String t = Integer.toString(total);
        return " ".repeat(Math.max(0, t.length() - Integer.toString(batch).length())) + batch + "/" + t;
    }

    private String rateEta(TrainContext c, int batch, int total, long now) {
        double secs = Math.max(now - start, 1) / 1e9;
        double eta = secs / batch * Math.max(0, total - batch);
        return String.format(Locale.ROOT, "%.0f samples/s  ETA %s", c.samplesInEpoch() / secs, clock(eta));
    }

    /** Seconds as m:ss, or h:mm:ss past an hour. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
