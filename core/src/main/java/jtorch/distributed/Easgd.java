package jtorch.distributed;

import java.nio.file.Path;
import java.util.Locale;
import jtorch.io.Model;
import jtorch.nn.Module;
import jtorch.tensor.Tensor;
import jtorch.train.Callback;
import jtorch.train.EpochMetrics;
import jtorch.train.TrainContext;

/**
 * Synchronous elastic averaging SGD (Zhang, Choromanska and LeCun, "Deep learning with Elastic Averaging SGD",
 * NIPS 2015), as a {@link Callback} of each worker's {@link jtorch.train.Trainer}: p workers train their own replica
 * x_i with any optimizer on their own data (e.g. {@link Partition}); every τ steps (global step t = (epoch−1)·B + b,
 * B batches per epoch) all of them, with the centre variable x̃ (the same bits on every worker), do
 * <pre>
 *   d_i = x_i − x̃;   D = Σ_i d_i   (one all-reduce);   x_i ← x_i − α · d_i;   x̃ ← x̃ + α · D
 * </pre>
 * i.e. the paper's x̃ ← x̃ + β · (mean_i x_i − x̃) with β = p·α (β ≈ 0.9 and α = β / p is its recommended setting).
 * The elastic step follows the optimizer's step of that batch (the replica after its gradient step is pulled).
 * The centre is what training produces: {@link #centreModel()} is a copy of the network whose flat weights are x̃
 * (evaluate and save that one); {@link #save} writes it, {@link #restoreCentre} reads it back on restart (together
 * with each worker's own Trainer checkpoint: replica, optimizer state, epoch).
 */
public final class Easgd implements Callback {
    private final Collective collective;
    private final double alpha;
    private final int tau;
    private Module centreModel;
    private Tensor centre, d, sum;
    private Path saveDir;

    /** @param alpha the moving rate α (0 &lt; α·p &lt; 1 for stability), @param tau the communication period τ ≥ 1 */
    public Easgd(Collective collective, double alpha, int tau) {
        if (!(alpha > 0 && alpha * collective.size() < 2)) throw new IllegalArgumentException("Easgd: moving rate α = "
                + alpha + " with " + collective.size() + " workers is outside (0, 2/p); the paper uses α = 0.9 / p");
        if (tau < 1) throw new IllegalArgumentException("Easgd: communication period τ must be >= 1, got " + tau);
        this.collective = collective;
        this.alpha = alpha;
        this.tau = tau;
    }

    /** Copies rank 0's weights to every replica and starts the centre there; call before training. */
    public Easgd synchronize(Module replica) {
        Tensor w = replica.getParameters().weights();
        collective.broadcast(w, 0);
        centreModel = replica.clone();
        centre = centreModel.getParameters().weights();
        centre.copy(w);
        d = w.zerosLike();
        sum = w.zerosLike();
        return this;
    }

    /** Rank 0 writes the centre after every epoch to {@code dir/centre-epoch-NNNN.model}. */
    public Easgd saveTo(Path dir) { saveDir = dir; return this; }

    @Override public void onBatchEnd(TrainContext c, int batch, double loss) {
        long t = (long) (c.epoch() - 1) * c.batchesPerEpoch() + batch;
        if (t % tau == 0) elastic(c.parameters().weights());
    }

    /** One elastic exchange of this replica's flat weights {@code w} with the centre (all workers together). */
    public void elastic(Tensor w) {
        if (centre == null) throw new IllegalStateException("Easgd: call synchronize(model) before training");
        w.sub(centre, d);
        sum.copy(d);
        collective.allReduce(sum, Collective.Op.SUM);
        w.addInPlace(-alpha, d);
        centre.addInPlace(alpha, sum);
    }

    @Override public void onEpochEnd(TrainContext c, EpochMetrics m) {
        if (saveDir != null && collective.rank() == 0) save(saveDir.resolve(String.format(Locale.ROOT,
                "centre-epoch-%04d.model", c.epoch())));
    }

    /** The network with the centre x̃ as weights (live: it changes with training). */
    public Module centreModel() { return centreModel; }

    public void save(Path file) {
        try {
            if (file.getParent() != null) java.nio.file.Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Easgd: cannot create the directory of " + file, e);
        }
        Model.save(centreModel, file);
    }

    /** Loads the centre from a file written by {@link #save} (after {@link #synchronize}). */
    public void restoreCentre(Path file) { centre.copy(Model.load(file).getParameters().weights()); }
}
