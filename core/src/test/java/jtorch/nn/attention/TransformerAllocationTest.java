package jtorch.nn.attention;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

import org.junit.jupiter.api.Test;

/**
 * A steady-state train step (forward, backward, update) of a {@link TransformerEncoderLayer} allocates nothing
 * proportional to the sequence: the bytes this thread allocates per step (after warm-up) with T = 48 exceed those with
 * T = 8 by less than 12 KB, where the layer's activations grow by ~200 KB (before the layer normalisations kept their
 * scratch, the difference was ~350 KB). Pre- and post-norm. Run in F64, which the cpu back end computes with the
 * reference loops (the module's own buffers are what is checked; Vector API code that C2 has not compiled yet boxes its vectors, which a short test cannot wait
 * out).
 */
class TransformerAllocationTest {
    static long perStep(boolean normFirst, int t) {
        Generator.manualSeed(1);
        TransformerEncoderLayer m = new TransformerEncoderLayer(16, 2, 32, 0, "relu", normFirst, false, 1e-5);
        m.to(DType.F64);
        Tensor x = Tensor.randn(DType.F64, new Generator(1), t, 4, 16);
        Tensor g = Tensor.randn(DType.F64, new Generator(2), t, 4, 16);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        Runnable step = () -> {
            m.zeroGradParameters();
            m.forward(x);
            m.backward(x, g);
            m.updateParameters(1e-3);
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

    @Test void noAllocationProportionalToTheSequence() {
        for (boolean pre : new boolean[] {false, true}) {
            long small = perStep(pre, 8), big = perStep(pre, 48);
            assertTrue(big - small < 12_288, (pre ? "pre" : "post") + "-norm: T 8: " + small + " B, T 48: " + big
                    + " B per step");
        }
    }
}
