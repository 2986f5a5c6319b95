package jtorch.nn.memory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A steady-state forward + backward of {@link MemN2N} (3 hops, position and temporal encoding) allocates nothing
 * proportional to the memory: the bytes this thread allocates per step (after warm-up) with 50 memory slots exceed
 * those with 10 by less than 24 KB, where the memories and their gradients grow by ~0.6 MB (before the module kept its
 * products, scores, memory gradients and sentence-count matrices, the difference was ~2.2 MB). In F64, which the cpu
 * back end computes with the reference loops (the module's own buffers are what is checked).
 */
class MemN2NAllocationTest {
    static long perStep(int memory) {
        Generator.manualSeed(1);
        MemN2N m = new MemN2N(40, 20, memory, 3, false, true, true).to(DType.F64);
        Generator g = new Generator(2);
        int b = 8, j = 6, jq = 5;
        int[] x = new int[b * memory * j], q = new int[b * jq];
        for (int i = 0; i < x.length; i++) x[i] = g.nextInt(40);
        for (int i = 0; i < q.length; i++) q[i] = 1 + g.nextInt(39);
        Table in = Table.of(Tensor.of(x, b, memory, j), Tensor.of(q, b, jq));
        Tensor gy = Tensor.randn(DType.F64, new Generator(3), b, 40);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        Runnable step = () -> {
            m.zeroGradParameters();
            m.forward(in);
            m.backward(in, gy);
        };
        for (int i = 0; i < 3; i++) step.run();
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            long a0 = mx.getCurrentThreadAllocatedBytes();
            step.run();
            best = Math.min(best, mx.getCurrentThreadAllocatedBytes() - a0);
        }
        return best;
    }

    @Test void noAllocationProportionalToTheMemory() {
        long small = perStep(10), big = perStep(50);
        assertTrue(big - small < 24_576, "memory 10: " + small + " B, memory 50: " + big + " B per step");
    }
}
