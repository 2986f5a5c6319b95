package jtorch.examples;

import jtorch.data.TensorDataset;
import jtorch.nn.FlatParameters;
import jtorch.nn.criterion.CrossEntropyCriterion;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optimizer;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The linear-classifier test of learned codes: softmax regression (Linear(k, 10) + cross-entropy) on the codes of the
 * training images, each code dimension standardised with the training codes' mean and standard deviation, trained by
 * Adam (lr 1e-2, halved for the last third of the epochs, batch 256, seeded), then the accuracy on the test codes.
 * The same procedure for every code (auto-encoders and PCA), so the numbers compare the codes only.
 */
final class LinearProbe {
    private LinearProbe() {}

    /** Test accuracy of softmax regression trained on (trainCodes [N, k], trainLabels [N]). */
    static double accuracy(Tensor trainCodes, Tensor trainLabels, Tensor testCodes, Tensor testLabels, int epochs, long seed) {
        Tensor mean = trainCodes.mean(0, true);
        Tensor std = trainCodes.sub(mean).square().mean(0, true).sqrtInPlace().addInPlace(1e-6);
        Tensor x = trainCodes.sub(mean).divInPlace(std), xt = testCodes.sub(mean).divInPlace(std);
        Generator g = new Generator(seed);
        Linear lin = new Linear(x.size(1), 10).reset(g);
        FlatParameters fp = lin.getParameters();
        CrossEntropyCriterion ce = new CrossEntropyCriterion();
        Optimizer adam = new Optimizer("adam", Config.of("learningRate", 1e-2));
        State state = new State();
        int n = x.size(0), batch = 256;
        for (int e = 0; e < epochs; e++) {
            if (e == (2 * epochs) / 3 && epochs >= 3) adam.setLearningRate(5e-3);
            int[] order = TensorDataset.permutation(n, g);
            for (int s = 0; s < n; s += batch) {
                int len = Math.min(batch, n - s);
                Tensor idx = Tensor.of(java.util.Arrays.copyOfRange(order, s, s + len), len);
                Tensor xb = x.indexSelect(0, idx), yb = trainLabels.indexSelect(0, idx);
                Feval f = w -> {
                    lin.zeroGradParameters();
                    Tensor out = lin.forward(xb);
                    double loss = ce.forward(out, yb);
                    lin.backward(xb, ce.backward(out, yb).toTensor("gradient"));
                    return new Feval.Eval(loss, fp.gradients());
                };
                adam.step(f, fp.weights(), state);
            }
        }
        int[] pred = lin.forward(xt).argmax(1, false).toIntArray(), y = testLabels.toIntArray();
        int right = 0;
        for (int i = 0; i < y.length; i++) if (pred[i] == y[i]) right++;
        return right / (double) y.length;
    }
}
