package jtorch.examples;

import java.util.Arrays;
import java.util.Locale;
import jtorch.nn.Criterion;
import jtorch.nn.FlatParameters;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.Tanh;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.nn.layer.Reshape;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optim;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The seed material's 2-layer net, written as the slide writes it, trained on the embedded UCI digits (8×8 images):
 * <pre>
 *   model = nn.Sequential()
 *   model:add(nn.Reshape(64))
 *   model:add(nn.Linear(64, hidden)); model:add(nn.Tanh())
 *   model:add(nn.Linear(hidden, 10)); model:add(nn.LogSoftMax())
 *   criterion = nn.ClassNLLCriterion()
 *   x, dl_dx = model:getParameters()
 *   feval = function(x_new) ... return loss, dl_dx end
 *   for each minibatch: optim.sgd(feval, x, sgd_params)
 * </pre>
 * Pixels are standardised with the training split's statistics; 20 % of the set is held out for the test accuracy.
 * Options: {@code --epochs N --hidden H --lr X --momentum M --weightDecay W --batch B --seed S}.
 */
public final class SeedNet {
    int epochs = 30, hidden = 128, batch = 32;
    double lr = 0.02, momentum = 0.9, weightDecay = 1e-3;
    long seed = 1;

    public static void main(String[] args) {
        SeedNet s = new SeedNet();
        try {
            s.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("jtorch train: " + e.getMessage());
            System.err.println("usage: jtorch train [--epochs N] [--hidden H] [--lr X] [--momentum M] [--weightDecay W] [--batch B] [--seed S]");
            System.exit(2);
        }
        double acc = s.run(true);
        System.out.printf(Locale.ROOT, "test accuracy %.4f%n", acc);
    }

    void parse(String[] args) {
        Options o = new Options(args, "--epochs", "--hidden", "--batch", "--lr", "--momentum", "--weightDecay", "--seed");
        epochs = o.integer("--epochs", epochs);
        hidden = o.integer("--hidden", hidden);
        batch = o.integer("--batch", batch);
        lr = o.real("--lr", lr);
        momentum = o.real("--momentum", momentum);
        weightDecay = o.real("--weightDecay", weightDecay);
        seed = o.whole("--seed", seed);
        if (epochs < 1 || hidden < 1 || batch < 1 || !(lr > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("epochs, hidden, batch must be >= 1, lr > 0, 0 <= momentum < 1, weightDecay >= 0");
        }
    }

    /** Trains and returns the test accuracy. */
    double run(boolean verbose) {
        Digits[] split = Digits.load().trainTestSplit(0.2, seed);
        Digits train = split[0].standardize(split[0]), test = split[1].standardize(split[0]);
        Tensor trainX = train.images().view(-1, 8, 8), testX = test.images().view(-1, 8, 8);
        Generator.manualSeed(seed);
        Sequential model = new Sequential()
                .add(new Reshape(64))
                .add(new Linear(64, hidden)).add(new Tanh())
                .add(new Linear(hidden, 10)).add(new LogSoftMax());
        Criterion criterion = new ClassNLLCriterion();
        FlatParameters p = model.getParameters();
        Config sgdParams = Config.of("learningRate", lr, "momentum", momentum, "weightDecay", weightDecay);
        State state = new State();
        if (verbose) System.out.printf(Locale.ROOT, "%s%ndigits: %d train, %d test, %d parameters; sgd %s, batch %d%n",
                model, train.size(), test.size(), p.weights().numel(), sgdParams, batch);
        Generator g = new Generator(seed);
        int n = train.size();
        long t0 = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            model.training();
            int[] perm = Digits.permutation(n, g);
            double lossSum = 0;
            int steps = 0;
            for (int s = 0; s < n; s += batch) {
                Tensor idx = Tensor.of(Arrays.copyOfRange(perm, s, Math.min(n, s + batch)));
                Tensor inputs = trainX.indexSelect(0, idx), targets = train.labels().indexSelect(0, idx);
                Feval feval = x -> {
                    p.gradients().fillInPlace(0);
                    Tensor out = model.forward(inputs);
                    double loss = criterion.forward(out, targets);
                    model.backward(inputs, criterion.backward(out, targets));
                    return new Feval.Eval(loss, p.gradients());
                };
                lossSum += Optim.sgd(feval, p.weights(), sgdParams, state);
                steps++;
            }
            if (verbose && (epoch % 5 == 0 || epoch == 1 || epoch == epochs)) {
                System.out.printf(Locale.ROOT, "epoch %3d  loss %.4f  train acc %.4f  test acc %.4f  (%.1f s)%n", epoch,
                        lossSum / steps, accuracy(model, trainX, train.labels()), accuracy(model, testX, test.labels()),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
        return accuracy(model, testX, test.labels());
    }

    static double accuracy(Sequential model, Tensor x, Tensor labels) {
        model.evaluate();
        double acc = model.forward(x).argmax(1, false).eq(labels).sum() / labels.size(0);
        model.training();
        return acc;
    }
}
