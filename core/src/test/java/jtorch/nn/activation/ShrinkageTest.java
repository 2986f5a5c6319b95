package jtorch.nn.activation;

import static jtorch.nn.Jacobian.TOLERANCE;
import static jtorch.nn.Jacobian.check;
import static jtorch.tensor.DType.F64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jtorch.backend.Backends;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** SoftShrink, HardShrink, SoftSign, LogSigmoid: exact values (at the thresholds too), Jacobians, bad arguments. */
class ShrinkageTest {

    private static final double[] X = {-2, -0.5, -0.3, 0, 0.3, 0.5, 2};

    @Test void valuesAtAndAroundTheThresholds() {
        TransferModulesTest.forwardEquals(new SoftShrink(0.5), X, new double[] {-1.5, 0, 0, 0, 0, 0, 1.5}, 0);
        TransferModulesTest.forwardEquals(new HardShrink(0.5), X, new double[] {-2, 0, 0, 0, 0, 0, 2}, 0);
        TransferModulesTest.forwardEquals(new SoftShrink(0), X, X, 0);
        TransferModulesTest.forwardEquals(new SoftSign(), X, new double[] {-2 / 3.0, -1 / 3.0, -0.3 / 1.3, 0, 0.3 / 1.3,
                1 / 3.0, 2 / 3.0}, 1e-15);
        double[] ls = new double[X.length];
        for (int i = 0; i < X.length; i++) ls[i] = Math.log(1 / (1 + Math.exp(-X[i])));
        TransferModulesTest.forwardEquals(new LogSigmoid(), X, ls, 1e-15);
        // no overflow: log σ(-800) = -800, log σ(800) = 0 (e^800 is infinite in F64); log σ(40) = -4.2e-18 comes out
        // as 0 (no log1p among the tensor ops: an absolute error below 1e-16)
        TransferModulesTest.forwardEquals(new LogSigmoid(), new double[] {-800, 800, 40}, new double[] {-800, 0,
                -Math.exp(-40)}, 1e-17);
    }

    @Test void gradientsAtTheThresholdsAreZero() {
        Tensor x = Tensor.of(new double[] {-0.5, 0.5, 0.7}, 1, 3).to(Backends.ref());
        Tensor g = Tensor.of(new double[] {1, 1, 1}, 1, 3).to(Backends.ref());
        SoftShrink s = new SoftShrink(0.5).to(F64);
        s.forward(x);
        assertArrayEquals(new double[] {0, 0, 1}, s.backward(x, g).toDoubleArray());
        HardShrink h = new HardShrink(0.5).to(F64);
        h.forward(x);
        assertArrayEquals(new double[] {0, 0, 1}, h.backward(x, g).toDoubleArray());
    }

    @Test void jacobians() {
        double[] k = {-0.5, 0.5};
        check(new SoftShrink().to(F64), TransferModulesTest.awayFrom(21, k, 3, 5)).assertBelow(TOLERANCE);
        check(new SoftShrink(1.2).to(F64), TransferModulesTest.awayFrom(22, new double[] {-1.2, 1.2}, 3, 5)).assertBelow(TOLERANCE);
        check(new HardShrink().to(F64), TransferModulesTest.awayFrom(23, k, 3, 5)).assertBelow(TOLERANCE);
        check(new SoftSign().to(F64), TransferModulesTest.awayFrom(24, new double[] {0}, 3, 5)).assertBelow(TOLERANCE);
        check(new LogSigmoid().to(F64), TransferModulesTest.awayFrom(25, new double[0], 3, 5)).assertBelow(TOLERANCE);
    }

    @Test void badLambdaIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SoftShrink(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new HardShrink(Double.NaN));
    }
}
