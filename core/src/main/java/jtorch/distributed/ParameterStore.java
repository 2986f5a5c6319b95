package jtorch.distributed;

import jtorch.tensor.Tensor;

/**
 * The shared parameters x̃ of asynchronous training, as an {@link AsyncWorker} sees them: in this JVM
 * ({@link ParameterServer}) or in another process ({@link ParameterClient} to a {@link ParameterServerHost}). Each
 * operation is atomic with respect to the others; tensors are contiguous F32 with x̃'s number of entries.
 * <ul>
 *   <li>{@link #pull}(w): w ← x̃; returns the version read (the number of updates applied so far).</li>
 *   <li>{@link #push}(Δ, v): x̃ ← x̃ + Δ unless the staleness (version − v) exceeds the server's bound; then Δ is
 *       dropped and false returned (the worker should pull).</li>
 *   <li>{@link #elastic}(w, α): asynchronous EASGD, e = α·(w − x̃); w ← w − e; x̃ ← x̃ + e.</li>
 * </ul>
 * A remote store that fails (server dead, silent, or refusing) throws {@link CollectiveException} naming it.
 */
public interface ParameterStore {
    long pull(Tensor w);

    boolean push(Tensor delta, long basedOn);

    void elastic(Tensor w, double alpha);
}
