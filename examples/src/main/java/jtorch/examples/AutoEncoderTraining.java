package jtorch.examples;

import java.util.Locale;
import jtorch.data.TensorDataset;
import jtorch.nn.Criterion;
import jtorch.nn.FlatParameters;
import jtorch.nn.Sequential;
import jtorch.nn.penalty.Penalty;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optimizer;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/** The training loop of the {@link AutoEncoders} example (reconstruction loss plus the penalties the net records). */
final class AutoEncoderTraining {
    private AutoEncoderTraining() {}

    /**
     * Trains ae on x [N, 784] (the clean images are the targets) to minimise crit + {@link Penalty#total}, Adam at rate,
     * halved for the last third of the epochs, shuffled mini-batches of {@code batch} rows drawn with a generator seeded
     * by seed; prints the epoch means under {@code name} unless it is null.
     */
    static void train(Sequential ae, Tensor x, Criterion crit, double rate, int epochCount, int batch, long seed, String name) {
        ae.training();
        FlatParameters fp = ae.getParameters();
        Optimizer adam = new Optimizer("adam", Config.of("learningRate", rate));
        State state = new State();
        Generator g = new Generator(seed);
        int n = x.size(0);
        for (int e = 0; e < epochCount; e++) {
            if (e == (2 * epochCount) / 3 && epochCount >= 3) adam.setLearningRate(rate / 2);
            int[] order = TensorDataset.permutation(n, g);
            double sum = 0, pen = 0;
            int batches = 0;
            for (int s = 0; s < n; s += batch) {
                int len = Math.min(batch, n - s);
                Tensor xb = x.indexSelect(0, Tensor.of(java.util.Arrays.copyOfRange(order, s, s + len), len));
                double[] parts = new double[2];
                Feval f = w -> {
                    ae.zeroGradParameters();
                    Tensor out = ae.forward(xb).toTensor("output");
                    parts[0] = crit.forward(out, xb);
                    parts[1] = Penalty.total(ae);
                    ae.backward(xb, crit.backward(out, xb));
                    return new Feval.Eval(parts[0] + parts[1], fp.gradients());
                };
                adam.step(f, fp.weights(), state);
                sum += parts[0];
                pen += parts[1];
                batches++;
            }
            if (name != null) System.out.printf(Locale.ROOT, "  %s epoch %d: train loss %.5f, penalty %.5f%n", name, e + 1,
                    sum / batches, pen / batches);
        }
    }

}
