package jtorch.unsup.sparse;

import java.util.Arrays;
import jtorch.data.TensorDataset;
import jtorch.nn.FlatParameters;
import jtorch.nn.Module;
import jtorch.nn.criterion.MSECriterion;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optimizer;
import jtorch.optim.State;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Trains an encoder module to predict given (optimal) sparse codes: minimises the mean over the inputs of
 * ‖F(x) − z*‖² (summed over the m units) by Adam on shuffled minibatches, with the learning rate halved at 2/3 and
 * 5/6 of the epochs. This is how {@link Psd}'s encoder and a {@link jtorch.nn.sparse.LISTA} are fitted to
 * {@link Fista}'s codes (Gregor and LeCun 2010 train LISTA this way). Inputs X [N, n], codes Z* [N, m], the encoder
 * maps [B, n] to [B, m].
 */
public final class CodeRegression {
    private CodeRegression() {}

    /**
     * The settings.
     *
     * @param epochs       passes over the data (&ge; 1)
     * @param batchSize    inputs per step (&ge; 1)
     * @param learningRate Adam's learning rate (&gt; 0)
     * @param seed         the minibatch order
     */
    public record Options(int epochs, int batchSize, double learningRate, long seed) {
        public Options {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) throw new IllegalArgumentException("CodeRegression:"
                    + " epochs and batchSize must be >= 1 and learningRate > 0, got " + epochs + ", " + batchSize + ", "
                    + learningRate);
        }
    }

    /** Called after each epoch (1, 2, ...) with its mean training loss. */
    @FunctionalInterface
    public interface EpochListener { void epoch(int epoch, double loss); }

    /** Fits {@code encoder} to map {@code x} [N, n] to {@code codes} [N, m]; returns each epoch's mean loss. */
    public static double[] fit(Module encoder, Tensor x, Tensor codes, Options o, EpochListener listener) {
        if (x == null || codes == null || x.dim() != 2 || codes.dim() != 2 || x.size(0) != codes.size(0))
            throw new IllegalArgumentException("CodeRegression: inputs [N, n] and codes [N, m] with the same N are"
                    + " required, got " + (x == null ? "null" : x.shape()) + " and " + (codes == null ? "null" : codes.shape()));
        int count = x.size(0), m = codes.size(1);
        FlatParameters fp = encoder.getParameters();
        MSECriterion mse = new MSECriterion();
        Optimizer adam = new Optimizer("adam", Config.of("learningRate", o.learningRate()));
        State state = new State();
        Generator g = new Generator(o.seed());
        double[] losses = new double[o.epochs()];
        encoder.training();
        for (int e = 0; e < o.epochs(); e++) {
            if (e == (2 * o.epochs()) / 3 || e == (5 * o.epochs()) / 6) adam.setLearningRate(adam.learningRate() / 2);
            int[] order = TensorDataset.permutation(count, g);
            double sum = 0;
            for (int s = 0; s < count; s += o.batchSize()) {
                int len = Math.min(o.batchSize(), count - s);
                Tensor idx = Tensor.of(Arrays.copyOfRange(order, s, s + len));
                Tensor xb = x.indexSelect(0, idx), zb = codes.indexSelect(0, idx);
                Feval f = w -> {
                    encoder.zeroGradParameters();
                    Activity out = encoder.forward(xb);
                    double loss = mse.forward(out, zb);
                    encoder.backward(xb, mse.backward(out, zb));
                    return new Feval.Eval(loss, fp.gradients());
                };
                sum += adam.step(f, fp.weights(), state) * m * len;
            }
            losses[e] = sum / count;
            if (listener != null) listener.epoch(e + 1, losses[e]);
        }
        encoder.evaluate();
        return losses;
    }

    /**
     * The code error of predictions Z [N, m] against the optimal codes Z* [N, m], relative as Gregor and LeCun report
     * it: Σ‖z − z*‖² / Σ‖z*‖².
     */
    public static double relativeError(Tensor predicted, Tensor optimal) {
        if (!predicted.sameShape(optimal)) throw new IllegalArgumentException("CodeRegression.relativeError: predicted "
                + predicted.shape() + " and optimal " + optimal.shape() + " codes differ in shape");
        Tensor d = predicted.sub(optimal).view(-1), o = optimal.contiguous().view(-1);
        double den = o.dot(o);
        return d.dot(d) / (den > 0 ? den : 1);
    }
}
