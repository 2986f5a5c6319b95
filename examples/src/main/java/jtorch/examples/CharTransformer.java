package jtorch.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import jtorch.backend.cpu.Parallel;
import jtorch.data.TextCorpus;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.attention.LearnedPositionalEncoding;
import jtorch.nn.attention.TransformerEncoderLayer;
import jtorch.nn.criterion.CrossEntropyCriterion;
import jtorch.nn.layer.Linear;
import jtorch.nn.norm.LayerNormalization;
import jtorch.nn.rnn.LookupTable;
import jtorch.optim.AdamW;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * A character-level GPT on tinyshakespeare in nanoGPT's CPU configuration ({@code config/train_shakespeare_char.py}
 * with {@code --block_size=64 --batch_size=12 --n_layer=4 --n_head=4 --n_embd=128 --max_iters=2000
 * --lr_decay_iters=2000 --dropout=0.0}):
 * <pre>
 *   tokens [T, B] → LookupTable(V, 128) → + LearnedPositionalEncoding(64, 128)
 *     → 4 × TransformerEncoderLayer(128, 4 heads, ffn 512, pre-norm, causal, exact GELU, no biases)
 *     → LayerNorm(128, no bias) → Linear(128, V, no bias)
 * </pre>
 * trained as nanoGPT's train.py does: random windows of the first 90 % of the text (validation: the last 10 %),
 * AdamW (β = 0.9, 0.99, ε 1e-8, weight decay 0.1 on the matrices and embeddings only), learning rate 1e-3 with a
 * linear warm-up over 100 iterations and a cosine decay to 1e-4 at iteration 2000, gradient norm clipped to 1,
 * weights N(0, 0.02) (residual projections 0.02/√(2·layers)), biases 0, the output layer's weight tied to the
 * embedding ({@code --tie 0} unties it): both hold the same values and get the sum of their gradients, so AdamW moves
 * them identically (the clipped norm counts the tied gradient once). As nanoGPT's model ({@code bias=False}): no
 * biases in the attention, the MLP, the LayerNorms (weight only) or the output layer, and the exact (erf) GELU;
 * {@code --bias 1} and {@code --gelu tanh} restore the earlier variant (zero-initialised biases, tanh GELU).
 * Loss: the mean next-character cross-entropy (nats) over every position; evaluation averages {@code --eval-iters}
 * random batches per split (20, nanoGPT's CPU command), the final one {@code --final-eval-iters} (200: less noisy).
 * Options: {@code --iters --eval-interval --eval-iters --final-eval-iters --layers --heads --width --context --batch --lr --min-lr
 * --warmup --seed --threads --sample --file --tie --bias --gelu}. Without the text file it says so and exits with status 0.
 */
public final class CharTransformer {
    static final Path DEFAULT_FILE = CharConvNet.DEFAULT_FILE;
    int iters = 2000, evalInterval = 250, evalIters = 20, finalEvalIters = 200, layers = 4, heads = 4, width = 128, context = 64, batch = 12;
    int threads = 1, sampleLength = 500;
    double lr = 1e-3, minLr = 1e-4, weightDecay = 0.1, clip = 1.0;
    int warmup = 100;
    long seed = 1337;
    Path file = DEFAULT_FILE;
    boolean verbose = true, tie = true, bias = false, exactGelu = true;

    /** The result: validation and training loss (nats/char) at the end, wall seconds of the training loop, a sample. */
    record Result(double valLoss, double trainLoss, double firstValLoss, double trainSeconds, String sample) {}

    public static void main(String[] args) {
        CharTransformer c = new CharTransformer();
        try {
            c.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("CharTransformer: " + e.getMessage());
            System.err.println("usage: CharTransformer [--iters N] [--eval-interval N] [--eval-iters N] [--layers N] "
                    + "[--final-eval-iters N] [--heads N] [--width N] [--context N] [--batch N] [--lr X] [--min-lr X] [--warmup N] [--seed S] "
                    + "[--threads N] [--sample N] [--file PATH] [--tie 0|1] [--bias 0|1] [--gelu exact|tanh]");
            System.exit(2);
        }
        if (!Files.isRegularFile(c.file)) {
            System.out.println("skipped: " + c.file + " not found");
            return;
        }
        Result r = c.run();
        System.out.printf(Locale.ROOT, "jtorch: val loss %.4f, train loss %.4f nats/char after %d iterations, "
                + "%.1f s training (%d threads%s%s, %s GELU)%n", r.valLoss(), r.trainLoss(), c.iters, r.trainSeconds(),
                c.threads, c.tie ? ", tied" : ", untied", c.bias ? ", biases" : ", no biases", c.exactGelu ? "exact" : "tanh");
        System.out.println("sample:\n" + r.sample());
    }

    void parse(String[] args) {
        Options o = new Options(args, "--iters", "--eval-interval", "--eval-iters", "--layers", "--heads", "--width",
                "--context", "--batch", "--final-eval-iters", "--lr", "--min-lr", "--warmup", "--seed", "--threads", "--sample", "--file", "--tie", "--bias", "--gelu");
        iters = o.integer("--iters", iters);
        evalInterval = o.integer("--eval-interval", evalInterval);
        evalIters = o.integer("--eval-iters", evalIters);
        finalEvalIters = o.integer("--final-eval-iters", finalEvalIters);
        layers = o.integer("--layers", layers);
        heads = o.integer("--heads", heads);
        width = o.integer("--width", width);
        context = o.integer("--context", context);
        batch = o.integer("--batch", batch);
        lr = o.real("--lr", lr);
        minLr = o.real("--min-lr", minLr);
        warmup = o.integer("--warmup", warmup);
        seed = o.whole("--seed", seed);
        threads = o.integer("--threads", threads);
        sampleLength = o.integer("--sample", sampleLength);
        file = Path.of(o.string("--file", file.toString()));
        tie = o.integer("--tie", tie ? 1 : 0) != 0;
        bias = o.integer("--bias", bias ? 1 : 0) != 0;
        String gelu = o.string("--gelu", exactGelu ? "exact" : "tanh");
        if (!gelu.equals("exact") && !gelu.equals("tanh")) throw new IllegalArgumentException("--gelu exact|tanh, got " + gelu);
        exactGelu = gelu.equals("exact");
        if (iters < 1 || evalInterval < 1 || evalIters < 1 || finalEvalIters < 1 || layers < 1 || heads < 1 || width % heads != 0
                || context < 1 || batch < 1 || threads < 1 || sampleLength < 0 || !(lr > 0) || !(minLr >= 0) || warmup < 0)
            throw new IllegalArgumentException("iters, eval-interval, eval-iters, layers, heads, context, batch, threads "
                    + "must be >= 1, width a multiple of heads, lr > 0");
    }

    /**
     * The model for a vocabulary of v characters, initialised as nanoGPT (from {@code g}): a Sequential of the body
     * (tokens [T, B] to features [T, B, E]) and the head (Linear on the [T·B, E] rows), run one after the other.
     */
    Sequential model(int v, Generator g) {
        Sequential body = new Sequential().add(new LookupTable(v, width)).add(new LearnedPositionalEncoding(context, width));
        for (int i = 0; i < layers; i++)
            body.add(new TransformerEncoderLayer(width, heads, 4 * width, 0, exactGelu ? "gelu_exact" : "gelu", true,
                    true, 1e-5, bias));
        body.add(new LayerNormalization(new int[] {width}, 1e-5, true, bias));
        Sequential s = new Sequential().add(body.gradInputNeeded(false)).add(new Linear(width, v, bias));
        double proj = 0.02 / Math.sqrt(2 * layers);
        for (Module.Parameter p : s.namedParameters()) {
            Tensor w = p.weight();
            String n = p.name();
            if (w.dim() == 1) w.fillInPlace(n.endsWith("bias") || n.endsWith("in_proj_bias") ? 0 : 1);
            else {
                boolean residual = n.matches("0\\.\\d+\\.(0\\.out_proj_weight|2\\.weight)");
                w.copy(Tensor.randn(g, w.sizes()).mulInPlace(residual ? proj : 0.02));
            }
        }
        if (tie) ((Linear) s.get(1)).weight().copy(((LookupTable) body.get(0)).weight());
        return s;
    }

    /** Learning rate at iteration {@code it} (nanoGPT's get_lr). */
    double lrAt(int it) {
        if (it < warmup) return lr * (it + 1) / (warmup + 1);
        if (it > iters) return minLr;
        double ratio = (double) (it - warmup) / (iters - warmup);
        return minLr + 0.5 * (1 + Math.cos(Math.PI * ratio)) * (lr - minLr);
    }

    /** A batch of windows from ids[lo, hi): inputs [T, B] and next-character targets [T·B] (row t·B + b). */
    Tensor[] batch(int[] ids, int lo, int hi, SplittableRandom rnd) {
        int[] x = new int[context * batch], y = new int[context * batch];
        for (int b = 0; b < batch; b++) {
            int off = lo + rnd.nextInt(hi - lo - context);
            for (int t = 0; t < context; t++) {
                x[t * batch + b] = ids[off + t];
                y[t * batch + b] = ids[off + t + 1];
            }
        }
        return new Tensor[] {Tensor.of(x, context, batch), Tensor.of(y, context * batch)};
    }

    double estimate(Sequential m, CrossEntropyCriterion ce, int[] ids, int lo, int hi, SplittableRandom rnd, int batches) {
        m.evaluate();
        double sum = 0;
        for (int i = 0; i < batches; i++) {
            Tensor[] b = batch(ids, lo, hi, rnd);
            sum += ce.forward(logits(m, b[0]), b[1]);
        }
        m.training();
        return sum / batches;
    }

    Result run() {
        Parallel.setThreads(threads);
        TextCorpus corpus = TextCorpus.chars(file);
        int[] ids = corpus.ids().toIntArray();
        int n = (int) (0.9 * ids.length), v = corpus.vocabulary().size();
        Generator g = new Generator(seed);
        Sequential m = model(v, g);
        var flat = m.getParameters();
        List<Tensor> decayed = new ArrayList<>();
        for (Module.Parameter p : m.namedParameters()) if (p.weight().dim() >= 2) decayed.add(p.weight());
        CrossEntropyCriterion ce = new CrossEntropyCriterion();
        SplittableRandom rnd = new SplittableRandom(seed), evalRnd = new SplittableRandom(seed + 1);
        State state = new State();
        double first = Double.NaN, val = Double.NaN, train = Double.NaN;
        double[] lrNow = {0};
        long t0 = System.nanoTime();
        for (int it = 0; it <= iters; it++) {
            if (it % evalInterval == 0 || it == iters) {
                int k = it == iters ? finalEvalIters : evalIters;
                train = estimate(m, ce, ids, 0, n, evalRnd, k);
                val = estimate(m, ce, ids, n, ids.length, evalRnd, k);
                if (it == 0) first = val;
                if (verbose) System.out.printf(Locale.ROOT, "step %d: train loss %.4f, val loss %.4f (%.1f s)%n", it,
                        train, val, (System.nanoTime() - t0) / 1e9);
            }
            if (it == iters) break;
            lrNow[0] = lrAt(it);
            Tensor[] b = batch(ids, 0, n, rnd);
            Feval f = x -> {
                m.zeroGradParameters();
                Tensor y = logits(m, b[0]);
                double loss = ce.forward(y, b[1]);
                Tensor h = m.get(0).output().toTensor("features");
                Tensor gh = m.get(1).backward(h.view(-1, width), ce.backward(y, b[1])).toTensor("gradient");
                m.get(0).backward(b[0], gh.view(h.sizes()));
                double norm = flat.gradients().norm(2);
                if (tie) {  // both copies get the summed gradient; the norm counts it once
                    Tensor ge = ((LookupTable) ((Sequential) m.get(0)).get(0)).gradWeight(), gw = ((Linear) m.get(1)).gradWeight();
                    double sq = norm * norm - Math.pow(ge.norm(2), 2) - Math.pow(gw.norm(2), 2);
                    ge.addInPlace(gw);
                    gw.copy(ge);
                    norm = Math.sqrt(Math.max(0, sq + Math.pow(ge.norm(2), 2)));
                }
                if (norm > clip) flat.gradients().mulInPlace(clip / (norm + 1e-6));
                for (Tensor w : decayed) w.mulInPlace(1 - lrNow[0] * weightDecay); // AdamW's decoupled decay
                return new Feval.Eval(loss, flat.gradients());
            };
            AdamW.step(f, flat.weights(), Config.of("learningRate", lrNow[0], "beta1", 0.9, "beta2", 0.99,
                    "epsilon", 1e-8, "weightDecay", 0.0), state);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (tie && ((Linear) m.get(1)).weight().sub(((LookupTable) ((Sequential) m.get(0)).get(0)).weight()).abs().max() != 0)
            throw new IllegalStateException("CharTransformer: the tied weights drifted apart");
        return new Result(val, train, first, seconds, sample(m, corpus, g));
    }

    /** The logits [T·B, V] for tokens x [T, B]: body, then head on the rows. */
    Tensor logits(Sequential m, Tensor x) {
        Tensor h = m.get(0).forward(x).toTensor("features");
        return m.get(1).forward(h.view(-1, width)).toTensor("logits");
    }

    /** {@code sampleLength} characters drawn from the model (temperature 1), starting from a newline. */
    String sample(Sequential m, TextCorpus corpus, Generator g) {
        m.evaluate();
        List<String> vocab = corpus.vocabulary();
        List<Integer> out = new ArrayList<>(List.of(Math.max(0, vocab.indexOf("\n"))));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sampleLength; i++) {
            int t = Math.min(out.size(), context);
            int[] x = new int[t];
            for (int j = 0; j < t; j++) x[j] = out.get(out.size() - t + j);
            Tensor logits = logits(m, Tensor.of(x, t, 1)).select(0, t - 1);
            double[] p = logits.sub(logits.max()).expInPlace().toDoubleArray();
            double sum = 0;
            for (double q : p) sum += q;
            double u = g.nextDouble() * sum;
            int c = 0;
            while (c < p.length - 1 && (u -= p[c]) > 0) c++;
            out.add(c);
            sb.append(vocab.get(c));
        }
        m.training();
        return sb.toString();
    }
}
