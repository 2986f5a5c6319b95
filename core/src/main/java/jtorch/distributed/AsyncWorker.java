package jtorch.distributed;

import jtorch.nn.Module;
import jtorch.tensor.Tensor;
import jtorch.train.Callback;
import jtorch.train.TrainContext;

/**
 * One worker of asynchronous training against a {@link ParameterStore} (a {@link ParameterServer} in this JVM, or a
 * {@link ParameterClient} of a {@link ParameterServerHost} in another process), as a {@link Callback} of the
 * worker's own {@link jtorch.train.Trainer} (any optimizer, its own data, e.g. a {@link Partition}). Every τ batches
 * (global step t = (epoch − 1)·B + b a multiple of τ, B batches per epoch, so a resumed run keeps the rhythm):
 * <ul>
 *   <li>{@link #downpour}: Downpour SGD with n_push = n_fetch = τ. The worker's accumulated update since its last
 *       pull, Δ = w − w_pulled (for plain SGD −η·Σ g over the τ batches), is pushed (dropped when staler than the
 *       server's bound), then w ← x̃ is pulled.</li>
 *   <li>{@link #easgd}: asynchronous EASGD, e = α·(w − x̃); w ← w − e; x̃ ← x̃ + e (atomically on the server).</li>
 * </ul>
 * Workers run at their own pace: results depend on thread timing and are not reproducible bit for bit.
 */
public final class AsyncWorker implements Callback {
    private final ParameterStore server;
    private final int tau;
    private final double alpha; // NaN: Downpour
    private final Tensor pulled;
    private long version;

    private AsyncWorker(ParameterStore server, Module replica, int tau, double alpha) {
        if (tau < 1) throw new IllegalArgumentException("AsyncWorker: period τ must be >= 1, got " + tau);
        this.server = server;
        this.tau = tau;
        this.alpha = alpha;
        Tensor w = replica.getParameters().weights();
        version = server.pull(w);
        pulled = w.clone();
    }

    /** A Downpour worker; pulls x̃ into {@code replica} now. */
    public static AsyncWorker downpour(ParameterStore server, Module replica, int tau) {
        return new AsyncWorker(server, replica, tau, Double.NaN);
    }

    /** An asynchronous EASGD worker with moving rate α (0 &lt; α &lt; 1); pulls x̃ into {@code replica} now. */
    public static AsyncWorker easgd(ParameterStore server, Module replica, int tau, double alpha) {
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("AsyncWorker.easgd: α must be in (0, 1), got " + alpha);
        return new AsyncWorker(server, replica, tau, alpha);
    }

    @Override public void onBatchEnd(TrainContext c, int batch, double loss) {
        long t = (long) (c.epoch() - 1) * c.batchesPerEpoch() + batch;
        if (t % tau != 0) return;
        Tensor w = c.parameters().weights();
        if (Double.isNaN(alpha)) {
            server.push(w.sub(pulled), version);
            version = server.pull(w);
            pulled.copy(w);
        } else server.elastic(w, alpha);
    }
}
