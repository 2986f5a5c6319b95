package jtorch.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import jtorch.data.DataLoader;
import jtorch.data.FashionMnist;
import jtorch.data.TensorDataset;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.conv.SpatialConvolution;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.View;
import jtorch.nn.pool.SpatialMaxPooling;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.train.LrSchedules;
import jtorch.train.ProgressBar;
import jtorch.train.Trainer;
import jtorch.train.plot.Plots;
import jtorch.train.plot.ScoreMap;

/**
 * The sliding-window net: a fully convolutional classifier (no Linear layer, no padding)
 * <pre>
 *   conv 5×5 (1 → c1) → ReLU → max 2×2 → conv 5×5 (c1 → c2) → ReLU → max 2×2 → conv 4×4 (c2 → c3) → ReLU
 *   → conv 1×1 (c3 → 11)                                  [B, 1, 28, W] → [B, 11, 1, (W − 28)/4 + 1]
 * </pre>
 * trained on 28×28 windows (classes 0..9 the Fashion-MNIST items, 10 "background": a window centred 8 or more pixels
 * from any item, see {@link Strips}) and then run unchanged on test strips of 4..6 items from the TEST split side by
 * side, 28 × 204 pixels, which gives a score map of 11 classes × 45 positions (stride 4). {@link StripDecoder} reads
 * the item sequence off the map; the result is the exact-sequence accuracy over the strips, next to the per-item
 * accuracy p on the 10,000 clean test items (argmax over the 10 item classes) and the mean of p^k it suggests.
 * Training: sgd lr 0.05 momentum 0.9, weight decay 5e-4, cosine, batch 128, pixels (x − μ)/σ of the training windows.
 * Options: {@code --epochs N --limit N} (training items; each gives one item window, plus a third as many background
 * windows) {@code --strips N --gap G} (maximum gap in pixels) {@code --channels c1,c2,c3 --lr X --seed S --png FILE}
 * (three strips with their score maps; default sliding-window.png).
 */
public final class SlidingWindow {
    static final int MIN_ITEMS = 4, MAX_ITEMS = 6, STRIDE = 4;
    /** Item centres are at least 28 pixels apart and each lies within 2 pixels of a position: 24 pixels, 6 positions. */
    static final int MIN_SPACING = (Strips.SIDE - STRIDE) / STRIDE;
    int epochs = 5, limit = 60000, strips = 1000, gap = 6, batch = 128;
    int[] channels = {32, 64, 128};
    double lr = 0.05;
    long seed = 1;
    boolean verbose = true;
    Path png = Path.of("sliding-window.png");

    /** Per-item test accuracy p, the mean of p^k over the strips, the exact-sequence accuracy, training seconds. */
    record Result(double itemAccuracy, double expectedSequence, double sequenceAccuracy, double countAccuracy, double trainSeconds) {}

    public static void main(String[] args) throws Exception {
        SlidingWindow s = new SlidingWindow();
        try {
            s.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SlidingWindow: " + e.getMessage());
            System.err.println("usage: SlidingWindow [--epochs N] [--limit N] [--strips N] [--gap G] [--channels c1,c2,c3]"
                    + " [--lr X] [--seed S] [--png FILE]");
            System.exit(2);
        }
        if (!FashionMnist.available(FashionMnist.DEFAULT_DIR)) {
            System.out.println("skipped: Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR
                    + " (apt-get install dataset-fashion-mnist)");
            return;
        }
        Result r = s.run();
        System.out.printf(Locale.ROOT, "exact-sequence accuracy %.4f on %d test strips of %d-%d items (item count right"
                + " %.4f); per-item test accuracy p = %.4f, mean p^k = %.4f; %d epochs, %.1f s training; score maps in %s%n",
                r.sequenceAccuracy(), s.strips, MIN_ITEMS, MAX_ITEMS, r.countAccuracy(), r.itemAccuracy(),
                r.expectedSequence(), s.epochs, r.trainSeconds(), s.png);
    }

    void parse(String[] args) {
        Options o = new Options(args, "--epochs", "--limit", "--strips", "--gap", "--channels", "--lr", "--seed", "--png", "--batch");
        epochs = o.integer("--epochs", epochs);
        limit = o.integer("--limit", limit);
        strips = o.integer("--strips", strips);
        gap = o.integer("--gap", gap);
        batch = o.integer("--batch", batch);
        lr = o.real("--lr", lr);
        seed = o.whole("--seed", seed);
        String c = o.string("--channels", null);
        if (c != null) {
            try {
                channels = Arrays.stream(c.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--channels: three integers c1,c2,c3, got " + c);
            }
        }
        String p = o.string("--png", null);
        if (p != null) png = Path.of(p);
        if (channels.length != 3 || Arrays.stream(channels).anyMatch(k -> k < 1)) {
            throw new IllegalArgumentException("--channels: three positive integers c1,c2,c3, got " + Arrays.toString(channels));
        }
        if (epochs < 1 || limit < 1 || strips < 1 || gap < 0 || gap > 12 || batch < 1 || !(lr > 0)) {
            throw new IllegalArgumentException("epochs, limit, strips, batch must be >= 1, gap in 0..12, lr > 0");
        }
    }

    /** The fully convolutional trunk: [B, 1, 28, W] → [B, 11, 1, (W − 28)/4 + 1]. */
    static Sequential trunk(int[] c) {
        return new Sequential()
                .add(new SpatialConvolution(1, c[0], 5)).add(new ReLU()).add(new SpatialMaxPooling(2, 2))
                .add(new SpatialConvolution(c[0], c[1], 5)).add(new ReLU()).add(new SpatialMaxPooling(2, 2))
                .add(new SpatialConvolution(c[1], c[2], 4)).add(new ReLU())
                .add(new SpatialConvolution(c[2], Strips.BACKGROUND + 1, 1));
    }

    Result run() {
        TensorDataset train = FashionMnist.train(FashionMnist.DEFAULT_DIR), test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        SplittableRandom rng = new SplittableRandom(seed);
        Strips trainItems = new Strips(train, gap), testItems = new Strips(test, gap);
        int n = Math.min(limit, train.size());
        int[] items = TensorDataset.permutation(train.size(), new Generator(seed)); // a random subset when limit < 60,000
        TensorDataset windows = concat(trainItems.itemWindows(Arrays.copyOf(items, n), rng),
                trainItems.backgroundWindows(n / 3, rng));
        float mean = (float) windows.inputs().mean(), std = (float) Math.sqrt(windows.inputs().var());
        windows = new TensorDataset(windows.inputs().sub(mean).divInPlace(std), windows.targets());

        Generator.manualSeed(seed);
        Sequential trunk = trunk(channels);
        Sequential net = new Sequential().add(new View(1, 28, 28)).add(trunk).add(new View(Strips.BACKGROUND + 1)).add(new LogSoftMax());
        Optimizer sgd = new Optimizer("sgd", Config.of("learningRate", lr, "momentum", 0.9, "weightDecay", 5e-4));
        Trainer.Builder b = Trainer.builder(net, new ClassNLLCriterion(), sgd)
                .train(new DataLoader(windows, batch, true, seed, false)).epochs(epochs).seed(seed)
                .schedule(LrSchedules.cosine(epochs, 0));
        if (verbose) {
            System.out.printf(Locale.ROOT, "%s%n%d training windows (%d items, %d background), %d parameters; sgd lr %s"
                    + " momentum 0.9 weight decay 5e-4, cosine, batch %d, %d epochs%n", trunk, windows.size(), n, n / 3,
                    net.getParameters().weights().numel(), lr, batch, epochs);
            b.callback(new ProgressBar(System.out));
        }
        long t0 = System.nanoTime();
        b.build().fit();
        double seconds = (System.nanoTime() - t0) / 1e9;
        trunk.evaluate();

        double p = itemAccuracy(trunk, test, mean, std);
        StripDecoder decoder = new StripDecoder(MIN_SPACING);
        SplittableRandom srng = new SplittableRandom(seed + 1);
        int width = testItems.width(MAX_ITEMS), right = 0, countRight = 0;
        double expected = 0;
        List<ScoreMap> shown = new ArrayList<>();
        for (int done = 0; done < strips; ) {
            int m = Math.min(100, strips - done);
            Strips.Strip[] s = new Strips.Strip[m];
            float[] x = new float[m * 28 * width];
            for (int i = 0; i < m; i++) {
                s[i] = testItems.strip(srng.nextInt(MIN_ITEMS, MAX_ITEMS + 1), width, srng);
                System.arraycopy(s[i].pixels(), 0, x, i * 28 * width, 28 * width);
            }
            Tensor in = Tensor.of(x, m, 1, 28, width).sub(mean).divInPlace(std);
            float[] out = trunk.forward(in).toTensor("sliding window").toFloatArray();
            int classes = Strips.BACKGROUND + 1, pos = out.length / (m * classes);
            for (int i = 0; i < m; i++) {
                double[][] logp = logSoftMax(out, i, classes, pos);
                StripDecoder.Decoded d = decoder.decode(logp);
                boolean ok = Arrays.equals(d.classes(), s[i].classes());
                right += ok ? 1 : 0;
                countRight += d.classes().length == s[i].classes().length ? 1 : 0;
                expected += Math.pow(p, s[i].classes().length);
                if (done + i < 3) shown.add(scoreMap(s[i], logp, d, ok));
            }
            done += m;
        }
        Plots.scoreMaps(shown, png);
        return new Result(p, expected / strips, (double) right / strips, (double) countRight / strips, seconds);
    }

    /** Accuracy on the clean 28×28 test items, argmax over the 10 item classes (background ignored). */
    static double itemAccuracy(Sequential trunk, TensorDataset test, float mean, float std) {
        int n = test.size(), right = 0, c = Strips.BACKGROUND + 1;
        int[] t = test.targets().toIntArray();
        for (int from = 0; from < n; from += 1000) {
            int m = Math.min(1000, n - from);
            Tensor x = test.inputs().narrow(0, from, m).view(m, 1, 28, 28).sub(mean).divInPlace(std);
            float[] out = trunk.forward(x).toTensor("sliding window").toFloatArray();
            for (int i = 0; i < m; i++) {
                int arg = 0;
                for (int k = 1; k < Strips.BACKGROUND; k++) if (out[i * c + k] > out[i * c + arg]) arg = k;
                right += arg == t[from + i] ? 1 : 0;
            }
        }
        return (double) right / n;
    }

    /** logp[c][t] for strip i of an output [m, classes, 1, pos] (log-softmax over the classes at each position). */
    static double[][] logSoftMax(float[] out, int i, int classes, int pos) {
        double[][] l = new double[classes][pos];
        for (int t = 0; t < pos; t++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int k = 0; k < classes; k++) max = Math.max(max, out[(i * classes + k) * pos + t]);
            for (int k = 0; k < classes; k++) sum += Math.exp(out[(i * classes + k) * pos + t] - max);
            for (int k = 0; k < classes; k++) l[k][t] = out[(i * classes + k) * pos + t] - max - Math.log(sum);
        }
        return l;
    }

    private static ScoreMap scoreMap(Strips.Strip s, double[][] logp, StripDecoder.Decoded d, boolean ok) {
        double[][] prob = new double[logp.length][logp[0].length];
        for (int k = 0; k < logp.length; k++) for (int t = 0; t < logp[0].length; t++) prob[k][t] = Math.exp(logp[k][t]);
        List<String> rows = new ArrayList<>(FashionMnist.CLASSES);
        rows.add("background");
        String caption = "true: " + names(s.classes()) + "\ndecoded: " + names(d.classes()) + (ok ? "   (right)" : "   (WRONG)");
        return new ScoreMap(s.pixels(), 28, s.width(), prob, STRIDE, 14, rows, caption, d.positions());
    }

    private static String names(int[] classes) {
        return String.join(", ", Arrays.stream(classes).mapToObj(FashionMnist.CLASSES::get).toList());
    }

    private static TensorDataset concat(TensorDataset a, TensorDataset b) {
        int n = a.size() + b.size(), w = a.inputs().size(1);
        float[] x = Arrays.copyOf(a.inputs().toFloatArray(), n * w);
        System.arraycopy(b.inputs().toFloatArray(), 0, x, a.size() * w, b.size() * w);
        int[] t = Arrays.copyOf(a.targets().toIntArray(), n);
        System.arraycopy(b.targets().toIntArray(), 0, t, a.size(), b.size());
        return new TensorDataset(Tensor.of(x, n, w), Tensor.of(t, n));
    }
}
