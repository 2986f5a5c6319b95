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
}
