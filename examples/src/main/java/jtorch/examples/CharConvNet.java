package jtorch.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import jtorch.data.DataLoader;
import jtorch.data.TensorDataset;
import jtorch.data.TextCorpus;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.conv.TemporalConvolution;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.nn.layer.Select;
import jtorch.nn.layer.View;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.tensor.Generator;
import jtorch.train.Evaluator;
import jtorch.train.ProgressBar;
import jtorch.train.Trainer;

/**
 * A 1-D convnet (time-delay net) predicting the next character of tinyshakespeare from the 32 before it, against
 * three baselines trained the same way on the same windows:
 * <pre>
 *   conv    one-hot [B, V, 32] → TemporalConvolution(V → C, 2, stride 2) → ReLU                      [B, C, 16]
 *           → 3 × (TemporalConvolution(C → C, 2, stride 2) → ReLU)                                    [B, C, 2]
 *           → TemporalConvolution(C → 2C, 2, stride 2) → ReLU → TemporalConvolution(2C → V, 1) → View(V) → LogSoftMax
 *   bigram  logistic regression on the last character alone (Select(2, −1) → Linear(V, V) → LogSoftMax: the bigram model)
 *   window  logistic regression on the whole window (View(V·32) → Linear(V·32, V) → LogSoftMax)
 *   mlp     View(V·32) → Linear(V·32, 256) → ReLU → Linear(256, V) → LogSoftMax
 * </pre>
 * The convnet merges neighbouring pairs of positions at each layer (a binary tree over the window, as WaveNet's
 * dilated stack does), so the order of the recent characters survives; max pooling between stride-1 convolutions
 * loses it (a PyTorch prototype of that variant fell below the window regression).
 * Data: the first 90 % of the file gives the training windows (random starts), the last 90..100 % the held-out test
 * windows, which never overlap training text. Adam lr 2e-3, batch 128. The result is each model's held-out accuracy
 * and cross-entropy (bits per character). Options: {@code --epochs N --train N --test N} (windows) {@code --channels C
 * --lr X --seed S --models conv,bigram,window,mlp --file PATH}. Without the text file it says so and exits with status 0.
 */
public final class CharConvNet {
    static final Path DEFAULT_FILE = Path.of(System.getProperty("jtorch.tinyshakespeare",
            "/work/shared/data/tinyshakespeare.txt"));
    static final int LENGTH = 32;
    int epochs = 3, trainWindows = 200_000, testWindows = 20_000, channels = 128, batch = 128;
    double lr = 2e-3;
    long seed = 1;
    String[] models = {"bigram", "window", "mlp", "conv"};
    Path file = DEFAULT_FILE;
    boolean verbose = true;

    /** Held-out accuracy and bits per character of one model, its parameter count and training seconds. */
    record Score(double accuracy, double bitsPerChar, long parameters, double trainSeconds) {}

    public static void main(String[] args) {
        CharConvNet c = new CharConvNet();
        try {
            c.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("CharConvNet: " + e.getMessage());
            System.err.println("usage: CharConvNet [--epochs N] [--train N] [--test N] [--channels C] [--lr X] [--seed S]"
                    + " [--models conv,bigram,window,mlp] [--file PATH]");
            System.exit(2);
        }
        if (!Files.isRegularFile(c.file)) {
            System.out.println("skipped: " + c.file + " not found");
            return;
        }
        Map<String, Score> r = c.run();
        r.forEach((name, s) -> System.out.printf(Locale.ROOT, "%-6s held-out next-character accuracy %.4f, %.3f bits/char"
                + " (%d parameters, %.1f s training)%n", name, s.accuracy(), s.bitsPerChar(), s.parameters(), s.trainSeconds()));
    }

    void parse(String[] args) {
        Options o = new Options(args, "--epochs", "--train", "--test", "--channels", "--lr", "--seed", "--models", "--file", "--batch");
        epochs = o.integer("--epochs", epochs);
        trainWindows = o.integer("--train", trainWindows);
        testWindows = o.integer("--test", testWindows);
        channels = o.integer("--channels", channels);
        batch = o.integer("--batch", batch);
        lr = o.real("--lr", lr);
        seed = o.whole("--seed", seed);
        file = Path.of(o.string("--file", file.toString()));
        models = o.string("--models", String.join(",", models)).split(",");
        for (String m : models) {
            if (!List.of("conv", "bigram", "window", "mlp").contains(m)) {
                throw new IllegalArgumentException("--models: a list of conv, bigram, window, mlp; got " + m);
            }
        }
        if (epochs < 1 || trainWindows < 1 || testWindows < 1 || channels < 1 || batch < 1 || !(lr > 0)) {
            throw new IllegalArgumentException("epochs, train, test, channels, batch must be >= 1, lr > 0");
        }
    }

    /** The model named {@code name} for a vocabulary of {@code v} characters. */
    Sequential model(String name, int v) {
        int c = channels;
        return switch (name) {
            case "conv" -> {
                Sequential s = new Sequential().add(new TemporalConvolution(v, c, 2, 2, 0)).add(new ReLU());
                for (int i = 0; i < 3; i++) s.add(new TemporalConvolution(c, c, 2, 2, 0)).add(new ReLU());
                yield s.add(new TemporalConvolution(c, 2 * c, 2, 2, 0)).add(new ReLU())
                        .add(new TemporalConvolution(2 * c, v, 1)).add(new View(v)).add(new LogSoftMax());
            }
            case "mlp" -> new Sequential().add(new View(v * LENGTH)).add(new Linear(v * LENGTH, 256)).add(new ReLU())
                    .add(new Linear(256, v)).add(new LogSoftMax());
            case "bigram" -> new Sequential().add(new Select(2, -1)).add(new Linear(v, v)).add(new LogSoftMax());
            case "window" -> new Sequential().add(new View(v * LENGTH)).add(new Linear(v * LENGTH, v)).add(new LogSoftMax());
            default -> throw new IllegalArgumentException("CharConvNet: unknown model " + name);
        };
    }

    Map<String, Score> run() {
        TextCorpus corpus = TextCorpus.chars(file);
        int[] ids = corpus.ids().toIntArray();
        int v = corpus.vocabulary().size(), cut = (int) (ids.length * 0.9);
        SplittableRandom r = new SplittableRandom(seed);
        TensorDataset train = CharWindows.sample(ids, 0, cut, LENGTH, trainWindows, r);
        TensorDataset test = CharWindows.sample(ids, cut, ids.length, LENGTH, testWindows, r);
        if (verbose) System.out.printf(Locale.ROOT, "%s: %d characters, vocabulary %d; %d training windows of %d from the"
                + " first 90 %%, %d test windows from the last 10 %%%n", file, ids.length, v, train.size(), LENGTH, test.size());
        Map<String, Score> scores = new LinkedHashMap<>();
        for (String name : models) {
            Generator.manualSeed(seed);
            Sequential net = model(name, v);
            Optimizer adam = new Optimizer("adam", Config.of("learningRate", lr));
            Trainer.Builder b = Trainer.builder(net, new ClassNLLCriterion(), adam)
                    .train(new DataLoader(train, batch, true, seed, false).withTransform(x -> CharWindows.oneHot(x, v)))
                    .epochs(epochs).seed(seed);
            if (verbose) {
                System.out.printf(Locale.ROOT, "%s: %s%n", name, net);
                b.callback(new ProgressBar(System.out));
            }
            long t0 = System.nanoTime();
            b.build().fit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            DataLoader testLoader = new DataLoader(test, 1000, false, 0, false).withTransform(x -> CharWindows.oneHot(x, v));
            Evaluator.Evaluation e = Evaluator.evaluate(net, new ClassNLLCriterion(), testLoader, 1);
            scores.put(name, new Score(e.accuracy(), e.loss() / Math.log(2), net.getParameters().weights().numel(), seconds));
        }
        return scores;
    }
}
