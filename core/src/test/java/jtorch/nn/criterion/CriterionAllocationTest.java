package jtorch.nn.criterion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A training step's criterion allocates nothing proportional to the batch: ClassNLLCriterion reuses its target-check
 * and gather buffers, so forward + backward at batch 16384 allocate about as much as at batch 64 (the per-call views
 * and small reduction results only). Before the buffers were reused it was ~100 bytes per sample.
 */
class CriterionAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Bytes this thread allocates per forward + backward, after warm-up, at batch b. */
    private static long bytesPerStep(int b) {
        Tensor x = Tensor.randn(new Generator(b), b, 10);
        Tensor y = Tensor.zeros(jtorch.tensor.DType.I32, b);
        for (int i = 0; i < b; i++) y.set(i % 10, i);
        ClassNLLCriterion c = new ClassNLLCriterion();
        for (int i = 0; i < 2000; i++) { c.forward(x, y); c.backward(x, y); }
        long id = Thread.currentThread().threadId(), before = THREADS.getThreadAllocatedBytes(id);
        int steps = 200;
        for (int i = 0; i < steps; i++) { c.forward(x, y); c.backward(x, y); }
        return (THREADS.getThreadAllocatedBytes(id) - before) / steps;
    }

    @Test
    void classNllAllocatesNothingProportionalToTheBatch() {
        bytesPerStep(64);                                   // JIT warm-up of the whole path
        long small = bytesPerStep(64), large = bytesPerStep(16384);
        // 16,320 more samples: one byte each would be 16 KB (before the buffers were reused: ~1.6 MB)
        assertTrue(large - small < 16_000, "batch 64: " + small + " B/step, batch 16384: " + large + " B/step");
    }
}
