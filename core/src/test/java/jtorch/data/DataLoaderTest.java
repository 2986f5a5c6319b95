package jtorch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    /** n examples: input row i = (i, -i), target i. */
    static TensorDataset data(int n) {
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = i;
        }
        return new TensorDataset(Tensor.of(x, n, 2), Tensor.of(y, n));
    }

    /** The targets of every batch of one epoch, concatenated, checking inputs match targets. */
    static int[] epoch(Iterable<Batch> loader, List<Integer> sizes) {
        List<Integer> all = new ArrayList<>();
        for (Batch b : loader) {
            sizes.add(b.size());
            int[] t = b.target().toIntArray();
            float[] x = b.input().toFloatArray();
            for (int k = 0; k < t.length; k++) {
                assertEquals(t[k], x[2 * k]);
                all.add(t[k]);
            }
        }
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    static long loaderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(Prefetcher.THREAD_PREFIX) && t.isAlive()).count();
    }

    @Test
    void sequentialBatchesAndLastBatch() {
        for (int prefetch : new int[] {0, 1, 3}) {
            List<Integer> sizes = new ArrayList<>();
            DataLoader l = new DataLoader(data(10), 4, false, 0, false).withPrefetch(prefetch);
            assertEquals(3, l.batchesPerEpoch());
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, epoch(l, sizes));
            assertEquals(List.of(4, 4, 2), sizes);
            sizes.clear();
            DataLoader d = new DataLoader(data(10), 4, false, 0, true).withPrefetch(prefetch);
            assertEquals(2, d.batchesPerEpoch());
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, epoch(d, sizes));
            assertEquals(List.of(4, 4), sizes);
        }
    }

    @Test
    void shuffleIsAPureFunctionOfSeedAndEpoch() {
        DataLoader a = new DataLoader(data(50), 8, true, 7, false);
        int[] e0 = epoch(a, new ArrayList<>()), e1 = epoch(a, new ArrayList<>());
        assertEquals(2, a.epoch());
        int[] sorted = e0.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) assertEquals(i, sorted[i]);
        assertFalse(Arrays.equals(e0, e1), "epochs 0 and 1 have the same order");
        // a fresh loader (a resumed run) set to epoch 1 reproduces epoch 1, synchronously or prefetched
        DataLoader b = new DataLoader(data(50), 8, true, 7, false).withPrefetch(0);
        b.setEpoch(1);
        assertArrayEquals(e1, epoch(b, new ArrayList<>()));
        b.setEpoch(0);
        assertArrayEquals(e0, epoch(b, new ArrayList<>()));
        assertArrayEquals(e0, a.order(0));
        assertFalse(Arrays.equals(e0, new DataLoader(data(50), 8, true, 8, false).order(0)), "seed ignored");
    }

    @Test
    void transformsApplyInOrder() {
        DataLoader l = new DataLoader(data(6), 3, false, 0, false)
                .withTransform(b -> new Batch(b.input().mul(2), b.target()))
                .withTransform(b -> new Batch(b.input().add(1), b.target()));
        Batch first = l.iterator().next();
        assertArrayEquals(new float[] {1, 1, 3, -1, 5, -3}, first.input().toFloatArray());
    }

    @Test
    void producerExceptionSurfacesInNext() {
        AtomicInteger calls = new AtomicInteger();
        DataLoader l = new DataLoader(data(20), 4, false, 0, false).withTransform(b -> {
            if (calls.incrementAndGet() == 3) throw new IllegalStateException("boom in transform");
            return b;
        });
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Iterator<Batch> it = l.iterator();
            it.next();
            it.next();
            var e = assertThrows(IllegalStateException.class, it::next);
            assertEquals("boom in transform", e.getMessage());
            assertTrue(e.getSuppressed().length == 1 && e.getSuppressed()[0].getMessage().contains("batch 2"));
            assertThrows(IllegalStateException.class, it::next); // the iterator is dead afterwards
        });
        awaitNoLoaderThreads();
        // errors are not swallowed synchronously either
        calls.set(0);
        Iterator<Batch> it = l.withPrefetch(0).iterator();
        it.next();
        it.next();
        assertThrows(IllegalStateException.class, it::next);
    }

    @Test
    void threadsEndWhenEpochEndsOrIterationIsAbandoned() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            awaitNoLoaderThreads();
            DataLoader l = new DataLoader(data(1000), 4, true, 1, false).withPrefetch(2);
            // a full epoch: the thread ends by itself
            epoch(l, new ArrayList<>());
            awaitNoLoaderThreads();
            // close()
            DataLoader.BatchIterator it = l.iterator();
            it.next();
            assertEquals(1, loaderThreads());
            it.close();
            awaitNoLoaderThreads();
            assertThrows(IllegalStateException.class, it::next);
            // break out of a for loop, then start the next epoch: the previous producer is stopped
            for (Batch b : l) if (b.size() > 0) break;
            Iterator<Batch> second = l.iterator();
            second.next();
            waitFor(() -> loaderThreads() == 1);
            // an abandoned iterator whose loader is also dropped: the garbage collector's cleaner stops it
            second = null;
            l = null;
            abandon();
            waitFor(() -> {
                System.gc();
                return loaderThreads() == 0;
            });
        });
    }

    private static void abandon() {
        DataLoader other = new DataLoader(data(1000), 2, false, 0, false);
        Iterator<Batch> it = other.iterator();
        it.next();
    }

    @Test
    void prefetchedBatchesEqualSynchronousOnes() {
        TensorDataset d = data(37);
        DataLoader a = new DataLoader(d, 5, true, 3, false).withPrefetch(0);
        DataLoader b = new DataLoader(d, 5, true, 3, false).withPrefetch(4);
        for (int e = 0; e < 3; e++) assertArrayEquals(epoch(a, new ArrayList<>()), epoch(b, new ArrayList<>()));
        awaitNoLoaderThreads();
    }

    @Test
    void badArguments() {
        TensorDataset d = data(5);
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(d, 0, false, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(d, 6, false, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(d, 2, false, 0, false).withPrefetch(-1));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(d, 2, false, 0, false).setEpoch(-1));
        DataLoader l = new DataLoader(d, 5, false, 0, false);
        Iterator<Batch> it = l.iterator();
        assertSame(d, l.dataset());
        it.next();
        assertThrows(java.util.NoSuchElementException.class, it::next);
        assertNotEquals(0, l.epoch());
    }

    static void awaitNoLoaderThreads() { waitFor(() -> loaderThreads() == 0); }

    static void waitFor(java.util.function.BooleanSupplier c) {
        for (int i = 0; i < 400 && !c.getAsBoolean(); i++) {
            try { Thread.sleep(25); } catch (InterruptedException e) { throw new RuntimeException(e); }
        }
        assertTrue(c.getAsBoolean(), "condition not reached in 10 s; loader threads alive: " + loaderThreads());
    }
}
