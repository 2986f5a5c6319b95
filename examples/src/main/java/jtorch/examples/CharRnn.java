package jtorch.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jtorch.backend.cpu.Parallel;
import jtorch.data.CharSplitLM;
import jtorch.io.LanguageModelFile;
import jtorch.nn.rnn.RecurrentLM;
import jtorch.tensor.Generator;
import jtorch.train.BpttTrainer;
import jtorch.train.History;
import jtorch.train.Sampling;
import jtorch.train.plot.Plots;

/**
 * char-rnn on tinyshakespeare with char-rnn's default model and training: one-hot input (no embedding layer: the
 * first LSTM layer's input weights are the embedding), a 2 × 128 LSTM (the fused {@link jtorch.nn.rnn.LSTM}),
 * Linear(128, V) → LogSoftMax; sequences of 50, batches of 50 streams, RMSprop lr 2e-3 α 0.95, gradients clamped to
 * ±5, learning rate × 0.97 per epoch after epoch 10, 95/5 train/validation split (see {@link BpttTrainer} and
 * {@link CharSplitLM} for the exact semantics). Validation loss (nats/char) is measured every {@code --eval-every}
 * iterations and at each epoch's end and written with the wall time to {@code curve.csv}; at the end the model
 * (with its vocabulary) goes to {@code model.safetensors}, a {@code --sample-length} sample at temperature 0.8 to
 * {@code sample.txt}, and, with {@code --compare FILE} (a curve of the same columns, e.g. from
 * {@code tools/pytorch_charrnn.py}), both curves against wall time to {@code curves.png}.
 * <p>Options: {@code --epochs N --seconds S} (stop after S seconds of wall time) {@code --hidden H --layers L --batch B
 * --seq T --lr X --eval-every N --threads N --seed S --file PATH --out DIR --compare CSV --sample-length N
 * --temperature X}; {@code --replot CSV --compare CSV --out DIR} only draws {@code curves.png} from two curve files.
 * Without the text file it says so and exits with status 0.
 */
public final class CharRnn {
    static final Path DEFAULT_FILE = CharConvNet.DEFAULT_FILE;
    int epochs = 15, hidden = 128, layers = 2, batch = 50, seq = 50, evalEvery = 100, sampleLength = 500;
    double lr = 2e-3, seconds = 0, temperature = 0.8, stopBelow = Double.NEGATIVE_INFINITY;
    long seed = 1;
    Path file = DEFAULT_FILE, out = Path.of("out/char-rnn"), compare, replot;
    boolean verbose = true;

    /** One validation measurement. */
    record Point(double seconds, int iteration, int epoch, double trainLoss, double valLoss) {}

    /** What a run produced. */
    record Result(List<Point> curve, History history, String sample, double bestVal) {}

    public static void main(String[] args) {
        CharRnn c = new CharRnn();
        c.parse(args);
        if (c.replot != null) {
            if (c.compare == null) throw new IllegalArgumentException("--replot needs --compare CSV");
            try {
                Files.createDirectories(c.out);
                plot(readCurve(c.replot), readCurve(c.compare), c.out.resolve("curves.png"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println("wrote " + c.out.resolve("curves.png"));
            return;
        }
        if (!Files.isRegularFile(c.file)) {
            System.out.println("skipped: " + c.file + " not found");
            return;
        }
        Result r = c.run();
        System.out.printf(Locale.ROOT, "best validation loss %.4f nats/char; wrote %s/{curve.csv, model.safetensors, sample.txt%s}%n",
                r.bestVal(), c.out, c.compare != null ? ", curves.png" : "");
    }

    void parse(String[] args) {
        Options o = new Options(args, "--epochs", "--seconds", "--hidden", "--layers", "--batch", "--seq", "--lr",
                "--eval-every", "--threads", "--seed", "--file", "--out", "--compare", "--sample-length", "--temperature",
                "--replot");
        epochs = o.integer("--epochs", epochs);
        seconds = o.real("--seconds", seconds);
        hidden = o.integer("--hidden", hidden);
        layers = o.integer("--layers", layers);
        batch = o.integer("--batch", batch);
        seq = o.integer("--seq", seq);
        lr = o.real("--lr", lr);
        evalEvery = o.integer("--eval-every", evalEvery);
        seed = o.whole("--seed", seed);
        sampleLength = o.integer("--sample-length", sampleLength);
        temperature = o.real("--temperature", temperature);
        file = Path.of(o.string("--file", file.toString()));
        out = Path.of(o.string("--out", out.toString()));
        String cmp = o.string("--compare", null);
        compare = cmp == null ? null : Path.of(cmp);
        String rp = o.string("--replot", null);
        replot = rp == null ? null : Path.of(rp);
        int threads = o.integer("--threads", 0);
        if (threads > 0) Parallel.setThreads(threads);
    }

    Result run() {
        CharSplitLM data = CharSplitLM.load(file, batch, seq, 0.05);
        RecurrentLM lm = RecurrentLM.charLstm(data.vocabularySize(), hidden, layers, new Generator(seed));
        BpttTrainer.Options o = new BpttTrainer.Options(epochs, lr, 0.95, 5, 0.97, 10, evalEvery, seconds, stopBelow);
        List<Point> curve = new ArrayList<>();
        if (verbose) System.out.printf(Locale.ROOT, "%s: %d characters, vocabulary %d, %d training and %d validation "
                        + "batches of %d x %d; %s, %d parameters; threads %d%n", file, data.corpus().length(),
                data.vocabularySize(), data.trainBatches(), data.validationBatches(), seq, batch, lm.model(),
                lm.model().getParameters().weights().numel(), Parallel.threads());
        BpttTrainer t = new BpttTrainer(lm, data, o).listener((e, it, s, tr, v) -> {
            curve.add(new Point(s, it, e, tr, v));
            if (verbose) System.out.printf(Locale.ROOT, "epoch %d  iteration %d  %.1f s  train %.4f  validation %.4f%n",
                    e, it, s, tr, v);
        });
        History h = t.fit();
        double best = Double.POSITIVE_INFINITY;
        for (Point p : curve) best = Math.min(best, p.valLoss());
        int[] ids = Sampling.generate(lm, data.vocabularySize(), new int[0], sampleLength, temperature, 0,
                new Generator(seed + 1));
        String sample = data.corpus().decode(jtorch.tensor.Tensor.of(ids, ids.length));
        write(curve, lm, data, sample);
        if (verbose) System.out.println("sample (temperature " + temperature + "):\n" + sample);
        return new Result(curve, h, sample, best);
    }

    private void write(List<Point> curve, RecurrentLM lm, CharSplitLM data, String sample) {
        try {
            Files.createDirectories(out);
            StringBuilder csv = new StringBuilder("seconds,iteration,epoch,train_loss,val_loss\n");
            for (Point p : curve) csv.append(String.format(Locale.ROOT, "%.3f,%d,%d,%.5f,%.5f%n", p.seconds(),
                    p.iteration(), p.epoch(), p.trainLoss(), p.valLoss()));
            Files.writeString(out.resolve("curve.csv"), csv);
            Files.writeString(out.resolve("sample.txt"), sample);
            new LanguageModelFile(lm, data.vocabulary()).save(out.resolve("model.safetensors"));
            if (compare != null) plot(readCurve(out.resolve("curve.csv")), readCurve(compare), out.resolve("curves.png"));
        } catch (IOException e) {
            throw new UncheckedIOException("CharRnn: cannot write to " + out + ": " + e.getMessage(), e);
        }
    }

    /** seconds and val_loss columns of a curve CSV (header seconds,iteration,epoch,train_loss,val_loss). */
    static double[][] readCurve(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.getFirst().startsWith("seconds,")) throw new IllegalArgumentException(csv
                + ": expected a header 'seconds,iteration,epoch,train_loss,val_loss'");
        double[][] r = new double[2][lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            r[0][i - 1] = Double.parseDouble(f[0]);
            r[1][i - 1] = Double.parseDouble(f[4]);
        }
        return r;
    }

    /** Both validation curves against wall time (jtorch's first) to {@code png}. */
    static void plot(double[][] jtorch, double[][] other, Path png) {
        double[] xs = jtorch[0], ys = jtorch[1];
        Plots.lineChart("char-rnn 2x128 LSTM on tinyshakespeare", "wall time (s)", "validation loss (nats/char)",
                List.of("jtorch", "PyTorch"), List.of(xs, other[0]), List.of(ys, other[1]), Double.NaN, png);
    }
}
