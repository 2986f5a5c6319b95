package jtorch.distributed;

import jtorch.tensor.Tensor;

/**
 * A group of {@link #size()} workers (ranks 0..size−1) that exchange tensors collectively. Every member calls the same
 * operations in the same order with tensors of the same shape; each call returns when this rank's part is done.
 * <ul>
 *   <li>{@link #allReduce}(x, SUM): x ← Σ_r x_r on every rank, in place; AVERAGE: x ← (Σ_r x_r) / size.</li>
 *   <li>{@link #broadcast}(x, root): x ← x_root on every rank.</li>
 *   <li>{@link #barrier()}: returns once every rank has entered it.</li>
 * </ul>
 * <b>Determinism.</b> The summation order depends only on the group size (segment k = [k·n/p, (k+1)·n/p) of the n entries is
 * summed as ((x_k + x_{k+1}) + x_{k+2}) + … over ranks mod p, then divided by p for AVERAGE): for a fixed size
 * every rank receives bit-identical results, run after run, and {@link LocalCollective} and {@link TcpCollective}
 * give the same bits. Tensors must be contiguous F32 (e.g. {@code FlatParameters.gradients()}).
 * <p><b>Failure.</b> A member that dies or stops answering ends the call with a {@link CollectiveException} naming
 * it (after the implementation's timeout), never a hang; the collective is then broken and every later call throws.
 */
public interface Collective extends AutoCloseable {
    /** The reduction of {@link #allReduce}. */
    enum Op { SUM, AVERAGE }

    /** This member's rank, 0..size−1. */
    int rank();

    /** The number of members. */
    int size();

    /** x ← Σ_r x_r (SUM) or (Σ_r x_r) / size (AVERAGE) on every rank, in place; x: contiguous F32, same numel everywhere. */
    void allReduce(Tensor x, Op op);

    /** x ← x_root on every rank, in place. */
    void broadcast(Tensor x, int root);

    /** Waits until every rank has entered the barrier. */
    void barrier();

    /** Releases sockets and threads; idempotent. Other members' pending calls then fail. */
    @Override void close();
}
