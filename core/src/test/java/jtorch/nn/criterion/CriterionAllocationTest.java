package jtorch.nn.criterion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import jtorch.backend.cpu.Parallel;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A training step's criterion allocates nothing proportional to the batch: ClassNLLCriterion reuses its target-check
 * and gather buffers and checks indices in place, so forward + backward at batch 16384 allocate about as much as at
 * batch 64 (per-call views and small reduction results only; before, ~100 bytes per sample). Measured with the
 * thread's allocation counter, 1 kernel thread, in a fresh child JVM (about 1 s). Inside the test JVM, after
 * thousands of other tests, the same measurement gave ~11 B per sample; the likely cause (not verified) is that
 * polluted JIT profiles keep Vector API values from being scalarised, so they allocate per vector.
 */
class CriterionAllocationTest {

    /** Bytes this thread allocates per forward + backward, after warm-up, at batch b. */
    static long bytesPerStep(int b) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Tensor x = Tensor.randn(new Generator(b), b, 10);
        Tensor y = Tensor.zeros(DType.I32, b);
        for (int i = 0; i < b; i++) y.set(i % 10, i);
        ClassNLLCriterion c = new ClassNLLCriterion();
        for (int i = 0; i < 2000; i++) { c.forward(x, y); c.backward(x, y); }
        long id = Thread.currentThread().threadId(), before = threads.getThreadAllocatedBytes(id);
        int steps = 200;
        for (int i = 0; i < steps; i++) { c.forward(x, y); c.backward(x, y); }
        return (threads.getThreadAllocatedBytes(id) - before) / steps;
    }

    /** Child JVM: prints the bytes per step at batch 64 and 16384. */
    public static void main(String[] args) {
        Parallel.setThreads(1);                             // all work on this thread, so that its counter sees it
        bytesPerStep(64);                                   // JIT warm-up of the whole path
        System.out.println(bytesPerStep(64) + " " + bytesPerStep(16384));
    }

    @Test
    void classNllAllocatesNothingProportionalToTheBatch() throws Exception {
        Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "--add-modules",
                "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), getClass().getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
        assertEquals(0, p.exitValue(), out);
        String[] v = out.split(" ");
        long small = Long.parseLong(v[0]), large = Long.parseLong(v[1]);
        // 16,320 more samples: one byte each would be 16 KB (before the buffers were reused: ~1.6 MB)
        assertTrue(large - small < 16_000, "batch 64: " + small + " B/step, batch 16384: " + large + " B/step");
    }
}
