package jtorch.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jtorch.data.Batch;
import jtorch.data.CharSplitLM;
import jtorch.io.Checkpoint;
import jtorch.io.ModuleRegistry;
import jtorch.nn.FlatParameters;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.rnn.RecurrentLM;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optimizer;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * char-rnn's training loop: truncated backpropagation through time of a {@link RecurrentLM} over a {@link CharSplitLM},
 * the batches in order, the state carried from batch to batch (reset to zero at the start of every epoch, so that an
 * epoch checkpoint resumes exactly; char-rnn also carries it over the epoch boundary, where every stream jumps from
 * its end back to its start anyway).
 * <p>Per batch (x, y I32 [T, B]): loss = (1/(T·B)) Σ_{t,b} −log p(y[t,b] | x[..t, b]) (nats per character); the
 * gradient is T times its gradient (char-rnn sums the per-step batch-mean losses over t and divides only the reported
 * loss by T), clamped element-wise to [−clip, clip], then one RMSprop step (α, ε = 1e-8). The learning rate of epoch
 * e (from 1) is lr · decay^max(0, e − decayAfter). Validation loss: the same mean over all validation batches, the
 * state carried from zero, in evaluation mode. Each epoch's {@link EpochMetrics} has trainLoss and valLoss in
 * nats/char, seconds (wall time, validation included) and samplesPerSecond (training characters per second).
 * With a checkpoint directory, {@code epoch-NNNN.ckpt} is written after every full epoch; {@link #resume} continues
 * one bit-identically (nothing in this loop is random).
 */
public final class BpttTrainer {
    /**
     * @param evalEvery  iterations between validation evaluations within an epoch (0: only at the end of each epoch)
     * @param maxSeconds stop (after a final evaluation) once this much wall time has passed (0: no limit)
     * @param stopBelow  stop after the first evaluation at or below this validation loss (-∞: never)
     */
    public record Options(int epochs, double learningRate, double alpha, double gradClip, double lrDecay,
                          int decayAfter, int evalEvery, double maxSeconds, double stopBelow) {
        public Options {
            if (epochs < 1 || !(learningRate > 0) || !(alpha >= 0 && alpha < 1) || !(gradClip > 0) || !(lrDecay > 0)
                    || decayAfter < 0 || evalEvery < 0 || !(maxSeconds >= 0) || Double.isNaN(stopBelow))
                throw new IllegalArgumentException("BpttTrainer.Options: need epochs >= 1, learningRate > 0, alpha in"
                    + " [0, 1), gradClip > 0, lrDecay > 0, decayAfter, evalEvery, maxSeconds >= 0, stopBelow not NaN; got"
                    + " epochs " + epochs + ", learningRate " + learningRate + ", alpha " + alpha + ", gradClip "
                    + gradClip + ", lrDecay " + lrDecay + ", decayAfter " + decayAfter + ", evalEvery " + evalEvery
                    + ", maxSeconds " + maxSeconds + ", stopBelow " + stopBelow);
        }

        /** Without a time limit or a target. */
        public Options(int epochs, double learningRate, double alpha, double gradClip, double lrDecay, int decayAfter,
                       int evalEvery, double maxSeconds) {
            this(epochs, learningRate, alpha, gradClip, lrDecay, decayAfter, evalEvery, maxSeconds, Double.NEGATIVE_INFINITY);
        }

        /** char-rnn's defaults: lr 2e-3, α 0.95, clip 5, decay 0.97 per epoch after epoch 10. */
        public static Options charRnn(int epochs) { return new Options(epochs, 2e-3, 0.95, 5, 0.97, 10, 0, 0); }

        public Options withEvalEvery(int n) {
            return new Options(epochs, learningRate, alpha, gradClip, lrDecay, decayAfter, n, maxSeconds, stopBelow);
        }

        public Options withMaxSeconds(double s) {
            return new Options(epochs, learningRate, alpha, gradClip, lrDecay, decayAfter, evalEvery, s, stopBelow);
        }

        /** Stop after the first evaluation whose validation loss is at most {@code v}. */
        public Options withStopBelow(double v) {
            return new Options(epochs, learningRate, alpha, gradClip, lrDecay, decayAfter, evalEvery, maxSeconds, v);
        }
    }

    /** Told of every validation evaluation: after {@code iteration} batches (in all), at {@code seconds} of wall time. */
    public interface Listener {
        void evaluated(int epoch, int iteration, double seconds, double trainLoss, double valLoss);

        default void epochEnd(EpochMetrics m) {}
    }

    private final RecurrentLM lm;
    private final CharSplitLM data;
    private final Options o;
    private final FlatParameters params;
    private final ClassNLLCriterion nll = new ClassNLLCriterion();
    private Optimizer optimizer;
    private State state = new State();
    private final List<Listener> listeners = new ArrayList<>();
    private Path checkpointDir, lastCheckpoint;

    public BpttTrainer(RecurrentLM lm, CharSplitLM data, Options options) {
        this.lm = lm;
        this.data = data;
        this.o = options;
        this.params = lm.model().getParameters();
        this.optimizer = new Optimizer("rmsprop", Config.of("learningRate", options.learningRate, "alpha", options.alpha,
                "epsilon", 1e-8));
    }

    public BpttTrainer listener(Listener l) { listeners.add(l); return this; }
    public BpttTrainer checkpointDir(Path dir) { checkpointDir = dir; return this; }
    public Optimizer optimizer() { return optimizer; }

    /** The learning rate of epoch e (from 1). */
    public double learningRate(int epoch) { return o.learningRate * Math.pow(o.lrDecay, Math.max(0, epoch - o.decayAfter)); }

    /** Trains from epoch 1. */
    public History fit() { return run(new History(), 0); }

    /** Restores a checkpoint written by this trainer (weights, RMSprop state, history) and trains on to epochs. */
    public History resume(Checkpoint ck, Path file) {
        CheckpointCheck.validate(ck, file, o.epochs);
        String want = ModuleRegistry.toJson(lm.model()), got = ModuleRegistry.toJson(ck.model());
        if (!want.equals(got)) throw new IllegalArgumentException("BpttTrainer.resume: checkpoint " + file
                + " holds the architecture " + got + ", but the model being trained is " + want);
        lm.model().loadStateDict(ck.model().stateDict(), true);
        lastCheckpoint = file;
        optimizer = ck.optimizer();
        state = ck.optimizerState() == null ? new State() : ck.optimizerState();
        if (ck.rngState() != null) Generator.global().setState(ck.rngState());
        History h = History.fromMaps(ck.history() == null ? List.of() : ck.history());
        double done = 0;
        for (EpochMetrics m : h.epochs()) done += m.seconds();
        return run(h, done);
    }

    private History run(History h, double secondsBefore) {
        long t0 = System.nanoTime();
        int iteration = h.size() * data.trainBatches();
        for (int e = h.size() + 1; e <= o.epochs; e++) {
            long e0 = System.nanoTime();
            optimizer.setLearningRate(learningRate(e));
            lm.model().training();
            Tensor[] s = lm.zeroState(data.batchSize());
            double sum = 0, trainNanos = 0;
            int n = 0;
            boolean timeUp = false;
            for (int i = 0; i < data.trainBatches(); i++) {
                long b0 = System.nanoTime();
                double loss = step(data.train(i), s);
                if (!Double.isFinite(loss)) throw new NonFiniteLossException(e, i + 1, loss, lastCheckpoint);
                sum += loss;
                s = lm.finalState();
                trainNanos += System.nanoTime() - b0;
                n++;
                iteration++;
                timeUp = o.maxSeconds > 0 && secondsBefore + (System.nanoTime() - t0) / 1e9 >= o.maxSeconds;
                if (timeUp) break;
                if (o.evalEvery > 0 && iteration % o.evalEvery == 0 && i + 1 < data.trainBatches()) {
                    double v = evaluate();
                    tell(e, iteration, secondsBefore + (System.nanoTime() - t0) / 1e9, sum / n, v);
                    if (v <= o.stopBelow) {
                        timeUp = true;
                        break;
                    }
                }
            }
            double val = evaluate(), seconds = (System.nanoTime() - e0) / 1e9;
            tell(e, iteration, secondsBefore + (System.nanoTime() - t0) / 1e9, sum / n, val);
            EpochMetrics m = new EpochMetrics(e, sum / n, Double.NaN, val, Double.NaN, learningRate(e), seconds,
                    (double) n * data.batchSize() * data.seqLength() / Math.max(trainNanos / 1e9, 1e-9));
            h.add(m);
            for (Listener l : listeners) l.epochEnd(m);
            if (timeUp || val <= o.stopBelow) break;
            if (checkpointDir != null) save(e, h);
        }
        return h;
    }

    private void tell(int epoch, int iteration, double seconds, double train, double val) {
        for (Listener l : listeners) l.evaluated(epoch, iteration, seconds, train, val);
    }

    /** One RMSprop step on batch b from state s (the final state is then {@code lm.finalState()}); the loss before it. */
    double step(Batch b, Tensor[] s) {
        int t = b.input().size(0), bs = b.input().size(1);
        Tensor target = b.target().reshape(t * bs);
        double[] loss = new double[1];
        Feval f = x -> {
            params.gradients().fillInPlace(0);
            Tensor lp = lm.forward(b.input(), s);
            loss[0] = nll.forward(lp, target);
            lm.backward(nll.backward(lp, target).mulInPlace(t));
            params.gradients().clampInPlace(-o.gradClip, o.gradClip);
            return new Feval.Eval(loss[0], params.gradients());
        };
        optimizer.step(f, params.weights(), state);
        return loss[0];
    }

    /** Validation loss in nats per character (mean over the validation batches, state carried from zero). */
    public double evaluate() {
        if (data.validationBatches() == 0) return Double.NaN;
        boolean was = lm.model().isTraining();
        lm.model().evaluate();
        try {
            Tensor[] s = lm.zeroState(data.batchSize());
            double sum = 0;
            for (int i = 0; i < data.validationBatches(); i++) {
                Batch b = data.validation(i);
                sum += nll.forward(lm.forward(b.input(), s), b.target().reshape(b.target().numel()));
                s = lm.finalState();
            }
            return sum / data.validationBatches();
        } finally {
            if (was) lm.model().training();
        }
    }

    private void save(int epoch, History h) {
        List<Map<String, Double>> maps = new ArrayList<>();
        for (EpochMetrics m : h.epochs()) {
            Map<String, Double> map = m.toMap();
            map.put(Trainer.BASE_LR, o.learningRate);
            maps.add(map);
        }
        try {
            java.nio.file.Files.createDirectories(checkpointDir);
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException("BpttTrainer: cannot create checkpoint directory " + checkpointDir, ex);
        }
        lastCheckpoint = Trainer.checkpointPath(checkpointDir, epoch);
        new Checkpoint(epoch, lm.model(), optimizer, state, Generator.global().state(), maps).save(lastCheckpoint);
    }
}
