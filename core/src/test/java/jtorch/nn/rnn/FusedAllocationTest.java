package jtorch.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A steady-state forward + backward of the fused LSTM allocates nothing proportional to T × B: the bytes this thread
 * allocates per call (after warm-up) with batch 32 exceed those with batch 4 by less than 16 KB (the activations
 * would be ~1 MB), and grow with T by less than 4 KB per step (a few tensor views per step). Run on the ref back end
 * in F64: the module's own buffers are what is checked (the cpu kernels allocate nothing once compiled, but Vector API
 * code that C2 has not compiled yet boxes its vectors, which a short test cannot wait out).
 */
class FusedAllocationTest {
    static long perCall(int t, int b) {
        LSTM m = new LSTM(16, 32, 2).to(DType.F64);
        Tensor x = Tensor.randn(DType.F64, new Generator(1), t, b, 16).to(Backends.ref());
        Tensor g = Tensor.randn(DType.F64, new Generator(2), t, b, 32).to(Backends.ref());
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 3; i++) {
            m.forward(x);
            m.backward(x, g);
        }
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            long a0 = mx.getCurrentThreadAllocatedBytes();
            m.forward(x);
            m.backward(x, g);
            best = Math.min(best, mx.getCurrentThreadAllocatedBytes() - a0);
        }
        return best;
    }

    @Test void noAllocationProportionalToTimesBatch() {
        long small = perCall(10, 4), big = perCall(10, 32), longer = perCall(20, 4);
        assertTrue(big - small < 16_384, "batch 4: " + small + " B, batch 64: " + big + " B per call");
        assertTrue(longer - small < 10 * 4096, "T 10: " + small + " B, T 40: " + longer + " B per call");
    }

    /**
     * The token-fed LookupRecurrent on the cpu back end in F32 (its gather and scatter are cpu kernels writing into
     * kept buffers): the least of 3 calls, re-measured after more warm-up until C2 has compiled the Vector API code.
     */
    static long perCallTokens(int t, int b) {
        LookupRecurrent m = new LookupRecurrent(new LookupTable(11, 16), new LSTM(16, 32, 2));
        int[] ids = new int[t * b];
        for (int i = 0; i < ids.length; i++) ids[i] = (i * 5 + 1) % 11;
        Tensor x = Tensor.of(ids, t, b), g = Tensor.randn(new Generator(2), t, b, 32);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 200; i++) {
            m.forward(x);
            m.backward(x, g);
        }
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            long a0 = mx.getCurrentThreadAllocatedBytes();
            m.forward(x);
            m.backward(x, g);
            best = Math.min(best, mx.getCurrentThreadAllocatedBytes() - a0);
        }
        return best;
    }

    @Test void tokenInputAllocatesNothingProportionalToTimesBatch() {
        long small = 0, big = 0, longer = 0;
        for (int round = 0; round < 20; round++) {
            small = perCallTokens(10, 4);
            big = perCallTokens(10, 32);
            longer = perCallTokens(20, 4);
            if (big - small < 16_384 && longer - small < 10 * 4096) break;
        }
        assertTrue(big - small < 16_384, "batch 4: " + small + " B, batch 32: " + big + " B per call");
        assertTrue(longer - small < 10 * 4096, "T 10: " + small + " B, T 20: " + longer + " B per call");
    }
}
