package jtorch.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.Tanh;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.nn.reduce.Sum;
import jtorch.nn.rnn.LSTM;
import jtorch.nn.rnn.LSTMCell;
import jtorch.nn.rnn.LastStep;
import jtorch.nn.rnn.LookupTable;
import jtorch.nn.rnn.PaddedSequences;
import jtorch.nn.rnn.Recurrence;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optimizer;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Sequence classification on variable-length input with padding masks (issue 11). The task, generated: a string of
 * 1..maxLen digits 1..9; the label is 1 when its last digit is larger than its first, else 0 (a string of one digit:
 * 0). Right-padded to the batch's longest string with token 0 ([T, B] I32, time first). Models, trained the same way:
 * <pre>
 *   masked    LookupTable(10, E, padding 0) → LSTM(E, H).maskZero(true) → LastStep(maskZero) → Linear(H, 2) → LogSoftMax
 *             (the state stops at each string's end; the classifier reads each string's last real step)
 *   unmasked  the same without maskZero, reading step T-1: the net runs on through the padding and must carry its
 *             answer across it
 *   bag       LookupTable(10, E, padding 0) → Sum over time → Linear(E, H) → Tanh → Linear(H, 2) → LogSoftMax
 *             (bag of embeddings: order-blind, it cannot tell the first digit from the last)
 *   majority  the most frequent training label
 * </pre>
 * {@code --impl cells} builds the LSTMs from {@code Recurrence.of(new LSTMCell(E, H))} instead of the fused LSTM.
 * Adam, ClassNLL; the result is each model's held-out accuracy (defaults, measured: masked 0.9815, unmasked 0.752,
 * bag 0.580, majority 0.581; with {@code --maxLen 20} both LSTMs solve it). Options: {@code --epochs N --train N --test N
 * --maxLen L --hidden H --embed E --batch B --lr X --seed S --models masked,unmasked,bag,majority --impl fused|cells}.
 */
public final class SequenceClassification {
    static final List<String> MODELS = List.of("masked", "unmasked", "bag", "majority");
    int epochs = 6, trainSize = 8000, testSize = 2000, maxLen = 50, hidden = 32, embed = 16, batch = 50;
    double lr = 1e-2;
    long seed = 1;
    String[] models = MODELS.toArray(String[]::new);
    String impl = "fused";
    boolean verbose = true;

    /** Held-out accuracy of one model, its parameter count and training seconds. */
    record Score(double accuracy, long parameters, double trainSeconds) {}

    /** Token strings and their labels. */
    record Data(List<int[]> strings, int[] labels) {}

    public static void main(String[] args) {
        SequenceClassification c = new SequenceClassification();
        try {
            c.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SequenceClassification: " + e.getMessage());
            System.err.println("usage: SequenceClassification [--epochs N] [--train N] [--test N] [--maxLen L] [--hidden H]"
                    + " [--embed E] [--batch B] [--lr X] [--seed S] [--models masked,unmasked,bag,majority] [--impl fused|cells]");
            System.exit(2);
        }
        c.run().forEach((name, s) -> System.out.printf(Locale.ROOT, "%-8s held-out accuracy %.4f (%d parameters, %.1f s"
                + " training)%n", name, s.accuracy(), s.parameters(), s.trainSeconds()));
    }

    void parse(String[] args) {
        Options o = new Options(args, "--epochs", "--train", "--test", "--maxLen", "--hidden", "--embed", "--batch", "--lr",
                "--seed", "--models", "--impl");
        epochs = o.integer("--epochs", epochs);
        trainSize = o.integer("--train", trainSize);
        testSize = o.integer("--test", testSize);
        maxLen = o.integer("--maxLen", maxLen);
        hidden = o.integer("--hidden", hidden);
        embed = o.integer("--embed", embed);
        batch = o.integer("--batch", batch);
        lr = o.real("--lr", lr);
        seed = o.whole("--seed", seed);
        impl = o.string("--impl", impl);
        models = o.string("--models", String.join(",", models)).split(",");
        for (String m : models) if (!MODELS.contains(m)) throw new IllegalArgumentException("--models: a list of "
                + String.join(", ", MODELS) + "; got " + m);
        if (!impl.equals("fused") && !impl.equals("cells")) throw new IllegalArgumentException("--impl: fused or cells, got " + impl);
        if (epochs < 1 || trainSize < 1 || testSize < 1 || maxLen < 1 || hidden < 1 || embed < 1 || batch < 1 || !(lr > 0))
            throw new IllegalArgumentException("epochs, train, test, maxLen, hidden, embed, batch must be >= 1, lr > 0");
    }

    /** n strings of 1..maxLen digits 1..9 and their labels (last digit &gt; first digit). */
    static Data generate(int n, int maxLen, SplittableRandom r) {
        List<int[]> s = new ArrayList<>(n);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int[] d = new int[1 + r.nextInt(maxLen)];
            for (int k = 0; k < d.length; k++) d[k] = 1 + r.nextInt(9);
            s.add(d);
            y[i] = d[d.length - 1] > d[0] ? 1 : 0;
        }
        return new Data(s, y);
    }

    Module lstm(boolean mask) {
        if (impl.equals("cells")) return Recurrence.of(new LSTMCell(embed, hidden)).maskZero(mask);
        return new LSTM(embed, hidden).maskZero(mask);
    }

    Sequential model(String name) {
        Sequential s = new Sequential().add(new LookupTable(10, embed, 0, 0, 2));
        return switch (name) {
            case "masked", "unmasked" -> s.add(lstm(name.equals("masked"))).add(new LastStep(name.equals("masked")))
                    .add(new Linear(hidden, 2)).add(new LogSoftMax());
            case "bag" -> s.add(new Sum(0)).add(new Linear(embed, hidden)).add(new Tanh()).add(new Linear(hidden, 2))
                    .add(new LogSoftMax());
            default -> throw new IllegalArgumentException("SequenceClassification: no network for " + name);
        };
    }

    /** Strings i in order[from, to) as [T, B] tokens (T the longest of them) and their labels [B]. */
    static Tensor[] batch(Data d, int[] order, int from, int to) {
        List<int[]> s = new ArrayList<>(to - from);
        int[] y = new int[to - from];
        for (int i = from; i < to; i++) { s.add(d.strings().get(order[i])); y[i - from] = d.labels()[order[i]]; }
        return new Tensor[] {PaddedSequences.padTokens(s, 0), Tensor.of(y, y.length)};
    }

    double accuracy(Module net, Data d) {
        net.evaluate();
        int[] order = java.util.stream.IntStream.range(0, d.labels().length).toArray();
        long correct = 0;
        for (int i = 0; i < order.length; i += 500) {
            Tensor[] b = batch(d, order, i, Math.min(order.length, i + 500));
            int[] pred = net.forward(b[0]).tensor().argmax(1).toIntArray(), y = b[1].toIntArray();
            for (int k = 0; k < y.length; k++) if (pred[k] == y[k]) correct++;
        }
        net.training();
        return (double) correct / order.length;
    }

    Map<String, Score> run() {
        SplittableRandom r = new SplittableRandom(seed);
        Data train = generate(trainSize, maxLen, r), test = generate(testSize, maxLen, r);
        Map<String, Score> scores = new LinkedHashMap<>();
        for (String name : models) {
            if (name.equals("majority")) {
                int ones = java.util.Arrays.stream(train.labels()).sum(), major = 2 * ones > trainSize ? 1 : 0;
                long hit = java.util.Arrays.stream(test.labels()).filter(v -> v == major).count();
                scores.put(name, new Score((double) hit / testSize, 0, 0));
                continue;
            }
            Generator.manualSeed(seed);
            Sequential net = model(name);
            var p = net.getParameters();
            ClassNLLCriterion crit = new ClassNLLCriterion();
            Optimizer adam = new Optimizer("adam", Config.of("learningRate", lr));
            State state = new State();
            SplittableRandom shuffle = new SplittableRandom(seed + 1);
            long t0 = System.nanoTime();
            for (int e = 0; e < epochs; e++) {
                int[] order = java.util.stream.IntStream.range(0, trainSize).toArray();
                for (int i = order.length - 1; i > 0; i--) { int j = shuffle.nextInt(i + 1), t = order[i]; order[i] = order[j]; order[j] = t; }
                double loss = 0;
                for (int i = 0; i + batch <= order.length; i += batch) {
                    Tensor[] b = batch(train, order, i, i + batch);
                    Feval f = x -> {
                        p.gradients().fillInPlace(0);
                        Tensor out = net.forward(b[0]).tensor();
                        double l = crit.forward(out, b[1]);
                        net.backward(b[0], crit.backward(out, b[1]));
                        return new Feval.Eval(l, p.gradients());
                    };
                    loss += adam.step(f, p.weights(), state) * batch;
                }
                if (verbose) System.out.printf(Locale.ROOT, "%s epoch %d: training loss %.4f, held-out accuracy %.4f%n",
                        name, e + 1, loss / (order.length / batch * batch), accuracy(net, test));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            scores.put(name, new Score(accuracy(net, test), p.weights().numel(), seconds));
        }
        return scores;
    }
}
