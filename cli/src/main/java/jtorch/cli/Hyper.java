package jtorch.cli;

import java.util.List;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;

/**
 * The training hyper-parameters a command line sets, with defaults by model preset:
 * <ul>
 *   <li>{@code seed}: sgd, lr 0.02, momentum 0.9, weight decay 1e-3, batch 32, 30 epochs (the seed material's net)</li>
 *   <li>{@code mlp} and model files: sgd, lr 0.05, momentum 0.9, weight decay 5e-4, batch 128, 20 epochs, cosine
 *       learning-rate schedule (the Fashion-MNIST gate's settings)</li>
 *   <li>{@code lenet5}: as mlp, 15 epochs (PyTorch reaches 0.900 test accuracy on Fashion-MNIST with these)</li>
 *   <li>{@code convnet}: as mlp, 15 epochs</li>
 * </ul>
 * {@code momentum} applies to sgd only; {@code weightDecay} to sgd, adam, adamw, adagrad and rmsprop.
 */
record Hyper(String optimizer, double lr, double momentum, double weightDecay, int batch, int epochs, int[] hidden) {
    static final List<Args.Opt> OPTS = List.of(
            new Args.Opt("epochs", "N", "epochs to train (seed: 30, mlp: 20, lenet5 and convnet: 15)"),
            new Args.Opt("batch", "B", "minibatch size (seed: 32, mlp: 128)"),
            new Args.Opt("lr", "X", "learning rate (seed: 0.02, mlp: 0.05; other optimizers: their own default)"),
            new Args.Opt("optimizer", "NAME", "sgd (default), adam, adamw, adagrad, rmsprop, adadelta or lbfgs"),
            new Args.Opt("momentum", "M", "sgd momentum, 0 <= M < 1 (default 0.9)"),
            new Args.Opt("weight-decay", "W", "L2 weight decay inside the optimizer (seed: 1e-3, mlp: 5e-4)"),
            new Args.Opt("hidden", "H[,H...]", "hidden layer sizes (seed: 128, mlp: 256,128)"));

    static Hyper from(Args a, String preset) {
        boolean seed = preset.equals("seed");
        String opt = a.choice("optimizer", "sgd", Optimizer.NAMES);
        if (a.has("momentum") && !opt.equals("sgd")) throw new CliException("--momentum applies to --optimizer sgd only");
        if (a.has("weight-decay") && (opt.equals("adadelta") || opt.equals("lbfgs"))) {
            throw new CliException("--weight-decay does not apply to --optimizer " + opt);
        }
        double dfltLr = opt.equals("sgd") ? (seed ? 0.02 : 0.05) : new Optimizer(opt, Config.of()).learningRate();
        return new Hyper(opt,
                a.real("lr", dfltLr, 0, true, 100),
                opt.equals("sgd") ? a.real("momentum", 0.9, 0, false, 0.999999) : 0,
                a.real("weight-decay", !opt.equals("sgd") ? 0 : seed ? 1e-3 : 5e-4, 0, false, 1),
                a.integer("batch", seed ? 32 : 128, 1, 1 << 20),
                a.integer("epochs", seed ? 30 : Models.IMAGE_PRESETS.contains(preset) ? 15 : 20, 1, 100_000),
                a.intList("hidden", Models.defaultHidden(seed ? "seed" : "mlp")));
    }

    Optimizer newOptimizer() {
        Config c = Config.of();
        c.set("learningRate", lr);
        if (optimizer.equals("sgd") && momentum > 0) c.set("momentum", momentum);
        if (weightDecay > 0) c.set("weightDecay", weightDecay);
        return new Optimizer(optimizer, c);
    }

    String describe() {
        StringBuilder s = new StringBuilder(optimizer).append(" lr ").append(lr);
        if (optimizer.equals("sgd")) s.append(" momentum ").append(momentum);
        if (weightDecay > 0) s.append(" weight decay ").append(weightDecay);
        return s.append(", batch ").append(batch).append(", ").append(epochs).append(" epochs").toString();
    }
}
