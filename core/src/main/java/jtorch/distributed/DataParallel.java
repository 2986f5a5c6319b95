package jtorch.distributed;

import jtorch.data.Batch;
import jtorch.data.DataLoader;
import jtorch.data.Dataset;
import jtorch.nn.Module;
import jtorch.tensor.Tensor;
import jtorch.train.GradientHook;

/**
 * Synchronous data-parallel training: p workers (one {@link Collective} member each, threads or processes) each hold
 * a replica of the model and run an ordinary {@link jtorch.train.Trainer} with any optimizer. Each global batch of
 * m examples (the same order on every worker: same loader seed) is cut into p shards, worker r taking rows
 * [⌊r·m/p⌋, ⌊(r+1)·m/p⌋) ({@link #loader}); after {@code backward} the gradient of the shard's mean loss g_r is
 * averaged ({@link #afterBackward}):
 * <pre>
 *   g ← (1/p) Σ_r (p · m_r / m) · g_r  =  (1/m) Σ_r m_r · g_r        (the gradient of the whole batch's mean loss)
 *   L ← (1/p) Σ_r (p · m_r / m) · L_r                                 (the loss the optimizer sees, e.g. L-BFGS)
 * </pre>
 * so every worker takes the same step on the same (bit-identical) gradient and the replicas stay bit-identical;
 * {@link #synchronize} first copies rank 0's weights to everyone. The result equals single-worker training on the
 * whole batch up to rounding (the sums run in a different order). Usage, on every worker:
 * <pre>
 *   DataParallel dp = new DataParallel(collective);
 *   dp.synchronize(model);
 *   Trainer t = Trainer.builder(model, criterion, optimizer).train(dp.loader(data, 128, true, seed, false))
 *                      .gradientHook(dp).checkpointDir(rank == 0 ? dir : null).build();
 * </pre>
 * A rank-0 checkpoint is a restart point for every worker (all replicas and optimizer states are equal; the data
 * position is the epoch, the shuffle being a function of seed and epoch). Penalties and clipping run after the
 * average, identically on every worker. Batches must have at least p examples.
 */
public final class DataParallel implements GradientHook {
    private final Collective collective;
    private final Tensor loss = Tensor.zeros(1);
    private int datasetSize = -1, globalBatch = -1;

    public DataParallel(Collective collective) { this.collective = collective; }

    public Collective collective() { return collective; }

    /** Copies rank 0's flat weights into every replica (call before training). */
    public void synchronize(Module model) { collective.broadcast(model.getParameters().weights(), 0); }

    /**
     * A loader of the global batches of {@code ds} (batch size {@code globalBatch}, shuffled with {@code seed} as a
     * plain {@link DataLoader} would be) that yields this worker's shard of each.
     */
    public DataLoader loader(Dataset ds, int globalBatch, boolean shuffle, long seed, boolean dropLast) {
        int p = collective.size(), r = collective.rank();
        if (globalBatch < p) throw new IllegalArgumentException("DataParallel.loader: global batch " + globalBatch
                + " is smaller than the " + p + " workers; each needs at least one example");
        DataLoader l = new DataLoader(ds, globalBatch, shuffle, seed, dropLast);
        datasetSize = ds.size();
        this.globalBatch = globalBatch;
        return l.withTransform(b -> shard(b, r, p));
    }

    /** Rows [⌊r·m/p⌋, ⌊(r+1)·m/p⌋) of a batch of m rows. */
    public static Batch shard(Batch b, int r, int p) {
        int m = b.size();
        if (m < p) throw new IllegalArgumentException("DataParallel: a batch of " + m + " examples cannot feed " + p
                + " workers (use dropLast, or a data set size that leaves a last batch of at least " + p + ")");
        int s = (int) ((long) r * m / p), e = (int) ((long) (r + 1) * m / p);
        return new Batch(b.input().narrow(0, s, e - s), b.target().narrow(0, s, e - s));
    }

    @Override public double afterBackward(int batchIndex, Batch batch, double l, Tensor gradient) {
        int p = collective.size();
        double w = 1;
        if (globalBatch > 0) {
            int m = Math.min(globalBatch, datasetSize - batchIndex * globalBatch);
            if (batch.size() * p != m) w = (double) batch.size() * p / m;
        }
        if (w != 1) gradient.mulInPlace(w);
        collective.allReduce(gradient, Collective.Op.AVERAGE);
        loss.set(l * w, 0);
        collective.allReduce(loss, Collective.Op.AVERAGE);
        return loss.get(0);
    }
}
