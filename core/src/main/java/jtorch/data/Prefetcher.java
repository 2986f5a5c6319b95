package jtorch.data;

import java.lang.ref.Cleaner;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background producer behind a prefetching {@link DataLoader} iterator: a daemon thread computes the batches of one
 * epoch in order into a bounded queue. It holds no reference to the iterator, so an abandoned iterator can be
 * garbage-collected, and its {@link Cleaner} action {@link #stop() stops} this thread.
 */
final class Prefetcher implements Runnable {
    static final Cleaner CLEANER = Cleaner.create();
    static final String THREAD_PREFIX = "jtorch-DataLoader-";
    private static final AtomicInteger COUNT = new AtomicInteger();

    private record Failure(Throwable error) {}

    private final DataLoader.Batches batches;
    private final ArrayBlockingQueue<Object> queue;
    private volatile boolean stopped;
    private volatile Thread thread;

    Prefetcher(DataLoader.Batches batches, int capacity) {
        this.batches = batches;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void start() {
        thread = Thread.ofPlatform().daemon().name(THREAD_PREFIX + COUNT.incrementAndGet()).start(this);
    }

    @Override public void run() {
        try {
            for (int k = 0; k < batches.count() && !stopped; k++) {
                Object item;
                try {
                    item = batches.get(k);
                } catch (Throwable t) {
                    item = new Failure(t);
                }
                while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) if (stopped) return;
                if (item instanceof Failure) return;
            }
        } catch (InterruptedException e) {
            // stopped: nothing else to do, the thread ends
        }
    }

    /** The next batch (number {@code k}, for messages); rethrows what the producer threw making it. */
    Batch take(int k) {
        if (stopped) throw new IllegalStateException("DataLoader: iterator closed before batch " + k);
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("DataLoader: interrupted waiting for batch " + k, e);
        }
        if (item instanceof Failure(Throwable t)) {
            stop();
            t.addSuppressed(new RuntimeException("rethrown by DataLoader.next() for batch " + k + " (produced on thread "
                    + thread.getName() + ")"));
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error err) throw err;
            throw new RuntimeException("DataLoader: producing batch " + k + " failed: " + t, t);
        }
        return (Batch) item;
    }

    /** Asks the thread to end (idempotent); it exits within about 50 ms, or at once if it is waiting. */
    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) t.interrupt();
        queue.clear();
    }
}
