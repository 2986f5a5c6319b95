package jtorch.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * {@link Parallel#range}: every item runs exactly once whichever thread claims its chunk (the caller takes back chunks
 * no pool thread has started), the chunks are the same on every call for a given n, grain and thread count, and a
 * failure in any chunk reaches the caller.
 */
class ParallelTest {
    static <T> T withThreads(int threads, java.util.function.Supplier<T> f) {
        int old = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            return f.get();
        } finally {
            Parallel.setThreads(old);
        }
    }

    @Test
    void everyItemOnceAndFixedChunks() {
        for (int threads : new int[] {1, 2, 3, 4}) {
            for (int n : new int[] {0, 1, 7, 100, 1001}) {
                Set<String> first = null;
                for (int rep = 0; rep < 200; rep++) {
                    AtomicIntegerArray seen = new AtomicIntegerArray(n);
                    Set<String> chunks = new ConcurrentSkipListSet<>();
                    withThreads(threads, () -> {
                        Parallel.range(n, 10, (from, to) -> {
                            chunks.add(from + ".." + to);
                            for (int i = from; i < to; i++) seen.incrementAndGet(i);
                        });
                        return null;
                    });
                    for (int i = 0; i < n; i++) assertEquals(1, seen.get(i), "item " + i + " of " + n + ", " + threads + " threads");
                    if (first == null) first = new TreeSet<>(chunks);
                    else assertEquals(first, new TreeSet<>(chunks), n + " items, " + threads + " threads: chunks changed");
                }
                assertEquals(n == 0 ? 0 : Math.min(threads, Math.max(1, n / 10)), first.size(), "chunk count for " + n);
            }
        }
    }

    @Test
    void failureInAnyChunkIsRethrown() {
        for (int bad : new int[] {0, 50, 99}) {
            var e = assertThrows(IllegalStateException.class, () -> withThreads(2, () -> {
                Parallel.range(100, 10, (from, to) -> {
                    if (from <= bad && bad < to) throw new IllegalStateException("chunk with " + bad);
                });
                return null;
            }));
            assertEquals("chunk with " + bad, e.getMessage());
        }
    }
}
