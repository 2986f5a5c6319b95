package jtorch.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jtorch.data.Batch;
import jtorch.data.DataLoader;
import jtorch.nn.FlatParameters;
import jtorch.nn.Module;
import jtorch.nn.criterion.BCEWithLogitsCriterion;
import jtorch.optim.Feval;
import jtorch.optim.Optimizer;
import jtorch.optim.State;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Adversarial training of a generator G (noise z [B, latent...] → samples) against a discriminator D (samples →
 * logits [B] or [B, 1]), Goodfellow et al. 2014, in the {@link Trainer}'s style: each network has its own
 * {@link Optimizer}, its own optimizer {@link State} and its own flat parameters θ_G, θ_D. For every epoch
 * e = 1..epochs (the loader's epoch set to e − 1) and every real minibatch x (its targets are ignored), with z ~ N(0, I)
 * drawn from the trainer's own generator and ℓ = {@link BCEWithLogitsCriterion} (mean over the batch):
 * <pre>
 *   x̃ = G(z)                                                     (G in training mode)
 *   D step:  L_D = ℓ(D(x), r) + ℓ(D(x̃), 0);  ∇θ_D L_D by backprop (x̃ held fixed);    dOptimizer.step on θ_D
 *   G step:  L_G = ℓ(D(x̃), 1)   with the updated D; ∂L_G/∂x̃ through D (D's parameters untouched), then
 *            ∇θ_G L_G by backprop through G;                                            gOptimizer.step on θ_G
 * </pre>
 * L_G is the non-saturating loss −log σ(D(G(z))) rather than log(1 − σ(D(G(z)))), which would vanish when D rejects
 * the samples early on. r is the real label (1; {@link Builder#realLabel} 0.9 gives one-sided label smoothing). The
 * real and generated batches go through D separately (each batch normalization sees one kind). With a
 * {@link Builder#schedule schedule}, each optimizer's learning rate for epoch e is {@code schedule.learningRate(e, base,
 * null)} of its own base rate (its rate when {@link #fit()} began, restored when it returns).
 * <p><b>Collapse.</b> After every batch the losses must be finite, and at every epoch's end the {@link CollapseCheck}
 * runs on {@code monitorSamples} samples of a fixed noise (G in evaluation mode): a collapsed or diverged run throws
 * {@link GanCollapseException} naming the test that failed, so it is reported, not shipped.
 * <p><b>Averaged generator.</b> With {@link Builder#ema ema(β)}, an {@link EmaModule} of G (weights and batch-norm
 * statistics) is started at G's initial weights when {@link #fit()} begins and updated after every step; it does not
 * influence training and is sampled by {@link #generate(Tensor, boolean) generate(z, true)}.
 * <p><b>Class conditioning.</b> With {@link Builder#conditional conditional(C)} (Mirza &amp; Osindero 2014) the
 * loader's targets are class indices y [B] in 0..C−1; G's input is z ⊕ e_y [B, nz + C] (e_y one-hot) for labels
 * drawn uniformly, and D sees the table {x, e_y} (real images with their own labels, generated ones with the labels
 * they were made for), e.g. a projection discriminator (Miyato &amp; Koyama 2018). {@link #input(Tensor, Tensor)}
 * builds G's input for sampling.
 * <p><b>Reproducibility.</b> {@link #fit()} seeds the noise stream, the fixed monitor noise and
 * {@link Generator#global()} (Dropout) from the seed, and starts both optimizers from fresh states; with the loader's
 * own seed, the same seed and thread count give bit-identical networks and histories. No checkpoint or resume.
 */
public final class GanTrainer {
    private final Module g, d;
    private final Optimizer gOpt, dOpt;
    private final DataLoader data;
    private final int[] latent;
    private final int epochs, monitorSamples, progressEvery;
    private final long seed;
    private final double realLabel, emaDecay;
    private final CollapseCheck check;
    private final LrSchedule schedule;
    private final Module classifier;
    private final PrintStream progress;
    private final List<EpochListener> listeners;
    private final FlatParameters gp, dp;
    private final BCEWithLogitsCriterion bce = new BCEWithLogitsCriterion();
    private State gState = new State(), dState = new State();
    private Tensor fixedNoise, realReference;
    private EmaModule ema;
    private final GanLabels labels; // null: unconditional

    /** Called after every epoch's checks pass (e.g. to draw a sample grid from {@link #generate}). */
    @FunctionalInterface public interface EpochListener { void onEpochEnd(GanEpoch epoch, GanTrainer trainer); }

    private GanTrainer(Builder b) {
        if (b.data == null) throw new IllegalArgumentException("GanTrainer: no data loader (call .data(loader))");
        if (b.latent == null) throw new IllegalArgumentException("GanTrainer: no latent sizes (call .latent(sizes...))");
        g = b.g; d = b.d; gOpt = b.gOpt; dOpt = b.dOpt; data = b.data; latent = b.latent; epochs = b.epochs;
        monitorSamples = b.monitorSamples; progressEvery = b.progressEvery; seed = b.seed; realLabel = b.realLabel;
        emaDecay = b.emaDecay;
        labels = b.classes > 0 ? new GanLabels(b.classes) : null;
        check = b.check; schedule = b.schedule; classifier = b.classifier; progress = b.progress; listeners = List.copyOf(b.listeners);
        gp = g.getParameters();
        dp = d.getParameters();
    }

    public static Builder builder(Module generator, Module discriminator, Optimizer gOptimizer, Optimizer dOptimizer) {
        return new Builder(generator, discriminator, gOptimizer, dOptimizer);
    }

    public Module generator() { return g; }

    public Module discriminator() { return d; }

    public State generatorState() { return gState; }

    public State discriminatorState() { return dState; }

    /** Noise [n, latent...] ~ N(0, I) from {@code rng}. */
    public Tensor noise(Generator rng, int n) {
        int[] s = new int[latent.length + 1];
        s[0] = n;
        System.arraycopy(latent, 0, s, 1, latent.length);
        return Tensor.randn(rng, s);
    }

    /**
     * G's input for noise z [n, nz] and class labels [n] (0-based): z ⊕ e_y when the trainer is
     * {@link Builder#conditional conditional}; otherwise {@code labels} must be null and this is z.
     */
    public Tensor input(Tensor z, Tensor classLabels) {
        if (labels == null) {
            if (classLabels != null) throw new IllegalArgumentException("GanTrainer.input: labels given, but the trainer"
                    + " is not conditional (build with .conditional(classes))");
            return z;
        }
        if (classLabels == null) throw new IllegalArgumentException("GanTrainer.input: the trainer is conditional ("
                + labels.classes + " classes): give a label per noise row");
        return GanLabels.append(z, labels.oneHot(classLabels, "labels"));
    }

    /** Labels 0, 1, ..., C−1, 0, 1, ... I32 [n] of a conditional trainer (the monitor samples' labels). */
    public Tensor cyclicLabels(int n) {
        if (labels == null) throw new IllegalStateException("GanTrainer.cyclicLabels: the trainer is not conditional");
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % labels.classes;
        return Tensor.of(y, n);
    }

    /** The number of classes G and D are conditioned on (0: unconditional). */
    public int classes() { return labels == null ? 0 : labels.classes; }

    /** G(z) in evaluation mode, copied (G is put back in training mode afterwards). */
    public Tensor generate(Tensor z) { return generate(z, false); }

    /**
     * G(z), or with {@code averaged} the averaged G's (see {@link Builder#ema}), in evaluation mode, copied; G is put
     * back in training mode afterwards.
     */
    public Tensor generate(Tensor z, boolean averaged) {
        if (averaged && ema == null) throw new IllegalStateException("GanTrainer.generate: no averaged generator"
                + " (build with .ema(decay) and call fit() first)");
        Module net = averaged ? ema.module() : g;
        net.evaluate();
        try {
            return net.forward(z).toTensor("GanTrainer generator output").clone();
        } finally {
            if (!averaged) g.training();
        }
    }

    /** The averaged generator of the current {@link #fit()}, or null without {@link Builder#ema}. */
    public EmaModule ema() { return ema; }

    /** The fixed monitor noise [monitorSamples, latent...] of the current {@link #fit()} (G's input: with labels when conditional). */
    public Tensor fixedNoise() { return fixedNoise; }

    /** Trains all epochs from fresh optimizer states; returns the epochs' records. */
    public List<GanEpoch> fit() {
        Generator rng = new Generator(seed);
        fixedNoise = noise(new Generator(seed ^ 0x5DEECE66DL), monitorSamples);
        if (labels != null) fixedNoise = input(fixedNoise, cyclicLabels(monitorSamples)); // cycling through the classes
        Generator.global().setState(new Generator(seed).state());
        gState = new State();
        dState = new State();
        realReference = null;
        ema = emaDecay > 0 ? new EmaModule(g, emaDecay) : null;
        List<GanEpoch> history = new ArrayList<>();
        double gBase = gOpt.learningRate(), dBase = dOpt.learningRate();
        if (schedule != null) schedule.reset();
        try {
            for (int e = 1; e <= epochs; e++) {
                if (schedule != null) {
                    gOpt.setLearningRate(schedule.learningRate(e, gBase, null));
                    dOpt.setLearningRate(schedule.learningRate(e, dBase, null));
                }
                GanEpoch m = epoch(e, rng, history);
                history.add(m);
                if (progress != null) progress.println("gan " + m.summary() + (schedule == null ? ""
                        : String.format(Locale.ROOT, ", lr G %.3g D %.3g", gOpt.learningRate(), dOpt.learningRate())));
                for (EpochListener l : listeners) l.onEpochEnd(m, this);
            }
        } finally {
            gOpt.setLearningRate(gBase);
            dOpt.setLearningRate(dBase);
        }
        return history;
    }

    private GanEpoch epoch(int e, Generator rng, List<GanEpoch> history) {
        long t0 = System.nanoTime();
        data.setEpoch(e - 1);
        g.training();
        d.training();
        double[] recent = new double[check.window()];
        double dSum = 0, gSum = 0, realSum = 0, fakeSum = 0, recentSum = 0;
        long n = 0;
        int batch = 0, batches = data.batchesPerEpoch();
        for (Batch b : data) {
            Tensor x = b.input(), z = noise(rng, x.size(0));
            if (realReference == null) realReference = x.clone();
            GanStep st;
            if (labels == null) st = step(x, z);
            else {
                Tensor fakeLabels = labels.oneHot(labels.draw(rng, x.size(0)), "drawn labels");
                st = step(x, labels.oneHot(b.target(), "the loader's targets"), GanLabels.append(z, fakeLabels), fakeLabels);
            }
            if (ema != null) ema.update();
            batch++;
            if (!Double.isFinite(st.dLoss()) || !Double.isFinite(st.gLoss())) throw new GanCollapseException(e, batch,
                    "a loss is not finite (D " + st.dLoss() + ", G " + st.gLoss() + ")", history);
            int k = check.window();
            recentSum += st.dLoss() - recent[(batch - 1) % k];
            recent[(batch - 1) % k] = st.dLoss();
            String why = check.dLossReason(recentSum / Math.min(batch, k), batch);
            if (why != null) throw new GanCollapseException(e, batch, why, history);
            int bs = x.size(0);
            n += bs;
            dSum += st.dLoss() * bs;
            gSum += st.gLoss() * bs;
            realSum += st.dReal() * bs;
            fakeSum += st.dFake() * bs;
            if (progress != null && progressEvery > 0 && batch % progressEvery == 0) progress.printf(Locale.ROOT,
                    "gan epoch %d batch %d/%d: D loss %.4f, G loss %.4f, D(x) %.3f, D(G(z)) %.3f, %.0f samples/s%n", e,
                    batch, batches, dSum / n, gSum / n, realSum / n, fakeSum / n, n / ((System.nanoTime() - t0) / 1e9));
        }
        if (n == 0) throw new IllegalStateException("GanTrainer: the data loader gave no batches in epoch " + e);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        Tensor samples = generate(fixedNoise);
        double diversity = CollapseCheck.diversity(samples, realReference);
        int[] hist = classifier == null ? new int[0] : classHistogram(classifier, samples);
        GanEpoch m = new GanEpoch(e, dSum / n, gSum / n, realSum / n, fakeSum / n, diversity, hist,
                (System.nanoTime() - t0) / 1e9, n / trainSeconds);
        String why = check.epochReason(e, diversity, hist);
        if (why != null) throw new GanCollapseException(e, 0, why + "; " + m.summary(), history);
        return m;
    }

    /** One step's losses and mean discriminator outputs σ(D(x)), σ(D(x̃)) (first evaluation of each step). */
    public record GanStep(double dLoss, double gLoss, double dReal, double dFake) {}

    /**
     * One D step and one G step (the class comment's formulas) on real samples {@code x} [B, ...] and noise
     * {@code z} [B, latent...], with the optimizer states of the current {@link #fit()} (or fresh ones before it).
     * Both networks should be in training mode. For benchmarks and custom loops; {@link #fit()} calls it per batch.
     */
    public GanStep step(Tensor x, Tensor z) { return step(x, null, z, null); }

    /**
     * As {@link #step(Tensor, Tensor)} for a conditional trainer: real images x with their one-hot labels
     * {@code realOneHot} [B, C], G's input {@code z} [B, nz + C] (see {@link #input}) and the one-hot labels it
     * carries {@code fakeOneHot}; D sees {x, e_y}. With both one-hot arguments null it is the unconditional step.
     */
    public GanStep step(Tensor x, Tensor realOneHot, Tensor z, Tensor fakeOneHot) {
        if ((realOneHot == null) != (fakeOneHot == null)) throw new IllegalArgumentException("GanTrainer.step: give the"
                + " labels of both the real and the generated batch, or neither");
        Activity realIn = realOneHot == null ? x : Table.of(x, realOneHot);
        boolean gNeeded = g.isGradInputNeeded(), dNeeded = d.isGradInputNeeded();
        g.gradInputNeeded(false); // nothing uses G's input gradient
        d.gradInputNeeded(false); // the D step needs none; the G step asks D for it explicitly
        try {
            Tensor fake = g.forward(z).toTensor("GanTrainer generator output");
            double[] dOut = {Double.NaN, Double.NaN, Double.NaN}; // L_D, mean D(x), mean D(x̃) of the first evaluation
            int[] dEvals = {0};
            Feval dEval = w -> {
                dp.gradients().fillInPlace(0);
                Tensor real = d.forward(realIn).toTensor("GanTrainer discriminator output");
                Tensor target = real.zerosLike().fillInPlace(realLabel);
                double lr = bce.forward(real, target);
                double meanReal = real.sigmoid().mean();
                d.backward(realIn, bce.backward(real, target));
                Activity fakeIn = fakeOneHot == null ? fake : Table.of(fake, fakeOneHot);
                Tensor logits = d.forward(fakeIn).toTensor("GanTrainer discriminator output");
                Tensor zeros = logits.zerosLike();
                double lf = bce.forward(logits, zeros);
                if (dEvals[0]++ == 0) { dOut[0] = lr + lf; dOut[1] = meanReal; dOut[2] = logits.sigmoid().mean(); }
                d.backward(fakeIn, bce.backward(logits, zeros));
                return new Feval.Eval(lr + lf, dp.gradients());
            };
            dOpt.step(dEval, dp.weights(), dState);
            int[] evals = {0};
            double[] gLoss = {Double.NaN};
            Feval gEval = w -> {
                gp.gradients().fillInPlace(0);
                Tensor f = evals[0]++ == 0 ? fake : g.forward(z).toTensor("GanTrainer generator output");
                Activity fIn = fakeOneHot == null ? f : Table.of(f, fakeOneHot);
                Tensor logits = d.forward(fIn).toTensor("GanTrainer discriminator output");
                Tensor ones = logits.zerosLike().fillInPlace(1);
                double l = bce.forward(logits, ones);
                if (evals[0] == 1) gLoss[0] = l;
                Activity gi = d.computeGradInput(fIn, bce.backward(logits, ones));
                Tensor gx = fakeOneHot == null ? gi.toTensor("GanTrainer discriminator gradInput")
                        : ((Table) gi).tensor(0);
                g.backward(z, gx);
                return new Feval.Eval(l, gp.gradients());
            };
            gOpt.step(gEval, gp.weights(), gState);
            return new GanStep(dOut[0], gLoss[0], dOut[1], dOut[2]);
        } finally {
            g.gradInputNeeded(gNeeded);
            d.gradInputNeeded(dNeeded);
        }
    }

    /** The histogram of argmax_c scores[i, c] of {@code classifier} (evaluation mode) over the samples. */
    static int[] classHistogram(Module classifier, Tensor samples) {
        boolean was = classifier.isTraining();
        classifier.evaluate();
        try {
            Tensor s = classifier.forward(samples).toTensor("GanTrainer monitor classifier output");
            int rows = s.size(0), c = s.numel() / rows;
            float[] v = s.toFloatArray();
            int[] h = new int[c];
            for (int i = 0; i < rows; i++) {
                int best = 0;
                for (int j = 1; j < c; j++) if (v[i * c + j] > v[i * c + best]) best = j;
                h[best]++;
            }
            return h;
        } finally {
            if (was) classifier.training();
        }
    }

    /** Options of a {@link GanTrainer}; the data loader and the latent sizes are required. */
    public static final class Builder {
        private final Module g, d;
        private final Optimizer gOpt, dOpt;
        private DataLoader data;
        private int[] latent;
        private int epochs = 5, monitorSamples = 256, progressEvery;
        private long seed = 1;
        private double realLabel = 1, emaDecay;
        private int classes;
        private CollapseCheck check = CollapseCheck.defaults();
        private LrSchedule schedule;
        private Module classifier;
        private PrintStream progress;
        private final List<EpochListener> listeners = new ArrayList<>();

        private Builder(Module g, Module d, Optimizer gOpt, Optimizer dOpt) {
            if (g == null || d == null || gOpt == null || dOpt == null) throw new IllegalArgumentException(
                    "GanTrainer.builder: generator, discriminator and both optimizers must not be null");
            if (g == d) throw new IllegalArgumentException("GanTrainer.builder: the generator and the discriminator"
                    + " must be different modules");
            this.g = g; this.d = d; this.gOpt = gOpt; this.dOpt = dOpt;
        }

        /** The real samples (the batches' inputs; targets are ignored). */
        public Builder data(DataLoader loader) { data = loader; return this; }

        /** The sizes of one noise sample, e.g. {@code latent(100)} for z [B, 100] or {@code latent(100, 1, 1)}. */
        public Builder latent(int... sizes) {
            if (sizes.length == 0 || java.util.Arrays.stream(sizes).anyMatch(s -> s < 1)) throw new IllegalArgumentException(
                    "GanTrainer: latent sizes must be >= 1, got " + java.util.Arrays.toString(sizes));
            latent = sizes.clone();
            return this;
        }

        /** The number of epochs (default 5). */
        public Builder epochs(int n) {
            if (n < 1) throw new IllegalArgumentException("GanTrainer: epochs must be >= 1, got " + n);
            epochs = n;
            return this;
        }

        /** Seeds the noise, the monitor noise and {@link Generator#global()} when {@link #fit()} begins (default 1). */
        public Builder seed(long s) { seed = s; return this; }

        /** The discriminator's target for real samples (default 1; 0.9 is one-sided label smoothing), in (0, 1]. */
        public Builder realLabel(double r) {
            if (!(r > 0 && r <= 1)) throw new IllegalArgumentException("GanTrainer: realLabel must be in (0, 1], got " + r);
            realLabel = r;
            return this;
        }

        /**
         * Keeps an exponential moving average of G with decay β in (0, 1) (default 0: none), see {@link EmaModule};
         * typical β: 0.999 for some thousands of steps.
         */
        public Builder ema(double decay) {
            if (!(decay >= 0 && decay < 1)) throw new IllegalArgumentException("GanTrainer: ema decay must be in [0, 1), got " + decay);
            emaDecay = decay;
            return this;
        }

        /**
         * Conditions G and D on the loader's class labels (0-based, {@code classes} of them; default 0: unconditional):
         * see the class comment. G's first layer must take nz + classes inputs, and D a table {x, e_y}.
         */
        public Builder conditional(int classes) {
            if (classes != 0 && classes < 2) throw new IllegalArgumentException("GanTrainer: conditional needs at least"
                    + " 2 classes (0: unconditional), got " + classes);
            this.classes = classes;
            return this;
        }

        /** The collapse tests (default {@link CollapseCheck#defaults()}). */
        public Builder collapseCheck(CollapseCheck c) {
            if (c == null) throw new IllegalArgumentException("GanTrainer: null collapse check (use CollapseCheck.none())");
            check = c;
            return this;
        }

        /**
         * The learning rates per epoch, from each optimizer's own base rate (default none: constant); the schedule
         * sees no validation loss (null), so use epoch-driven ones ({@link LrSchedules#step}, {@link LrSchedules#cosine}...).
         */
        public Builder schedule(LrSchedule s) { schedule = s; return this; }

        /** A classifier (samples → class scores [N, C]) whose predicted-class histogram of the monitor samples is checked. */
        public Builder monitorClassifier(Module c) { classifier = c; return this; }

        /** How many fixed-noise samples the end-of-epoch checks generate (default 256, at least 2). */
        public Builder monitorSamples(int n) {
            if (n < 2) throw new IllegalArgumentException("GanTrainer: monitorSamples must be >= 2, got " + n);
            monitorSamples = n;
            return this;
        }

        /** Prints each epoch's summary to {@code out}, and running means every {@code everyBatches} batches (0: none). */
        public Builder progress(PrintStream out, int everyBatches) {
            if (everyBatches < 0) throw new IllegalArgumentException("GanTrainer: everyBatches must be >= 0, got " + everyBatches);
            progress = out;
            progressEvery = everyBatches;
            return this;
        }

        public Builder onEpochEnd(EpochListener l) {
            if (l == null) throw new IllegalArgumentException("GanTrainer: null epoch listener");
            listeners.add(l);
            return this;
        }

        public GanTrainer build() { return new GanTrainer(this); }
    }
}
