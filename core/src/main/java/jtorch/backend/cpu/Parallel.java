package jtorch.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits a range of work items over the CPU back end's threads. The thread count defaults to the number of available
 * processors and can be set with the system property {@code jtorch.threads} or {@link #setThreads(int)}.
 * Work below a caller-chosen grain runs on the calling thread: offering a chunk to the pool costs the caller ~15 µs
 * and waking a parked pool thread ~50 µs (measured on the 2-vCPU machine this was tuned on), so the kernels' grains
 * ask for ≥ ~50 µs of work per chunk. The chunks depend only on n, the grain and the thread count (never on which
 * thread runs them), so a kernel's result is the same on every call for a given thread count.
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

    /** Chunks per thread: small chunks bound what a late or preempted pool thread can add to the caller's wait. */
    static final int OVERSPLIT = 4;

    /**
     * Runs body over [0, n) in up to {@link #OVERSPLIT}·{@link #threads()} contiguous chunks of at least {@code grain}
     * items: chunk c is [n·c/chunks, n·(c+1)/chunks), the same for a given n, grain and thread count. The caller and up
     * to threads - 1 pool threads take chunks in order until none is left; the caller then waits only for chunks a pool
     * thread is running. So a pool thread that wakes late (waking a parked one was measured at ~50 µs here) or is
     * preempted costs at most one chunk, never the whole hand-off: the split pays or the caller does the work itself.
     * Which thread runs a chunk does not change its result. Returns when all chunks are done; the first exception of
     * any chunk is rethrown.
     */
    public static void range(int n, int grain, RangeBody body) {
        int chunks = (int) Math.min((long) threads * OVERSPLIT, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || ForkJoinTask.inForkJoinPool()) {
            if (n > 0) body.run(0, n);
            return;
        }
        Job job = new Job(body, n, chunks);
        for (int h = Math.min(threads, chunks) - 1; h > 0; h--) pool().execute(job.helper());
        job.work();
        job.await();
        Throwable f = job.failure.get();
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error er) throw er;
    }

    /** One range call: chunks handed out in order to whoever asks (the caller or a pool thread). */
    private static final class Job {
        final RangeBody body;
        final int n, chunks;
        final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(RangeBody body, int n, int chunks) { this.body = body; this.n = n; this.chunks = chunks; }

        RecursiveAction helper() {
            return new RecursiveAction() { @Override protected void compute() { work(); } };
        }

        /** Runs chunks until none is left to take. */
        void work() {
            for (int c; (c = next.getAndIncrement()) < chunks; ) {
                try {
                    body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        /**
         * Waits for the chunks pool threads are still running: spins briefly, then yields, so that on an
         * oversubscribed machine the waiting caller does not keep the CPU from the thread it waits for.
         */
        void await() {
            for (int spins = 0; done.get() < chunks; spins++) {
                if (spins < (1 << 10)) Thread.onSpinWait();
                else if (spins < (1 << 12)) Thread.yield();
                else LockSupport.parkNanos(20_000);
            }
        }
    }
}
