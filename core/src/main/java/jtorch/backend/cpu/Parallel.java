package jtorch.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Splits a range of work items over the CPU back end's threads. The thread count defaults to the number of available
 * processors and can be set with the system property {@code jtorch.threads} or {@link #setThreads(int)}.
 * Work below a caller-chosen grain runs on the calling thread: offering a chunk to the pool costs the caller ~15 µs
 * and waking a parked pool thread ~50 µs (measured on the 2-vCPU machine this was tuned on), so the kernels' grains
 * ask for ≥ ~50 µs of work per chunk. The chunks depend only on n, the grain and the thread count, so a kernel's
 * result is the same on every call for a given thread count.
 */
public final class Parallel {
    /** A body over the half-open range [from, to). */
    @FunctionalInterface
    public interface RangeBody { void run(int from, int to); }

    private static volatile int threads = Integer.getInteger("jtorch.threads", Runtime.getRuntime().availableProcessors());
    private static volatile ForkJoinPool pool;

    private Parallel() {}

    public static int threads() { return threads; }

    /** Sets how many threads kernels use (1 = single-threaded). */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("setThreads: need at least 1 thread, got " + n);
        threads = n;
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                if (pool == null) {
                    pool = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()), fj -> {
                        var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(fj);
                        t.setDaemon(true);
                        t.setName("jtorch-cpu-" + t.getPoolIndex());
                        return t;
                    }, null, false);
                }
                p = pool;
            }
        }
        return p;
    }

    /**
     * Runs body over [0, n) in up to {@link #threads()} contiguous chunks of at least {@code grain} items (chunk c is
     * [n·c/chunks, n·(c+1)/chunks), the same for a given n, grain and thread count); the calling thread does the first
     * chunk and then, in order, every further chunk that no pool thread has started yet, and waits only for those that
     * one has. A pool thread that wakes late (waking a parked one was measured at ~50 µs here) therefore costs a few
     * microseconds, never the whole hand-off: the split pays or the caller does the work itself. Which thread runs a
     * chunk does not change its result. Returns when all chunks are done; an exception in any chunk is rethrown.
     */
    public static void range(int n, int grain, RangeBody body) {
        int chunks = Math.min(threads, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || ForkJoinTask.inForkJoinPool()) {
            if (n > 0) body.run(0, n);
            return;
        }
        Chunk[] tasks = new Chunk[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            tasks[c - 1] = new Chunk(body, (int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
            pool().execute(tasks[c - 1]);
        }
        Throwable failure = null;
        try {
            body.run(0, (int) ((long) n / chunks));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean[] mine = new boolean[tasks.length];
        for (int c = 0; c < tasks.length; c++) {
            if (!tasks[c].claim()) continue;
            mine[c] = true;
            try {
                body.run(tasks[c].from, tasks[c].to);
            } catch (RuntimeException | Error e) {
                if (failure == null) failure = e;
            }
        }
        for (int c = 0; c < tasks.length; c++) {
            if (mine[c]) continue;
            Throwable f = tasks[c].await();
            if (f != null && failure == null) failure = f;
        }
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error er) throw er;
    }

    /** One chunk offered to the pool; whoever claims it first (a pool thread or the caller) runs it. */
    private static final class Chunk extends RecursiveAction {
        final RangeBody body;
        final int from, to;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private volatile boolean done;
        private volatile Throwable failure;

        Chunk(RangeBody body, int from, int to) { this.body = body; this.from = from; this.to = to; }

        boolean claim() { return !claimed.get() && claimed.compareAndSet(false, true); }

        @Override protected void compute() {
            if (!claim()) return;
            try {
                body.run(from, to);
            } catch (Throwable e) {
                failure = e;
            } finally {
                done = true;
            }
        }

        /**
         * Waits for a chunk a pool thread claimed: spins briefly (it is already running), then yields, so that on an
         * oversubscribed machine the waiting caller does not keep the CPU from the thread it waits for; returns the
         * chunk's failure.
         */
        Throwable await() {
            for (int spins = 0; !done; spins++) {
                if (spins < (1 << 10)) Thread.onSpinWait();
                else if (spins < (1 << 12)) Thread.yield();
                else LockSupport.parkNanos(20_000);
            }
            return failure;
        }
    }
}
