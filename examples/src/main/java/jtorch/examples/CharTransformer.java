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
import jtorch.nn.layer.Linear;
import jtorch.nn.norm.LayerNormalization;
import jtorch.nn.rnn.LookupTable;
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
 * random batches per split (20, nanoGPT's CPU command); at the end also {@code --final-eval-iters} random batches (200:
 * less noisy) and the whole validation split (its disjoint windows of {@code context} characters, each position once).
 * {@code --recipe 2023-02} trains as nanoGPT did on 2023-02-05 (commit 23a8e70), when its README's figure (1.88) was
 * written: weight decay 0.01 on the Linear weights only (not on the embeddings, so not on the tied output layer),
 * warm-up lr·it/warmup (0 at iteration 0) and the tanh GELU; the default, {@code head}, is today's nanoGPT (decay 0.1 on
 * every matrix, warm-up lr·(it+1)/(warmup+1), exact GELU).
 * Options: {@code --iters --eval-interval --eval-iters --final-eval-iters --layers --heads --width --context --batch --lr --min-lr
 * --warmup --seed --threads --sample --file --tie --bias --gelu --recipe}. Without the text file it says so and exits with status 0.
 */
public final class CharTransformer {
    static final Path DEFAULT_FILE = CharConvNet.DEFAULT_FILE;
    int iters = 2000, evalInterval = 250, evalIters = 20, finalEvalIters = 200, layers = 4, heads = 4, width = 128, context = 64, batch = 12;
    int threads = 1, sampleLength = 500;
    double lr = 1e-3, minLr = 1e-4, weightDecay = 0.1, clip = 1.0;
    int warmup = 100;
    long seed = 1337;
    Path file = DEFAULT_FILE;
    boolean verbose = true, tie = true, bias = false, exactGelu = true, decayEmbeddings = true, warmupFromZero = false;
    String recipe = "head";

    /**
     * The result: validation and training loss (nats/char) at the end over {@code finalEvalIters} random batches, the
     * validation loss over {@code evalIters} batches (nanoGPT's estimate) and over the whole split, the untrained
     * validation loss, the standard deviation of the final validation batches' losses (so a k-batch estimate's
     * standard error is {@code valBatchSd / √k}), wall seconds of the training loop, a sample.
     */
    record Result(double valLoss, double trainLoss, double valLossShort, double valLossAll, double firstValLoss,
                  double valBatchSd, double trainSeconds, String sample) {}

    public static void main(String[] args) {
        CharTransformer c = new CharTransformer();
        try {
            c.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("CharTransformer: " + e.getMessage());
            System.err.println("usage: CharTransformer [--iters N] [--eval-interval N] [--eval-iters N] [--layers N] "
                    + "[--final-eval-iters N] [--heads N] [--width N] [--context N] [--batch N] [--lr X] [--min-lr X] [--warmup N] [--seed S] "
                    + "[--threads N] [--sample N] [--file PATH] [--tie 0|1] [--bias 0|1] [--gelu exact|tanh] [--recipe head|2023-02]");
            System.exit(2);
        }
        if (!Files.isRegularFile(c.file)) {
            System.out.println("skipped: " + c.file + " not found");
            return;
        }
        Result r = c.run();
        System.out.printf(Locale.ROOT, "jtorch: val loss %.4f, train loss %.4f nats/char after %d iterations, "
                + "%.1f s training (%d threads%s%s, %s GELU, recipe %s, seed %d)%n", r.valLoss(), r.trainLoss(), c.iters,
                r.trainSeconds(), c.threads, c.tie ? ", tied" : ", untied", c.bias ? ", biases" : ", no biases",
                c.exactGelu ? "exact" : "tanh", c.recipe, c.seed);
        System.out.printf(Locale.ROOT, "final: seed %d val%d %.4f val%d %.4f valAll %.4f train%d %.4f batchSd %.4f%n",
                c.seed, c.evalIters, r.valLossShort(), c.finalEvalIters, r.valLoss(), r.valLossAll(), c.finalEvalIters,
                r.trainLoss(), r.valBatchSd());
        System.out.println("sample:\n" + r.sample());
    }

    void parse(String[] args) {
        Options o = new Options(args, "--iters", "--eval-interval", "--eval-iters", "--layers", "--heads", "--width",
                "--context", "--batch", "--final-eval-iters", "--lr", "--min-lr", "--warmup", "--seed", "--threads", "--sample", "--file", "--tie", "--bias", "--gelu", "--recipe");
        recipe = o.string("--recipe", recipe);
        if (!recipe.equals("head") && !recipe.equals("2023-02"))
            throw new IllegalArgumentException("--recipe head|2023-02, got " + recipe);
        boolean old = recipe.equals("2023-02");
        weightDecay = old ? 0.01 : 0.1;
        decayEmbeddings = !old;
        warmupFromZero = old;
        if (old) exactGelu = false;
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

    /** Learning rate at iteration {@code it} (nanoGPT's get_lr; its warm-up before December 2024 started at 0). */
    double lrAt(int it) {
        if (it < warmup) return warmupFromZero ? lr * it / warmup : lr * (it + 1) / (warmup + 1);
        if (it > iters) return minLr;
        double ratio = (double) (it - warmup) / (iters - warmup);
        return minLr + 0.5 * (1 + Math.cos(Math.PI * ratio)) * (lr - minLr);
    }

    /** {@code batch} window starts in ids[lo, hi), uniform as nanoGPT's {@code torch.randint(len(data) - block_size)}. */
    int[] offsets(int lo, int hi, SplittableRandom rnd) {
        int[] off = new int[batch];
        for (int b = 0; b < batch; b++) off[b] = lo + rnd.nextInt(hi - lo - context);
        return off;
    }

    /** The windows at {@code off}: inputs [T, B] and next-character targets [T·B] (row t·B + b), B = off.length. */
    Tensor[] batchAt(int[] ids, int[] off) {
        int nb = off.length;
        int[] x = new int[context * nb], y = new int[context * nb];
        for (int b = 0; b < nb; b++)
            for (int t = 0; t < context; t++) {
                x[t * nb + b] = ids[off[b] + t];
                y[t * nb + b] = ids[off[b] + t + 1];
            }
        return new Tensor[] {Tensor.of(x, context, nb), Tensor.of(y, context * nb)};
    }

    /** A batch of random windows from ids[lo, hi) (see {@link #batchAt}). */
    Tensor[] batch(int[] ids, int lo, int hi, SplittableRandom rnd) { return batchAt(ids, offsets(lo, hi, rnd)); }

    /** The standard deviation of the batch losses in the last {@link #estimate}. */
    double lastBatchSd = Double.NaN;

    /** The mean loss of {@code batches} random batches from ids[lo, hi). */
    double estimate(CharTransformerStep s, int[] ids, int lo, int hi, SplittableRandom rnd, int batches) {
        s.model.evaluate();
        double sum = 0, sq = 0;
        for (int i = 0; i < batches; i++) {
            double l = s.loss(batch(ids, lo, hi, rnd));
            sum += l;
            sq += l * l;
        }
        s.model.training();
        double mean = sum / batches;
        lastBatchSd = batches > 1 ? Math.sqrt(Math.max(0, (sq - batches * mean * mean) / (batches - 1))) : Double.NaN;
        return mean;
    }

    /** The mean loss over ids[lo, hi) cut into disjoint windows of {@code context} (every position once). */
    double exact(CharTransformerStep s, int[] ids, int lo, int hi) {
        s.model.evaluate();
        int windows = (hi - lo - 1) / context;
        double sum = 0;
        for (int w = 0; w < windows; w += batch) {
            int[] off = new int[Math.min(batch, windows - w)];
            for (int b = 0; b < off.length; b++) off[b] = lo + (w + b) * context;
            sum += s.loss(batchAt(ids, off)) * off.length;
        }
        s.model.training();
        return sum / windows;
    }

    /** The model for the corpus's vocabulary from seed {@code seed}, with its training step. */
    CharTransformerStep newStep(int vocabulary, Generator g) {
        return new CharTransformerStep(model(vocabulary, g), width, tie, weightDecay, decayEmbeddings, clip);
    }

    Result run() {
        Parallel.setThreads(threads);
        TextCorpus corpus = TextCorpus.chars(file);
        int[] ids = corpus.ids().toIntArray();
        int n = (int) (0.9 * ids.length), v = corpus.vocabulary().size();
        Generator g = new Generator(seed);
        CharTransformerStep s = newStep(v, g);
        SplittableRandom rnd = new SplittableRandom(seed), evalRnd = new SplittableRandom(seed + 1);
        double first = Double.NaN, val = Double.NaN, train = Double.NaN, valShort = Double.NaN, valAll = Double.NaN;
        long t0 = System.nanoTime();
        for (int it = 0; it <= iters; it++) {
            if (it % evalInterval == 0 || it == iters) {
                train = estimate(s, ids, 0, n, evalRnd, evalIters);
                val = valShort = estimate(s, ids, n, ids.length, evalRnd, evalIters);
                if (it == 0) first = val;
                if (verbose) System.out.printf(Locale.ROOT, "step %d: train loss %.4f, val loss %.4f (%.1f s)%n", it,
                        train, val, (System.nanoTime() - t0) / 1e9);
            }
            if (it == iters) break;
            s.step(batch(ids, 0, n, rnd), lrAt(it));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        train = estimate(s, ids, 0, n, evalRnd, finalEvalIters);
        val = estimate(s, ids, n, ids.length, evalRnd, finalEvalIters);
        double sd = lastBatchSd;
        valAll = exact(s, ids, n, ids.length);
        s.checkTied();
        return new Result(val, train, valShort, valAll, first, sd, seconds, sample(s.model, corpus, g));
    }

    /** The logits [T·B, V] for tokens x [T, B]: body, then head on the rows. */
    Tensor logits(Sequential m, Tensor x) { return CharTransformerStep.logits(m, x, width); }

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
