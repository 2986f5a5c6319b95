package jtorch.distributed;

import java.nio.file.Path;
import jtorch.io.Model;
import jtorch.nn.Module;
import jtorch.tensor.Tensor;

/**
 * The shared parameters x̃ of asynchronous training between threads of one JVM (Downpour SGD, Dean et al. NIPS 2012;
 * asynchronous EASGD): a copy of the network whose flat weights are x̃, a version counter (one per accepted push),
 * and atomic operations on them (one lock; each worker's computation runs outside it).
 * <ul>
 *   <li>{@link #pull}: w ← x̃; returns the version read.</li>
 *   <li>{@link #push}(Δ, v): x̃ ← x̃ + Δ unless the staleness (version − v) exceeds the bound; then Δ is dropped
 *       (counted in {@link #rejected()}) and the worker must pull.</li>
 *   <li>{@link #elastic}(w, α): asynchronous EASGD, e = α·(w − x̃); w ← w − e; x̃ ← x̃ + e.</li>
 * </ul>
 * {@link #model()} is what training produces: evaluate a {@link #snapshot()} (taken under the lock) or {@link #save} it.
 */
public final class ParameterServer {
    private final Module model;
    private final Tensor centre, e;
    private final int maxStaleness;
    private long version, accepted, rejected;

    /** Starts x̃ at {@code initial}'s weights; a push more than {@code maxStaleness} versions old is dropped. */
    public ParameterServer(Module initial, int maxStaleness) {
        if (maxStaleness < 0) throw new IllegalArgumentException("ParameterServer: maxStaleness must be >= 0, got " + maxStaleness);
        model = initial.clone();
        centre = model.getParameters().weights();
        e = centre.zerosLike();
        this.maxStaleness = maxStaleness;
    }

    public synchronized long pull(Tensor w) {
        w.copy(centre);
        return version;
    }

    public synchronized boolean push(Tensor delta, long basedOn) {
        if (version - basedOn > maxStaleness) {
            rejected++;
            return false;
        }
        centre.addInPlace(delta);
        version++;
        accepted++;
        return true;
    }

    public synchronized void elastic(Tensor w, double alpha) {
        w.sub(centre, e).mulInPlace(alpha);
        w.subInPlace(e);
        centre.addInPlace(e);
        version++;
        accepted++;
    }

    public synchronized long version() { return version; }

    public synchronized long accepted() { return accepted; }

    public synchronized long rejected() { return rejected; }

    /** A copy of the network with the current x̃ (consistent: taken under the lock). */
    public synchronized Module snapshot() { return model.clone(); }

    /** The network whose weights are x̃ (live; read it when no worker runs, or use {@link #snapshot()}). */
    public Module model() { return model; }

    public synchronized void save(Path file) { Model.save(model, file); }

    /** x̃ ← the weights of a file written by {@link #save} (on restart). */
    public synchronized void restore(Path file) { centre.copy(Model.load(file).getParameters().weights()); }
}
