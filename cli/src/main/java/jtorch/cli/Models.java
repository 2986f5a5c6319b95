package jtorch.cli;

import java.nio.file.Path;
import java.util.List;
import jtorch.data.Normalizer;
import jtorch.io.Model;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.activation.Tanh;
import jtorch.nn.conv.ConvNet;
import jtorch.nn.conv.LeNet5;
import jtorch.nn.layer.Add;
import jtorch.nn.layer.CMul;
import jtorch.nn.layer.Linear;
import jtorch.nn.layer.Reshape;
import jtorch.tensor.Tensor;

/**
 * The {@code --model} presets and the standardisation wrapper of saved models.
 * <ul>
 *   <li>{@code seed}: the seed material's net, Reshape(F) → Linear(F, h) → Tanh → Linear(h, C) → LogSoftMax</li>
 *   <li>{@code mlp}: Linear(F, h₁) → ReLU → Linear(h₁, h₂) → ReLU → ... → Linear(hₖ, C) → LogSoftMax
 *       (default 256, 128: the 784-256-128-10 MLP of the Fashion-MNIST gate)</li>
 *   <li>{@code lenet5}: {@link LeNet5} (5×5 conv 6 → 2×2 max pool → 5×5 conv 16 → 2×2 max pool → 120 → 84 → C, Tanh)
 *       for 28×28 images given as 784 features</li>
 *   <li>{@code convnet}: {@link ConvNet} (three 3×3 conv–batch-norm–ReLU–2×2 max-pool blocks of 16, 32, 96 channels,
 *       dropout 0.3, Linear(864, C)) for 28×28 images given as 784 features</li>
 * </ul>
 * Training runs on standardised inputs x' = (x − mean) / std (statistics of the training split). The saved model file
 * takes raw inputs: it is Sequential(Add(−mean), CMul(1 / std), net), so {@code Model.load(file).forward(x)} needs no
 * side information. {@link #unwrap} recognises that form again (to evaluate it or to train it further with the same
 * standardisation, which then stays fixed).
 */
final class Models {
    private Models() {}

    static final List<String> PRESETS = List.of("seed", "mlp", "lenet5", "convnet");

    /** The presets for 28×28 images (no --hidden). */
    static final List<String> IMAGE_PRESETS = List.of("lenet5", "convnet");

    static Module preset(String name, int features, int classes, int[] hidden) {
        if (IMAGE_PRESETS.contains(name)) {
            if (features != 784) throw new CliException("--model " + name + " takes 28x28 images (784 features), the data has "
                    + features + " features");
            return name.equals("lenet5") ? LeNet5.build(classes) : ConvNet.build(classes);
        }
        Sequential m = new Sequential();
        switch (name) {
            case "seed" -> {
                if (hidden.length != 1) throw new CliException("--hidden: the seed net has one hidden layer, got " + hidden.length + " sizes");
                m.add(new Reshape(features)).add(new Linear(features, hidden[0])).add(new Tanh()).add(new Linear(hidden[0], classes));
            }
            case "mlp" -> {
                int in = features;
                for (int h : hidden) {
                    m.add(new Linear(in, h)).add(new ReLU());
                    in = h;
                }
                m.add(new Linear(in, classes));
            }
            default -> throw new AssertionError(name);
        }
        return m.add(new LogSoftMax());
    }

    static int[] defaultHidden(String preset) { return preset.equals("seed") ? new int[] {128} : new int[] {256, 128}; }

    /** A network and the standardisation its inputs get (null: none). */
    record Net(Module net, Normalizer normalizer) {
        /** The self-contained form: Sequential(Add(−mean), CMul(1/std), net). */
        Module wrapped() {
            if (normalizer == null) return net;
            int f = normalizer.mean().numel();
            Add shift = new Add(f);
            shift.bias().copy(normalizer.mean().view(f).mul(-1));
            CMul scale = new CMul(f);
            scale.weight().copy(Tensor.ones(f).div(normalizer.std().view(f)));
            return new Sequential().add(shift).add(scale).add(net);
        }
    }

    /** Splits a model written by {@link Net#wrapped()} back into its standardisation and its net; others as they are. */
    static Net unwrap(Module m) {
        if (m instanceof Sequential s && s.children().size() == 3 && s.children().get(0) instanceof Add shift
                && s.children().get(1) instanceof CMul scale) {
            Tensor b = shift.bias(), w = scale.weight();
            if (b.dim() == 1 && w.dim() == 1 && b.size(0) == w.size(0)) {
                int f = b.size(0);
                Tensor mean = b.mul(-1).view(1, f).clone(), std = Tensor.ones(f).div(w).view(1, f).clone();
                return new Net(s.children().get(2), new Normalizer(mean, std));
            }
        }
        return new Net(m, null);
    }

    static Module load(String option, String file) {
        Path p = Args.existingFile(option, file);
        return Model.load(p);
    }
}
