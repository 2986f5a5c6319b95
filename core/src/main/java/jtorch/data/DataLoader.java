package jtorch.data;

import java.util.Iterator;
import java.util.function.UnaryOperator;
import jtorch.tensor.Generator;

/**
 * Iterates a {@link Dataset} in minibatches. Each {@link #iterator()} is one epoch: the example order is 0..N-1, or,
 * with {@code shuffle}, a permutation that is a pure function of {@code (seed, epoch)} (Fisher–Yates driven by a
 * {@link Generator} seeded with a mix of both), so a run resumed at epoch {@code e} sees exactly the batches it would
 * have seen. The order is cut into batches of {@code batchSize}; the last, smaller batch is kept unless
 * {@code dropLast}. Each batch is {@code dataset.batch(indices)} and then every transform, in the order added.
 *
 * <p>{@link #epoch()} is the epoch the next iterator uses; each {@link #iterator()} call uses it and then advances it by
 * one, so a plain {@code for} loop per epoch walks epochs 0, 1, 2, ...; {@link #setEpoch(int)} sets it explicitly
 * (on resume, or to make the order independent of how many times the loader was iterated).
 *
 * <p>With {@link #withPrefetch(int) prefetch} {@code k > 0} (the default is 2) the batches are produced by a daemon
 * thread into a queue of {@code k} batches while the caller consumes them. An exception thrown while producing (by the
 * data set or a transform) is rethrown by the consumer's {@code next()}. The thread ends at the end of the epoch, when
 * the iterator is {@link BatchIterator#close() closed}, when the loader makes its next iterator, or when the abandoned
 * iterator is garbage-collected. Datasets and transforms must therefore tolerate being called from another thread
 * (one at a time). With {@code k = 0} everything runs on the caller's thread.
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle, dropLast;
    private final long seed;
    private UnaryOperator<Batch> transform = UnaryOperator.identity();
    private int prefetch = 2;
    private int epoch;
    private java.lang.ref.WeakReference<BatchIterator> last;

    /**
     * @param ds        the data set (at least one example)
     * @param batchSize examples per batch (&gt; 0)
     * @param shuffle   a fresh random order each epoch (else 0..N-1)
     * @param seed      the shuffle seed
     * @param dropLast  drop the last batch when it is smaller than {@code batchSize}
     */
    public DataLoader(Dataset ds, int batchSize, boolean shuffle, long seed, boolean dropLast) {
        if (batchSize <= 0) throw new IllegalArgumentException("DataLoader: batch size must be positive, got " + batchSize);
        if (ds.size() <= 0) throw new IllegalArgumentException("DataLoader: empty data set");
        this.dataset = ds;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
        if (dropLast && ds.size() < batchSize) throw new IllegalArgumentException("DataLoader: dropLast with batch size "
                + batchSize + " larger than the data set (" + ds.size() + " examples) gives no batches");
    }

    /** Adds a transform applied to every batch (after the ones already added); returns this. */
    public DataLoader withTransform(UnaryOperator<Batch> t) {
        UnaryOperator<Batch> before = transform;
        transform = b -> t.apply(before.apply(b));
        return this;
    }

    /** Batches produced ahead by a background thread: 0 = none (synchronous), default 2; returns this. */
    public DataLoader withPrefetch(int batches) {
        if (batches < 0) throw new IllegalArgumentException("DataLoader: prefetch must be >= 0, got " + batches);
        prefetch = batches;
        return this;
    }

    public Dataset dataset() { return dataset; }

    public int batchSize() { return batchSize; }

    /** Batches one epoch yields: {@code floor(N / B)} with dropLast, else {@code ceil(N / B)}. */
    public int batchesPerEpoch() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The epoch the next {@link #iterator()} will use. */
    public synchronized int epoch() { return epoch; }

    /** Sets the epoch the next {@link #iterator()} will use (its shuffle order). */
    public synchronized void setEpoch(int e) {
        if (e < 0) throw new IllegalArgumentException("DataLoader.setEpoch: epoch must be >= 0, got " + e);
        epoch = e;
    }

    /** The example order of epoch {@code e}: a pure function of (seed, e); 0..N-1 without shuffle. */
    public int[] order(int e) {
        int n = dataset.size();
        if (!shuffle) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) p[i] = i;
            return p;
        }
        return TensorDataset.permutation(n, new Generator(new Generator(seed).nextLong() ^ (0x9E3779B97F4A7C15L * (e + 1L))));
    }

    /** One epoch of batches (the current {@link #epoch()}, which then advances); stops this loader's previous iterator. */
    @Override public synchronized BatchIterator iterator() {
        BatchIterator previous = last == null ? null : last.get();
        if (previous != null) previous.close();
        Batches b = new Batches(dataset, order(epoch++), batchSize, batchesPerEpoch(), transform);
        BatchIterator it = prefetch == 0 ? new BatchIterator(b) : new BatchIterator(b, prefetch);
        last = new java.lang.ref.WeakReference<>(it);
        return it;
    }

    /** The batch sequence of one epoch, computed on demand. */
    record Batches(Dataset dataset, int[] order, int batchSize, int count, UnaryOperator<Batch> transform) {
        Batch get(int k) {
            int from = k * batchSize, to = Math.min(order.length, from + batchSize);
            return transform.apply(dataset.batch(java.util.Arrays.copyOfRange(order, from, to)));
        }
    }

    /** Iterator type returned by {@link #iterator()}; {@link #close()} stops its background thread early. */
    public static final class BatchIterator implements Iterator<Batch>, AutoCloseable {
        private final Batches batches;
        private final Prefetcher prefetcher;
        private final java.lang.ref.Cleaner.Cleanable cleanable;
        private int next;
        private boolean closed;

        BatchIterator(Batches b) {
            batches = b;
            prefetcher = null;
            cleanable = null;
        }

        BatchIterator(Batches b, int capacity) {
            batches = b;
            prefetcher = new Prefetcher(b, capacity);
            cleanable = Prefetcher.CLEANER.register(this, prefetcher::stop);
            prefetcher.start();
        }

        @Override public boolean hasNext() { return next < batches.count(); }

        @Override public Batch next() {
            if (!hasNext()) throw new java.util.NoSuchElementException("DataLoader: epoch finished (" + next + " batches)");
            if (closed) throw new IllegalStateException("DataLoader: iterator closed before batch " + next);
            Batch b = prefetcher == null ? batches.get(next) : prefetcher.take(next);
            if (++next == batches.count()) close();
            return b;
        }

        /** Stops the background thread (if any); later {@code next()} calls fail. Idempotent. */
        @Override public void close() {
            closed = true;
            if (cleanable != null) cleanable.clean();
        }
    }
}
