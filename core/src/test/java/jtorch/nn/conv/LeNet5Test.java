package jtorch.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jtorch.backend.cpu.Parallel;
import jtorch.nn.FlatParameters;
import jtorch.nn.Sequential;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The LeNet-5 net (Tanh and ReLU): its shape and parameter count, and bit-identical steps (outputs and every gradient)
 * on repeated calls, before and after the JIT compiles the kernels, and with 1 or 2 threads.
 */
class LeNet5Test {

    private static float[][] step(Sequential net, FlatParameters p, Tensor x) {
        p.gradients().fillInPlace(0);
        Tensor y = net.forward(x);
        net.backward(x, y.zerosLike().fillInPlace(0.01).addInPlace(y.mul(0.1)));
        return new float[][] {y.toFloatArray(), p.gradients().toFloatArray()};
    }

    @Test void shapesAndDeterminism() {
        Generator.manualSeed(3);
        assertEquals(44426, LeNet5.build(10, true).getParameters().weights().numel());
        Sequential net = LeNet5.build(10);
        FlatParameters p = net.getParameters();
        assertEquals(44426, p.weights().numel());
        assertEquals("nn.SpatialConvolution(6 -> 16, 5x5)", net.children().get(4).toString());
        Tensor x = Tensor.randn(new Generator(4), 64, 784);
        assertArrayEquals(new int[] {64, 10}, net.forward(x).sizes());
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[][] one = step(net, p, x);
            Parallel.setThreads(2);
            for (int r = 0; r < 15; r++) {
                float[][] two = step(net, p, x);
                assertArrayEquals(one[0], two[0], "output, 2 threads, round " + r);
                assertArrayEquals(one[1], two[1], "gradients, 2 threads, round " + r);
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
