package jtorch.optim;

import java.util.List;
import jtorch.tensor.Tensor;

/**
 * An optimizer chosen by name ({@link #NAMES}) with its options: what a trainer, a checkpoint and the command line
 * need to name, step, re-create and re-schedule it. {@link #step} runs one {@code Optim.<name>(feval, x, config, state)}
 * and returns f(x) before the step. Learning-rate schedules change {@code learningRate} in {@link #config()}.
 */
public record Optimizer(String name, Config config) {
    public static final List<String> NAMES = List.of("sgd", "adam", "adamw", "adagrad", "rmsprop", "adadelta", "lbfgs");

    public Optimizer {
        if (!NAMES.contains(name)) throw new IllegalArgumentException("unknown optimizer '" + name + "' (known: "
                + String.join(", ", NAMES) + ")");
    }

    public double step(Feval feval, Tensor x, State state) {
        return switch (name) {
            case "sgd" -> Optim.sgd(feval, x, config, state);
            case "adam" -> Optim.adam(feval, x, config, state);
            case "adamw" -> Optim.adamw(feval, x, config, state);
            case "adagrad" -> Optim.adagrad(feval, x, config, state);
            case "rmsprop" -> Optim.rmsprop(feval, x, config, state);
            case "adadelta" -> Optim.adadelta(feval, x, config, state);
            case "lbfgs" -> Optim.lbfgs(feval, x, config, state)[0];
            default -> throw new AssertionError(name);
        };
    }

    /** The learning rate in force: the configured one, else the optimizer's default. */
    public double learningRate() {
        return config.get("learningRate", switch (name) {
            case "adadelta", "lbfgs" -> 1.0;
            case "rmsprop" -> 1e-2;
            default -> 1e-3;
        });
    }

    public void setLearningRate(double lr) { config.set("learningRate", lr); }
}
