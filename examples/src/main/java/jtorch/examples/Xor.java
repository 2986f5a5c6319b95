package jtorch.examples;

import java.util.Locale;
import jtorch.nn.FlatParameters;
import jtorch.nn.Sequential;
import jtorch.nn.activation.Tanh;
import jtorch.nn.criterion.MSECriterion;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optim;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * optim's XOR demo: a 2-20-1 Tanh MLP fitted with the mean squared error to the four XOR points
 * (inputs ±1, target +1 when the signs differ, -1 otherwise) by full-batch SGD with momentum, until the loss is below
 * 1e-3. Prints the loss every 100 steps and the four predictions.
 */
public final class Xor {
    private Xor() {}

    public static void main(String[] args) {
        Result r = run(1, 5000, true);
        System.out.printf(Locale.ROOT, "final loss %.3g after %d steps%n", r.loss(), r.steps());
    }

    record Result(double loss, int steps, Tensor predictions) {}

    static Result run(long seed, int maxSteps, boolean verbose) {
        Generator.manualSeed(seed);
        Sequential model = new Sequential().add(new Linear(2, 20)).add(new Tanh()).add(new Linear(20, 1));
        MSECriterion criterion = new MSECriterion();
        Tensor inputs = Tensor.of(new float[] {-1, -1, -1, 1, 1, -1, 1, 1}, 4, 2);
        Tensor targets = Tensor.of(new float[] {-1, 1, 1, -1}, 4, 1);
        FlatParameters p = model.getParameters();
        Config config = Config.of("learningRate", 0.05, "momentum", 0.9);
        State state = new State();
        Feval feval = x -> {
            p.gradients().fillInPlace(0);
            Tensor out = model.forward(inputs);
            double loss = criterion.forward(out, targets);
            model.backward(inputs, criterion.backward(out, targets));
            return new Feval.Eval(loss, p.gradients());
        };
        double loss = Double.NaN;
        int step = 0;
        while (step < maxSteps) {
            loss = Optim.sgd(feval, p.weights(), config, state);
            step++;
            if (verbose && step % 100 == 0) System.out.printf(Locale.ROOT, "step %5d  loss %.6f%n", step, loss);
            if (loss < 1e-3) break;
        }
        Tensor pred = model.forward(inputs).clone();
        if (verbose) System.out.println("predictions for (-1,-1) (-1,1) (1,-1) (1,1):\n" + pred);
        return new Result(loss, step, pred);
    }
}
