package jtorch.distributed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import jtorch.io.Checkpoint;
import jtorch.io.Model;
import jtorch.nn.Module;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.optim.State;
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
 * Workers in other processes reach it through a {@link ParameterServerHost}.
 * <p><b>Restart.</b> {@link #save} writes x̃ with the version and the counters (a {@link Checkpoint} file that
 * {@link Model#load} also reads); {@link #checkpointEvery} does so after every k-th update, under the lock, so each
 * file is a consistent state; {@link #restore} reads either that or a plain model file. Each worker restarts from
 * its own Trainer checkpoint (replica, optimizer state, epoch) and pulls x̃ again; with one worker whose period
 * divides the server's k the resumed run is bit-identical to an uninterrupted one (tested), with several it is
 * another asynchronous run from the same state.
 */
public final class ParameterServer implements ParameterStore {
    private final Module model;
    private final Tensor centre, e;
    private final int maxStaleness;
    private long version, accepted, rejected;
    private long every;
    private Path checkpointDir;

    /** Starts x̃ at {@code initial}'s weights; a push more than {@code maxStaleness} versions old is dropped. */
    public ParameterServer(Module initial, int maxStaleness) {
        if (maxStaleness < 0) throw new IllegalArgumentException("ParameterServer: maxStaleness must be >= 0, got " + maxStaleness);
        model = initial.clone();
        centre = model.getParameters().weights();
        e = centre.zerosLike();
        this.maxStaleness = maxStaleness;
    }

    /**
     * After every {@code updates}-th accepted update (version a multiple of it) writes {@code dir/server-VVVVVVVVVV.ckpt}
     * (V: the version) atomically; {@link Checkpoint#latest} finds the newest.
     */
    public synchronized ParameterServer checkpointEvery(long updates, Path dir) {
        if (updates < 1) throw new IllegalArgumentException("ParameterServer.checkpointEvery: updates must be >= 1, got " + updates);
        every = updates;
        checkpointDir = dir;
        return this;
    }

    /** The number of entries of x̃. */
    public int numel() { return centre.numel(); }

    @Override public synchronized long pull(Tensor w) {
        w.copy(centre);
        return version;
    }

    @Override public synchronized boolean push(Tensor delta, long basedOn) {
        if (version - basedOn > maxStaleness) {
            rejected++;
            return false;
        }
        centre.addInPlace(delta);
        updated();
        return true;
    }

    @Override public synchronized void elastic(Tensor w, double alpha) {
        w.sub(centre, e).mulInPlace(alpha);
        w.subInPlace(e);
        centre.addInPlace(e);
        updated();
    }

    private void updated() {
        version++;
        accepted++;
        if (checkpointDir != null && version % every == 0) {
            save(checkpointDir.resolve(String.format(Locale.ROOT, "server-%010d.ckpt", version)));
        }
    }

    public synchronized long version() { return version; }

    public synchronized long accepted() { return accepted; }

    public synchronized long rejected() { return rejected; }

    /** A copy of the network with the current x̃ (consistent: taken under the lock). */
    public synchronized Module snapshot() { return model.clone(); }

    /** The network whose weights are x̃ (live; read it when no worker runs, or use {@link #snapshot()}). */
    public Module model() { return model; }

    /**
     * Writes x̃, the version and the counters to {@code file} atomically (a {@link Checkpoint}: the server's rule
     * x̃ ← x̃ + Δ is recorded as sgd with rate 1 on −Δ; the numbers are {@code version}, {@code accepted},
     * {@code rejected} in its state).
     */
    public synchronized void save(Path file) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
        } catch (IOException ex) {
            throw new UncheckedIOException("ParameterServer: cannot create the directory of " + file, ex);
        }
        State s = new State().set("version", version).set("accepted", accepted).set("rejected", rejected);
        new Checkpoint(0, model, new Optimizer("sgd", Config.of("learningRate", 1.0)), s, null, null).save(file);
    }

    /**
     * x̃ ← the weights of a file written by {@link #save} (with its version and counters) or of a plain model file
     * (version 0); on restart, before workers connect. The architecture must be x̃'s.
     */
    public synchronized void restore(Path file) {
        Module m;
        State s = null;
        try {
            Checkpoint ck = Checkpoint.load(file);
            m = ck.model();
            s = ck.optimizerState();
        } catch (IllegalArgumentException | UncheckedIOException notACheckpoint) {
            m = Model.load(file);
        }
        Tensor w = m.getParameters().weights();
        if (w.numel() != centre.numel()) throw new IllegalArgumentException("ParameterServer.restore: " + file
                + " holds " + w.numel() + " parameters but this server's model has " + centre.numel());
        centre.copy(w);
        version = s == null ? 0 : (long) s.get("version", 0);
        accepted = s == null ? 0 : (long) s.get("accepted", 0);
        rejected = s == null ? 0 : (long) s.get("rejected", 0);
    }
}
