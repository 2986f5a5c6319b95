package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The ladder's hand-wired backward (three passes, decoder, lateral gradients) against central differences of the total
 * cost, F64, every parameter: with the gradient flowing into the clean pass, and with the clean targets held constant.
 */
class LadderNetTest {

    private static double cost(LadderNet net, Tensor xl, Tensor yl, Tensor xu) {
        return net.gradients(xl, yl, xu, new Generator(99));
    }

    private static void check(boolean ladder, boolean cleanGradients) {
        Generator.manualSeed(5);
        LadderNet net = new LadderNet(new int[] {4, 5, 3}, ladder, 0.3, new double[] {2, 1, 0.5}, DType.F64);
        // non-trivial combinators and biases (the initial ones make many gradients zero)
        Tensor w = net.flat.weights();
        w.copy(w.add(Tensor.randn(DType.F64, new Generator(3), w.sizes()).mulInPlace(0.3)));
        Tensor xl = Tensor.rand(DType.F64, new Generator(1), 6, 4), xu = Tensor.rand(DType.F64, new Generator(2), 7, 4);
        Tensor yl = Tensor.of(new int[] {0, 1, 2, 0, 1, 2}, 6);
        net.cleanGradients = cleanGradients;
        cost(net, xl, yl, xu);
        net.freezeTargets = !cleanGradients; // constant clean targets: hold them while differencing
        cost(net, xl, yl, xu);
        double[] analytic = net.flat.gradients().toDoubleArray();
        double eps = 1e-6, worst = 0;
        for (int i = 0; i < analytic.length; i++) {
            double v = w.get(i);
            w.set(v + eps, i);
            double up = cost(net, xl, yl, xu);
            w.set(v - eps, i);
            double down = cost(net, xl, yl, xu);
            w.set(v, i);
            worst = Math.max(worst, Math.abs((up - down) / (2 * eps) - analytic[i]));
        }
        assertTrue(worst < 1e-5, (ladder ? "ladder" : "baseline") + ": worst gradient error " + worst + " over "
                + analytic.length + " parameters");
    }

    @Test void ladderGradientsMatchFiniteDifferences() { check(true, false); }

    @Test void ladderGradientsThroughTheCleanPassMatchFiniteDifferences() { check(true, true); }

    @Test void baselineGradientsMatchFiniteDifferences() { check(false, false); }
}
