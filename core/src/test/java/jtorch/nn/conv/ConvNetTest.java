package jtorch.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jtorch.nn.Jacobian;
import jtorch.nn.Sequential;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The small convnet preset: its parameter count, shapes, argument checks, and its Jacobian (F64, evaluation mode). */
class ConvNetTest {

    @Test void parametersAndShapes() {
        Generator.manualSeed(5);
        Sequential net = ConvNet.build(10);
        assertEquals(41338, net.getParameters().weights().numel());
        assertArrayEquals(new int[] {3, 10}, net.forward(Tensor.randn(new Generator(6), 3, 784)).tensor().sizes());
        assertArrayEquals(new int[] {2, 10}, net.forward(Tensor.randn(new Generator(7), 2, 1, 28, 28)).tensor().sizes());
        assertThrows(IllegalArgumentException.class, () -> ConvNet.build(1));
        assertThrows(IllegalArgumentException.class, () -> ConvNet.build(10, 0, 2, 2, 0.3));
    }

    @Test void jacobianInEvaluationMode() {
        Generator.manualSeed(8);
        Sequential net = ConvNet.build(3, 2, 2, 2, 0.3).to(DType.F64);
        net.evaluate();                                   // running statistics, no dropout: a deterministic function
        Tensor x = Tensor.randn(DType.F64, new Generator(9), 1, 784);
        Jacobian.check(net, x).assertBelow(Jacobian.TOLERANCE);
    }
}
