package jtorch.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A steady-state forward + backward of the fused LSTM allocates nothing proportional to T × B: the bytes this thread
 * allocates per call (after warm-up) with batch 64 exceed those with batch 8 by less than 16 KB (the activations
 * would be ~2 MB), and grow with T by less than 4 KB per step (a few tensor views and the kernel tasks).
 */
class FusedAllocationTest {
    static long perCall(int t, int b) {
        LSTM m = new LSTM(16, 32, 2);
        Tensor x = Tensor.randn(new Generator(1), t, b, 16), g = Tensor.randn(new Generator(2), t, b, 32);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 5; i++) {
            m.forward(x);
            m.backward(x, g);
        }
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
            long a0 = mx.getCurrentThreadAllocatedBytes();
            m.forward(x);
            m.backward(x, g);
            best = Math.min(best, mx.getCurrentThreadAllocatedBytes() - a0);
        }
        return best;
    }

    @Test void noAllocationProportionalToTimesBatch() {
        long small = perCall(20, 8), big = perCall(20, 64), longer = perCall(40, 8);
        assertTrue(big - small < 16_384, "batch 8: " + small + " B, batch 64: " + big + " B per call");
        assertTrue(longer - small < 20 * 4096, "T 20: " + small + " B, T 40: " + longer + " B per call");
    }
}
