package jtorch.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jtorch.nn.Module;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * A word-level language model on tinyshakespeare comparing output layers for a large vocabulary ({@link OutputLayers}:
 * full softmax, two-level class softmax, NCE, sampled softmax) on the same trunk: by default {@link LstmTrunk}
 * (LookupTable(V, E) → LSTM(E, H), 32 streams, truncated BPTT over 35 words), or with {@code --trunk ngram} a
 * feed-forward n-gram model as Bengio et al. (2003), {@link NgramTrunk}. Words, split and vocabulary as
 * {@link WordCorpus} (90/10 split, min count 2 by default). Plain SGD (learning rate {@code lr}, the gradient's global
 * norm clipped to {@code clip} (0: none), the rate halved after each epoch from {@code decayFrom} on), the same seed
 * and so the same trunk initialisation and example order for every layer. Reported: the exact validation perplexity
 * exp(-mean log p(w | history)) with each layer's normalised probabilities over all V words, before training and after
 * each epoch; the training words per second over the training steps alone, per wall-clock second and per CPU second of
 * the JVM (all its threads; the steadier figure on a shared machine); and the CPU milliseconds of the output layer's
 * own forward and backward per step (the rest of a step, the trunk and the dense SGD update of every parameter, costs
 * the same for every layer). The full run (defaults, 3 epochs, 15:24–15:46 UTC, load 21 → 7) printed:
 * <pre>
 * layer    output params  words/s  (speed-up)  words/cpu-s  (speed-up)  output layer cpu-ms/step  valid perplexity, epochs 0..N   vs full
 * full           1832153      800      (1.0x)         4181      (1.0x)                    220.89  [7174.6, 195.5, 159.0, 143.8]  +0.0 %
 * tree           1853741     4709      (5.9x)        16232      (3.9x)                     22.41  [498.2, 178.7, 159.1, 146.6]   +1.9 %
 * nce            1832153     5394      (6.7x)        16329      (3.9x)                     22.58  [7160.3, 251.5, 249.3, 182.5]  +26.9 %
 * sampled        1832153     6985      (8.7x)        16337      (3.9x)                     22.91  [7160.3, 212.3, 193.6, 151.6]  +5.4 %
 * </pre>
 * Options: {@code --layers full,tree,nce,sampled --trunk lstm|ngram --epochs N --bptt T --streams B --context N
 * --embed E --hidden H --batch B (ngram) --lr X --clip X --decayFrom N --minCount N --classes C (0: √V) --k K
 * --limit N (training words per epoch, 0 all) --validLimit N --seed S --file PATH}. Without the text file it says so
 * and exits with status 0.
 */
public final class WordLanguageModel {
    static final Path DEFAULT_FILE = CharConvNet.DEFAULT_FILE;
    String[] layers = {"full", "tree", "nce", "sampled"};
    String trunk = "lstm";
    int bptt = 35, streams = 32;
    double clip = 0.25;
    int epochs = 3, context = 4, embed = 64, hidden = 256, batch = 128, minCount = 2, classes = 0, k = 200, limit = 0,
            validLimit = 0, decayFrom = 2;
    double lr = 20;
    long seed = 1;
    Path file = DEFAULT_FILE;
    boolean verbose = true;

    /**
     * One layer's result: validation perplexity before training and after each epoch, training words/s, seconds,
     * output-layer parameters.
     */
    record Result(List<Double> perplexity, double wordsPerSecond, double wordsPerCpuSecond, double outputCpuMsPerStep,
                  double trainSeconds, long outputParameters) {
        double last() { return perplexity.getLast(); }
    }

    public static void main(String[] args) {
        WordLanguageModel m = new WordLanguageModel();
        try {
            m.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("WordLanguageModel: " + e.getMessage());
            System.exit(2);
        }
        if (!Files.isRegularFile(m.file)) {
            System.out.println("skipped: " + m.file + " not found");
            return;
        }
        Map<String, Result> r = m.run();
        Result full = r.get("full");
        System.out.println("layer    output params  words/s  (speed-up)  words/cpu-s  (speed-up)  output layer cpu-ms/step"
                + "  valid perplexity, epochs 0..N   vs full");
        r.forEach((name, s) -> System.out.printf(Locale.ROOT, "%-8s %13d %8.0f %11s %12.0f %11s  %24.2f  %-30s %s%n", name,
                s.outputParameters(), s.wordsPerSecond(),
                full == null ? "" : String.format(Locale.ROOT, "(%.1fx)", s.wordsPerSecond() / full.wordsPerSecond()),
                s.wordsPerCpuSecond(),
                full == null ? "" : String.format(Locale.ROOT, "(%.1fx)", s.wordsPerCpuSecond() / full.wordsPerCpuSecond()),
                s.outputCpuMsPerStep(),
                s.perplexity().stream().map(p -> String.format(Locale.ROOT, "%.1f", p)).toList(),
                full == null ? "" : String.format(Locale.ROOT, "%+.1f %%", 100 * (s.last() / full.last() - 1))));
    }

    void parse(String[] args) {
        Options o = new Options(args, "--layers", "--epochs", "--context", "--embed", "--hidden", "--batch", "--lr",
                "--decayFrom", "--minCount", "--classes", "--k", "--limit", "--validLimit", "--seed", "--file", "--trunk",
                "--bptt", "--streams", "--clip");
        trunk = o.string("--trunk", trunk);
        if (!List.of("lstm", "ngram").contains(trunk)) throw new IllegalArgumentException("--trunk: lstm or ngram, got " + trunk);
        bptt = o.integer("--bptt", bptt);
        streams = o.integer("--streams", streams);
        clip = o.real("--clip", clip);
        layers = o.string("--layers", String.join(",", layers)).split(",");
        epochs = o.integer("--epochs", epochs);
        context = o.integer("--context", context);
        embed = o.integer("--embed", embed);
        hidden = o.integer("--hidden", hidden);
        batch = o.integer("--batch", batch);
        lr = o.real("--lr", lr);
        decayFrom = o.integer("--decayFrom", decayFrom);
        minCount = o.integer("--minCount", minCount);
        classes = o.integer("--classes", classes);
        k = o.integer("--k", k);
        limit = o.integer("--limit", limit);
        validLimit = o.integer("--validLimit", validLimit);
        seed = o.whole("--seed", seed);
        file = Path.of(o.string("--file", file.toString()));
        for (String l : layers) if (!List.of("full", "tree", "nce", "sampled").contains(l))
            throw new IllegalArgumentException("--layers: a list of full, tree, nce, sampled; got " + l);
        if (bptt < 1 || streams < 1 || !(clip >= 0)) throw new IllegalArgumentException("bptt, streams >= 1, clip >= 0");
        if (epochs < 1 || context < 1 || embed < 1 || hidden < 1 || batch < 1 || minCount < 1 || k < 1 || classes < 0
                || limit < 0 || validLimit < 0 || !(lr > 0)) throw new IllegalArgumentException("sizes must be >= 1, "
                + "classes, limit, validLimit >= 0, lr > 0");
    }

    Map<String, Result> run() {
        WordCorpus c = WordCorpus.read(file, 0.9, minCount);
        if (verbose) System.out.printf(Locale.ROOT, "%s: %d training and %d validation words, vocabulary %d (min count "
                + "%d, <unk> %.1f %% of validation words); trunk: %s, embedding %d, hidden %d%n", file, c.train.length,
                c.valid.length, c.size(), minCount, 100 * WordCorpus.unknownRate(c.valid), trunk.equals("lstm")
                ? "LSTM, " + streams + " streams, chunks of " + bptt + " words" : context + " previous words", embed, hidden);
        Map<String, Result> out = new LinkedHashMap<>();
        for (String name : layers) out.put(name, train(name, c));
        return out;
    }

    private Result train(String name, WordCorpus c) {
        Generator.manualSeed(seed);
        LmTrunk net = trunk.equals("lstm") ? new LstmTrunk(c, embed, hidden, bptt, streams, limit, validLimit)
                : new NgramTrunk(c, context, embed, hidden, batch, limit, validLimit, seed);
        OutputLayers.Layer head = OutputLayers.of(name, hidden, c.counts, classes, k, (int) seed);
        List<Module> modules = new ArrayList<>(List.of(net.modules()));
        modules.add(head.module());
        List<Double> ppl = new ArrayList<>(List.of(perplexity(net, head)));
        double seconds = 0, cpuSeconds = 0, rate = lr;
        long words = 0, steps = 0, headCpu = 0;
        for (int e = 1; e <= epochs; e++) {
            int n = net.startEpoch(e);
            double loss = 0;
            long t0 = System.nanoTime(), c0 = cpuNanos();
            for (int i = 0; i < n; i++) {
                Tensor h = net.forward(i);
                long hc = cpuNanos();
                loss += head.step(h, net.target());
                headCpu += cpuNanos() - hc;
                net.backward(head.gradHidden());
                sgd(modules, rate, clip);
                steps++;
                words += h.size(0);
            }
            seconds += (System.nanoTime() - t0) / 1e9;
            cpuSeconds += (cpuNanos() - c0) / 1e9;
            ppl.add(perplexity(net, head));
            if (verbose) System.out.printf(Locale.ROOT, "%-8s epoch %d: training loss %.3f, validation perplexity %.1f, "
                    + "%.0f words/s, %.0f words/cpu-s%n", name, e, loss / n, ppl.getLast(), words / seconds,
                    words / cpuSeconds);
            if (e >= decayFrom) rate /= 2;
        }
        return new Result(ppl, words / seconds, words / cpuSeconds, headCpu / 1e6 / steps, seconds,
                head.module().getParameters().weights().numel());
    }

    /** w ← w - rate · g for every parameter, g first scaled to global L2 norm ≤ clip (0: no clipping); zeroes g. */
    static void sgd(List<Module> modules, double rate, double clip) {
        double scale = 1;
        if (clip > 0) {
            double sq = 0;
            for (Module m : modules) for (Tensor g : m.parameters().gradients()) sq += Math.pow(g.norm(2), 2);
            if (Math.sqrt(sq) > clip) scale = clip / Math.sqrt(sq);
        }
        for (Module m : modules) {
            m.updateParameters(rate * scale);
            m.zeroGradParameters();
        }
    }

    static double perplexity(LmTrunk net, OutputLayers.Layer head) {
        double[] r = net.validate(head);
        return Math.exp(-r[0] / r[1]);
    }

    /** CPU time of this JVM, all threads (less sensitive than wall time to other processes on a shared machine). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
