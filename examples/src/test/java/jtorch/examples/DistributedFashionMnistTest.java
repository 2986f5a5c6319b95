package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.data.FashionMnist;
import jtorch.examples.DistributedFashionMnist.Curve;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shortened distributed comparison (first 6,000 training images, 2 epochs; about 10 s on 2 cores): sync data
 * parallel with 1, 2 and 4 workers and global batch 128 reaches the same test accuracy (within 0.3 points), EASGD and
 * Downpour learn. The full run (60,000 images, 20 epochs) is {@link DistributedFashionMnist#main}; its figures are
 * in the README. Skipped where Debian's {@code dataset-fashion-mnist} is not installed.
 */
class DistributedFashionMnistTest {
    @Test
    void syncDataParallelMatchesOneWorkerAndTheAsyncModesLearn() throws Exception {
        Assumptions.assumeTrue(FashionMnist.available(FashionMnist.DEFAULT_DIR), "Fashion-MNIST not installed");
        DistributedFashionMnist.Data d = DistributedFashionMnist.load(6000);
        Curve one = DistributedFashionMnist.syncDataParallel(d, 1, 2, 128);
        for (int p : new int[] {2, 4}) {
            Curve c = DistributedFashionMnist.syncDataParallel(d, p, 2, 128);
            assertEquals(one.last(), c.last(), 0.003, p + " workers vs 1");
        }
        assertTrue(one.last() > 0.78, "1 worker: " + one.last());
        Curve e = DistributedFashionMnist.easgd(d, 4, 2, 32, 4);
        assertTrue(e.last() > 0.75, "EASGD: " + e.last());
        Curve a = DistributedFashionMnist.downpour(d, 4, 2, 32, 0.05);
        assertTrue(a.last() > 0.7, "Downpour: " + a.last());
    }

    /**
     * Downpour over TCP between two child JVMs and a parameter server in this one (6,000 images, 1 epoch, 0.74 seen;
     * 29 s on the shared 2 cores at load average 18, most of it the children's start, data loading and JIT).
     */
    @Test
    void asyncSgdBetweenProcessesLearns() throws Exception {
        Assumptions.assumeTrue(FashionMnist.available(FashionMnist.DEFAULT_DIR), "Fashion-MNIST not installed");
        DistributedFashionMnist.Data d = DistributedFashionMnist.load(6000);
        long t0 = System.nanoTime();
        Curve c = AsyncSgdProcesses.downpour(d, 6000, 2, 1, 32, 1, 0.05, false);
        System.out.printf("Downpour over TCP, 2 processes: %.4f in %.1f s%n", c.last(), (System.nanoTime() - t0) / 1e9);
        assertEquals(1, c.accuracy().length);
        assertTrue(c.last() > 0.65, "Downpour over TCP: " + c.last());
    }
}
