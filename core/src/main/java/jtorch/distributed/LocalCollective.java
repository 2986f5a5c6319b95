package jtorch.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jtorch.tensor.Tensor;

/**
 * A {@link Collective} of threads in one JVM: {@link #group(int)} makes the members, one per thread. The member that
 * owns a ring segment (see {@link Collective}) sums it over every member's tensor in the ring's order and writes the
 * result into all of them, so the bits equal {@link TcpCollective}'s for the same group size. A member that does not
 * arrive within the timeout (default 60 s) breaks the group: every waiting call throws {@link CollectiveException}.
 */
public final class LocalCollective implements Collective {
    private final Group group;
    private final int rank;

    private LocalCollective(Group group, int rank) {
        this.group = group;
        this.rank = rank;
    }

    /** {@code n} members (n ≥ 1), rank i at index i; each must be used by one thread at a time. */
    public static List<Collective> group(int n) { return group(n, Duration.ofSeconds(60)); }

    /** As {@link #group(int)}, with the time a member waits for the others before the group is declared broken. */
    public static List<Collective> group(int n, Duration timeout) {
        if (n < 1) throw new IllegalArgumentException("LocalCollective.group: size must be >= 1, got " + n);
        Group g = new Group(n, timeout.toNanos());
        List<Collective> members = new ArrayList<>();
        for (int r = 0; r < n; r++) members.add(new LocalCollective(g, r));
        return List.copyOf(members);
    }

    @Override public int rank() { return rank; }

    @Override public int size() { return group.p; }

    @Override public void allReduce(Tensor x, Op op) {
        float[] a = Segments.floats(x, "allReduce");
        post(a, x.offset(), x.numel(), "allReduce/" + op);
        int p = group.p, n = x.numel(), k = Segments.mod(rank + 1, p); // this rank owns segment k
        int s = Segments.start(k, n, p), len = Segments.length(k, n, p);
        float[] acc = new float[len];
        System.arraycopy(group.arrays[k], group.offsets[k] + s, acc, 0, len);
        for (int j = 1; j < p; j++) {
            int r = (k + j) % p;
            float[] b = group.arrays[r];
            int o = group.offsets[r] + s;
            for (int i = 0; i < len; i++) acc[i] = acc[i] + b[o + i];
        }
        if (op == Op.AVERAGE) for (int i = 0; i < len; i++) acc[i] = acc[i] / p;
        for (int r = 0; r < p; r++) System.arraycopy(acc, 0, group.arrays[r], group.offsets[r] + s, len);
        await("allReduce");
    }

    @Override public void broadcast(Tensor x, int root) {
        if (root < 0 || root >= group.p) throw new IllegalArgumentException("Collective.broadcast: root " + root
                + " is not a rank of a group of " + group.p);
        float[] a = Segments.floats(x, "broadcast");
        post(a, x.offset(), x.numel(), "broadcast/" + root);
        if (rank != root) System.arraycopy(group.arrays[root], group.offsets[root], a, x.offset(), x.numel());
        await("broadcast");
    }

    @Override public void barrier() {
        post(null, 0, 0, "barrier");
        await("barrier"); // nobody reuses its slot before everyone has checked the others'
    }

    @Override public void close() {
        group.closed = true;
        group.barrier.reset(); // breaks the others' waits
    }

    /** Publishes this rank's buffer, waits for all, and checks that every rank called the same operation and size. */
    private void post(float[] a, int offset, int n, String what) {
        if (group.closed) throw new CollectiveException("LocalCollective rank " + rank + ": " + what
                + " on a closed or broken group");
        group.arrays[rank] = a;
        group.offsets[rank] = offset;
        group.sizes[rank] = n;
        group.ops[rank] = what;
        await(what);
        for (int r = 0; r < group.p; r++) {
            if (group.sizes[r] != n || !group.ops[r].equals(what)) throw new CollectiveException("LocalCollective: rank "
                    + rank + " called " + what + " with " + n + " floats but rank " + r + " called " + group.ops[r]
                    + " with " + group.sizes[r]);
        }
    }

    private void await(String what) {
        try {
            group.barrier.await(group.timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | BrokenBarrierException e) {
            group.closed = true;
            throw new CollectiveException("LocalCollective rank " + rank + ": " + what + " failed: "
                    + (e instanceof TimeoutException ? "another member did not arrive within "
                    + group.timeoutNanos / 1_000_000 + " ms" : "the group was closed or another member timed out"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.closed = true;
            group.barrier.reset();
            throw new CollectiveException("LocalCollective rank " + rank + ": interrupted in " + what, e);
        }
    }

    private static final class Group {
        final int p;
        final long timeoutNanos;
        final CyclicBarrier barrier;
        final float[][] arrays;
        final int[] offsets, sizes;
        final String[] ops;
        volatile boolean closed;

        Group(int p, long timeoutNanos) {
            this.p = p;
            this.timeoutNanos = timeoutNanos;
            barrier = new CyclicBarrier(p);
            arrays = new float[p][];
            offsets = new int[p];
            sizes = new int[p];
            ops = new String[p];
        }
    }
}
