package jtorch.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one task per worker rank on its own thread and rethrows the first failure. */
final class Workers {
    private Workers() {}

    interface Task { void run(int rank) throws Exception; }

    static void run(int p, Task task) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(p);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int r = 0; r < p; r++) {
                int rank = r;
                fs.add(ex.submit(() -> { task.run(rank); return null; }));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            ex.shutdownNow();
        }
    }
}
