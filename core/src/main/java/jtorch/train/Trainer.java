package jtorch.train;

import jtorch.optim.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jtorch.backend.UnaryOp;
import jtorch.data.Batch;
import jtorch.data.DataLoader;
import jtorch.io.Checkpoint;
import jtorch.nn.Criterion;
import jtorch.nn.FlatParameters;
import jtorch.nn.Module;
import jtorch.optim.Feval;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The fit loop. Each epoch e = 1..epochs: the schedule (if any) sets the optimizer's learning rate from the base rate
 * (the rate when {@link #fit()} began), the training loader's epoch is set to e − 1 (loaders count from 0; the
 * shuffle order is a function of the loader's seed and its epoch), {@code model.training()}, and for every
 * minibatch one {@code optimizer.step(feval, w, state)} on the flat parameters w with gradient g, where feval
 * <pre>
 *   g ← 0;  out = model(x);  L = criterion(out, y);  model.backward(x, criterion.backward(out, y))
 *   L ← hook(batch, L, g)                                                             (gradientHook, when set)
 *   L ← L + l1 · ‖w‖₁ + (l2 / 2) · ‖w‖₂²,   g ← g + l1 · sign(w) + l2 · w          (when set)
 *   g ← g · min(1, c / ‖g‖₂)   (clipGradNorm c)   or   g ← clamp(g, −c, c)   (clipGradValue c)
 *   return (L, g)
 * </pre>
 * Then the validation loader is evaluated ({@code model.evaluate()}, {@link Evaluator}), the epoch's
 * {@link EpochMetrics} go to the history and the callbacks, and a checkpoint {@code epoch-NNNN.ckpt} is written to
 * the checkpoint directory (if set). A callback's {@link TrainContext#stop()} ends training after the epoch.
 * <p><b>Divergence.</b> When a batch's criterion loss or the validation loss is NaN or ±∞, training stops at once with
 * a {@link NonFiniteLossException}: nothing is recorded or checkpointed for that epoch, so the checkpoint directory's
 * latest file is the last good state. {@link Builder#allowNonFinite} turns the check off.
 * <p><b>Reproducibility and resume.</b> The only randomness in training is the loader's shuffle (a function of its
 * seed and the epoch) and modules drawing from {@link Generator#global()} (Dropout by default). A checkpoint captures
 * the epoch, the model's weights, the optimizer (name and config, including the learning rate in force), its
 * {@link State} (step counters, momentum and moment buffers), the global generator's state and the history (each
 * entry also records the base learning rate). {@link #resume(Path)} restores all of these (the global generator in
 * place, so Dropouts built on it continue its stream), replays the schedule over the history and continues with the
 * next epoch: the final weights are bit-identical to an uninterrupted run. Modules with their own generators, and
 * callbacks' internal state (e.g. an {@link EarlyStopping}'s best copy), are not captured. {@link Builder#seed}
 * re-seeds the global generator (in place) when {@link #fit()} begins.
 */
public final class Trainer {
    private final Module model;
    private final Criterion criterion;
    private Optimizer optimizer;
    private final DataLoader train, validation;
    private final int epochs;
    private final List<Callback> callbacks;
    private final double clipNorm, clipValue, l1, l2;
    private final LrSchedule schedule;
    private final Path checkpointDir;
    private final Long seed;
    private final boolean allowNonFinite;
    private final GradientHook gradientHook;
    private final FlatParameters params;
    private Path lastCheckpoint;
    private State state = new State();
    private Tensor signBuffer;

    private Trainer(Builder b) {
        if (b.train == null) throw new IllegalArgumentException("Trainer: no training loader (call .train(loader))");
        model = b.model;
        criterion = b.criterion;
        optimizer = b.optimizer;
        train = b.train;
        validation = b.validation;
        epochs = b.epochs;
        callbacks = List.copyOf(b.callbacks);
        clipNorm = b.clipNorm;
        clipValue = b.clipValue;
        l1 = b.l1;
        l2 = b.l2;
        schedule = b.schedule;
        checkpointDir = b.checkpointDir;
        seed = b.seed;
        allowNonFinite = b.allowNonFinite;
        gradientHook = b.gradientHook;
        params = model.getParameters();
    }

    public static Builder builder(Module model, Criterion criterion, Optimizer optimizer) {
        return new Builder(model, criterion, optimizer);
    }

    public Module model() { return model; }

    /** The optimizer in use (replaced by the checkpoint's on {@link #resume}). */
    public Optimizer optimizer() { return optimizer; }

    /** The optimizer's state (replaced by the checkpoint's on {@link #resume}). */
    public State optimizerState() { return state; }

    /** The checkpoint file of an epoch in {@code dir}: {@code epoch-NNNN.ckpt}. */
    public static Path checkpointPath(Path dir, int epoch) {
        return dir.resolve(String.format(Locale.ROOT, "epoch-%04d.ckpt", epoch));
    }

    /** Trains from epoch 1 with fresh optimizer state; returns the history. */
    public History fit() {
        if (seed != null) Generator.global().setState(new Generator(seed).state());
        state = new State();
        lastCheckpoint = null;
        if (schedule != null) schedule.reset();
        return run(new History(), optimizer.learningRate());
    }

    /**
     * Restores everything {@code checkpoint} holds (see the class comment) and trains the remaining epochs up to
     * {@link Builder#epochs}; returns the whole history, the checkpoint's epochs included.
     */
    public History resume(Path checkpoint) {
        Checkpoint ck;
        try {
            ck = Checkpoint.load(checkpoint);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("Trainer.resume: cannot read checkpoint " + checkpoint + ": "
                    + e.getMessage(), e);
        }
        return resume(ck, checkpoint);
    }

    /**
     * As {@link #resume(Path)}, from a checkpoint already loaded from {@code file} (named in errors). Its contents
     * are validated first (epoch in 0..epochs, one history entry per epoch, optimizer options finite and in the
     * optimizer's ranges, state finite; the architecture must equal the model's); a violation is an
     * {@link IllegalArgumentException} and nothing is restored.
     */
    public History resume(Checkpoint ck, Path file) {
        CheckpointCheck.validate(ck, file, epochs);
        String want = jtorch.io.ModuleRegistry.toJson(model), got = jtorch.io.ModuleRegistry.toJson(ck.model());
        if (!want.equals(got)) throw new IllegalArgumentException("Trainer.resume: checkpoint " + file
                + " holds the architecture " + got + ", but the model being trained is " + want);
        lastCheckpoint = file; // the last good state until this run writes one
        model.loadStateDict(ck.model().stateDict(), true); // weights and buffers (e.g. Dropout's generator)
        optimizer = ck.optimizer();
        state = ck.optimizerState() == null ? new State() : ck.optimizerState();
        if (ck.rngState() != null) Generator.global().setState(ck.rngState());
        List<Map<String, Double>> maps = ck.history() == null ? List.of() : ck.history();
        History h = History.fromMaps(maps);
        double baseLr = maps.isEmpty() || maps.getLast().get(BASE_LR) == null ? optimizer.learningRate()
                : maps.getLast().get(BASE_LR);
        if (schedule != null) {
            schedule.reset();
            Double prev = null;
            for (EpochMetrics m : h.epochs()) {
                schedule.learningRate(m.epoch(), baseLr, prev);
                prev = m.monitoredLoss();
            }
        }
        return run(h, baseLr);
    }

    /** The history key of the base learning rate (before the schedule) that each checkpointed epoch records. */
    public static final String BASE_LR = "baseLearningRate";

    /** Trains with the model's input gradient switched off (nothing uses it), restoring the flag afterwards. */
    private History run(History history, double baseLr) {
        boolean needed = model.isGradInputNeeded();
        model.gradInputNeeded(false);
        try {
            return epochs(history, baseLr);
        } finally {
            model.gradInputNeeded(needed);
        }
    }

    private History epochs(History history, double baseLr) {
        TrainContext ctx = new TrainContext(model, params, optimizer, history);
        ctx.epochs = epochs;
        ctx.batchesPerEpoch = train.batchesPerEpoch();
        int first = history.isEmpty() ? 1 : history.last().epoch() + 1;
        for (int e = first; e <= epochs; e++) {
            if (schedule != null) optimizer.setLearningRate(schedule.learningRate(e, baseLr,
                    history.isEmpty() ? null : history.last().monitoredLoss()));
            ctx.optimizer = optimizer;
            ctx.epoch = e;
            ctx.samplesInEpoch = 0;
            ctx.epochStartNanos = System.nanoTime();
            double lr = optimizer.learningRate();
            for (Callback c : callbacks) c.onEpochStart(ctx);
            EpochMetrics m = epoch(ctx, e, lr);
            history.add(m);
            for (Callback c : callbacks) c.onEpochEnd(ctx, m);
            if (checkpointDir != null) lastCheckpoint = save(e, history, baseLr);
            if (ctx.stopRequested()) {
                history.stoppedEarly(e < epochs);
                break;
            }
        }
        for (Callback c : callbacks) c.onTrainEnd(ctx, history);
        return history;
    }

    private EpochMetrics epoch(TrainContext ctx, int e, double lr) {
        long t0 = ctx.epochStartNanos;
        train.setEpoch(e - 1); // the loader counts epochs from 0
        model.training();
        double lossSum = 0;
        long n = 0, correct = 0;
        boolean classification = true;
        int batchIndex = 0;
        for (Batch b : train) {
            FirstEval first = new FirstEval();
            int bi = batchIndex;
            Feval feval = x -> {
                Tensor g = params.gradients();
                g.fillInPlace(0);
                Tensor out = model.forward(b.input()).tensor();
                double loss = criterion.forward(out, b.target());
                model.backward(b.input(), criterion.backward(out, b.target()));
                if (!first.seen) first.record(loss, out, b.target());
                if (gradientHook != null) loss = gradientHook.afterBackward(bi, b, loss, g);
                return new Feval.Eval(penalize(loss, x, g), g);
            };
            optimizer.step(feval, params.weights(), state);
            if (!allowNonFinite && !Double.isFinite(first.loss)) throw new NonFiniteLossException(e, batchIndex + 1,
                    first.loss, lastCheckpoint);
            n += b.size();
            lossSum += first.loss * b.size();
            if (first.correct < 0) classification = false;
            else correct += first.correct;
            ctx.samplesInEpoch = n;
            batchIndex++;
            for (Callback c : callbacks) c.onBatchEnd(ctx, batchIndex, first.loss);
        }
        if (n == 0) throw new IllegalStateException("Trainer: the training loader gave no batches in epoch " + e);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        double valLoss = Double.NaN, valAcc = Double.NaN;
        if (validation != null) {
            validation.setEpoch(e - 1); // same batches (and summation order) whether resumed or not
            Evaluator.Evaluation ev = Evaluator.evaluate(model, criterion, validation, 1);
            valLoss = ev.loss();
            valAcc = ev.accuracy();
            model.training();
            if (!allowNonFinite && !Double.isFinite(valLoss)) throw new NonFiniteLossException(e, 0, valLoss, lastCheckpoint);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new EpochMetrics(e, lossSum / n, classification ? (double) correct / n : Double.NaN, valLoss, valAcc,
                lr, seconds, n / Math.max(trainSeconds, 1e-9));
    }

    /** The criterion loss and correct count of a step's first evaluation (L-BFGS evaluates several times). */
    private static final class FirstEval {
        boolean seen;
        double loss = Double.NaN;
        int correct = -1; // -1: not a classification batch

        void record(double l, Tensor out, Tensor target) {
            seen = true;
            loss = l;
            correct = Metrics.isClassification(out, target) ? Metrics.correct(out, target) : -1;
        }
    }

    /** Adds the L1/L2 penalties to the loss and gradient, then clips the gradient; returns the loss. */
    private double penalize(double loss, Tensor w, Tensor g) {
        if (l1 != 0) {
            if (signBuffer == null || !signBuffer.sameShape(w)) signBuffer = w.zerosLike();
            loss += l1 * w.apply(UnaryOp.ABS, 0, 0, signBuffer).sum();
            g.addInPlace(l1, w.apply(UnaryOp.SIGN, 0, 0, signBuffer));
        }
        if (l2 != 0) {
            loss += l2 / 2 * w.dot(w);
            g.addInPlace(l2, w);
        }
        if (clipNorm > 0) {
            double norm = Math.sqrt(g.dot(g));
            if (norm > clipNorm) g.mulInPlace(clipNorm / norm);
        }
        if (clipValue > 0) g.clampInPlace(-clipValue, clipValue);
        return loss;
    }

    private Path save(int epoch, History history, double baseLr) {
        try {
            Files.createDirectories(checkpointDir);
        } catch (IOException ex) {
            throw new UncheckedIOException("Trainer: cannot create checkpoint directory " + checkpointDir, ex);
        }
        List<Map<String, Double>> maps = new ArrayList<>();
        for (EpochMetrics m : history.epochs()) {
            Map<String, Double> map = m.toMap();
            map.put(BASE_LR, baseLr);
            maps.add(map);
        }
        Path file = checkpointPath(checkpointDir, epoch);
        new Checkpoint(epoch, model, optimizer, state, Generator.global().state(), maps).save(file);
        return file;
    }

    /** Options of a {@link Trainer}; only the training loader is required. */
    public static final class Builder {
        private final Module model;
        private final Criterion criterion;
        private final Optimizer optimizer;
        private DataLoader train, validation;
        private int epochs = 10;
        private final List<Callback> callbacks = new ArrayList<>();
        private double clipNorm, clipValue, l1, l2;
        private LrSchedule schedule;
        private Path checkpointDir;
        private Long seed;
        private boolean allowNonFinite;
        private GradientHook gradientHook;

        private Builder(Module model, Criterion criterion, Optimizer optimizer) {
            if (model == null || criterion == null || optimizer == null) throw new IllegalArgumentException(
                    "Trainer.builder: model, criterion and optimizer must not be null");
            this.model = model;
            this.criterion = criterion;
            this.optimizer = optimizer;
        }

        public Builder train(DataLoader loader) { train = loader; return this; }

        public Builder validation(DataLoader loader) { validation = loader; return this; }

        /** The last epoch to train (default 10). */
        public Builder epochs(int n) {
            if (n < 1) throw new IllegalArgumentException("Trainer: epochs must be >= 1, got " + n);
            epochs = n;
            return this;
        }

        public Builder callback(Callback c) {
            if (c == null) throw new IllegalArgumentException("Trainer: null callback");
            callbacks.add(c);
            return this;
        }

        /** Scales the gradient by min(1, c / ‖g‖₂) (c > 0). */
        public Builder clipGradNorm(double c) { clipNorm = positive("clipGradNorm", c); return this; }

        /** Clamps every gradient entry to [−c, c] (c > 0). */
        public Builder clipGradValue(double c) { clipValue = positive("clipGradValue", c); return this; }

        /** Adds λ · ‖w‖₁ to the loss and λ · sign(w) to the gradient (λ ≥ 0). */
        public Builder l1(double lambda) { l1 = nonNegative("l1", lambda); return this; }

        /** Adds (λ / 2) · ‖w‖₂² to the loss and λ · w to the gradient (λ ≥ 0). */
        public Builder l2(double lambda) { l2 = nonNegative("l2", lambda); return this; }

        public Builder schedule(LrSchedule s) { schedule = s; return this; }

        /** Writes {@code epoch-NNNN.ckpt} there after every epoch. */
        public Builder checkpointDir(Path dir) { checkpointDir = dir; return this; }

        /** Re-seeds {@link Generator#global()} (in place) when {@link Trainer#fit()} begins. */
        public Builder seed(long s) { seed = s; return this; }

        /**
         * Whether a NaN or infinite loss is tolerated (training goes on, the epoch is recorded, {@link History#best()}
         * ignores it). Off by default: such a loss throws {@link NonFiniteLossException} at once.
         */
        public Builder allowNonFinite(boolean on) { allowNonFinite = on; return this; }

        /**
         * Called in every evaluation after {@code backward}, before penalties and clipping (e.g. the all-reduce of
         * data-parallel training, {@code jtorch.distributed.DataParallel}); its result replaces the loss.
         */
        public Builder gradientHook(GradientHook h) { gradientHook = h; return this; }

        public Trainer build() { return new Trainer(this); }

        private static double positive(String what, double v) {
            if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException("Trainer: " + what
                    + " must be a finite number > 0, got " + v);
            return v;
        }

        private static double nonNegative(String what, double v) {
            if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException("Trainer: " + what
                    + " must be a finite number >= 0, got " + v);
            return v;
        }
    }
}
