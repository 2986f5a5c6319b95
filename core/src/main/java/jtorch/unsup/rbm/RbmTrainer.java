package jtorch.unsup.rbm;

import jtorch.data.TensorDataset;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optim;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Trains an {@link Rbm} by minibatch SGD on its flat parameters ({@link Optim#sgd}, momentum, dampening 0) with a
 * {@link ContrastiveDivergence} gradient, as in Hinton's practical guide (2010, sections 9 and 10):
 * <pre>
 *   g ← CD/PCD estimate of ∂(mean NLL)/∂θ over the batch;   g_W ← g_W + weightDecay · W   (L2 on weights only)
 *   v ← μ v + g;   θ ← θ - learningRate / (1 + k · learningRateDecay) · v
 * </pre>
 * with μ = initialMomentum for epochs ≤ momentumSwitchEpoch, else finalMomentum, and k the updates made so far
 * (Torch7's {@code optim.sgd} decay; Tieleman 2008 decays PCD's rate towards 0).
 * Each epoch visits the rows of the data [N, V] once in a fresh random order (the last batch may be smaller). All
 * randomness (order, Gibbs sampling) comes from one {@link Generator} seeded at construction: a seed reproduces a
 * run bit for bit.
 */
public final class RbmTrainer {
    /** SGD settings; {@link #hinton()} gives the guide's values for binary units. */
    public record Settings(double learningRate, double initialMomentum, double finalMomentum, int momentumSwitchEpoch,
                           double weightDecay, int batchSize, double learningRateDecay) {
        public Settings {
            if (!(learningRate > 0)) throw new IllegalArgumentException("RbmTrainer: learningRate must be > 0, got " + learningRate);
            for (double m : new double[] {initialMomentum, finalMomentum}) {
                if (!(m >= 0 && m < 1)) throw new IllegalArgumentException("RbmTrainer: momentum must be in [0, 1), got " + m);
            }
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("RbmTrainer: weightDecay must be >= 0, got " + weightDecay);
            if (batchSize < 1) throw new IllegalArgumentException("RbmTrainer: batchSize must be >= 1, got " + batchSize);
            if (!(learningRateDecay >= 0)) throw new IllegalArgumentException("RbmTrainer: learningRateDecay must be >= 0, got "
                    + learningRateDecay);
        }

        /** Learning rate 0.1 (no decay), momentum 0.5 for 5 epochs then 0.9, weight decay 2e-4, batch 100. */
        public static Settings hinton() { return new Settings(0.1, 0.5, 0.9, 5, 2e-4, 100, 0); }

        public Settings withLearningRate(double lr) {
            return new Settings(lr, initialMomentum, finalMomentum, momentumSwitchEpoch, weightDecay, batchSize, learningRateDecay);
        }

        public Settings withBatchSize(int b) {
            return new Settings(learningRate, initialMomentum, finalMomentum, momentumSwitchEpoch, weightDecay, b, learningRateDecay);
        }
    }

    private final Rbm rbm;
    private final ContrastiveDivergence estimator;
    private final Settings settings;
    private final Generator g;
    private final Config config;
    private final State state = new State();
    private int epochs;

    public RbmTrainer(Rbm rbm, ContrastiveDivergence estimator, Settings settings, long seed) {
        this.rbm = rbm;
        this.estimator = estimator;
        this.settings = settings;
        this.g = new Generator(seed);
        this.config = Config.of("learningRate", settings.learningRate(), "momentum", settings.initialMomentum(),
                "learningRateDecay", settings.learningRateDecay());
    }

    public Rbm rbm() { return rbm; }

    public ContrastiveDivergence estimator() { return estimator; }

    /** Epochs run so far. */
    public int epochs() { return epochs; }

    /** The generator of this run (shuffling and sampling), e.g. to sample from the trained model. */
    public Generator generator() { return g; }

    /** One pass over {@code data} [N, V]. */
    public void epoch(Tensor data) {
        rbm.checkVisible("RbmTrainer.epoch", data);
        epochs++;
        config.set("momentum", epochs <= settings.momentumSwitchEpoch() ? settings.initialMomentum() : settings.finalMomentum());
        int n = data.size(0), b = settings.batchSize();
        int[] order = TensorDataset.permutation(n, g);
        Feval feval = x -> new Feval.Eval(Double.NaN, rbm.grads);
        for (int start = 0; start < n; start += b) {
            int m = Math.min(b, n - start);
            int[] rows = java.util.Arrays.copyOfRange(order, start, start + m);
            Tensor batch = data.indexSelect(0, Tensor.of(rows).to(data.backend()));
            estimator.gradient(rbm, batch, g);
            if (settings.weightDecay() != 0) rbm.gradWeight.addInPlace(settings.weightDecay(), rbm.weight);
            Optim.sgd(feval, rbm.params, config, state);
        }
    }
}
