package jtorch.nn.attention;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * A learned absolute position embedding (GPT's {@code wpe}): y[t, b, :] = x[t, b, :] + W[t, :] for t from 0.
 * Input and output [T, B, d], T ≤ maxLength. Parameter {@code weight} W [maxLength, d], initialised N(0, 0.02²) as
 * GPT-2 / nanoGPT. Backward: ∂L/∂x = g, ∂L/∂W[t] += scale · Σ_b g[t, b].
 */
public class LearnedPositionalEncoding extends Module implements TensorModule {
    public static final ModuleType<LearnedPositionalEncoding> TYPE = ModuleType.of("LearnedPositionalEncoding",
            LearnedPositionalEncoding.class, m -> ModuleArgs.of("maxLength", m.maxLength, "size", m.d),
            a -> new LearnedPositionalEncoding(a.integer("maxLength"), a.integer("size")));
    private final int maxLength, d;

    public LearnedPositionalEncoding(int maxLength, int size) {
        if (size < 1 || maxLength < 1) throw new IllegalArgumentException("LearnedPositionalEncoding: size and "
                + "maxLength must be positive, got " + maxLength + ", " + size);
        this.maxLength = maxLength;
        this.d = size;
        addParameter("weight", maxLength, size);
        if (drawInitialWeights()) weight().copy(Tensor.randn(Generator.global(), maxLength, size).mulInPlace(0.02));
    }

    public Tensor weight() { return param("weight"); }
    public Tensor gradWeight() { return grad("weight"); }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 3 || x.size(2) != d || x.size(0) > maxLength) throw new IllegalArgumentException(name()
                + ": expected [T, B, " + d + "] with T <= " + maxLength + ", got " + x.shape());
        return x;
    }

    @Override public LearnedPositionalEncoding clone() { return (LearnedPositionalEncoding) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        return x.add(weight().narrow(0, 0, x.size(0)).view(x.size(0), 1, d), reuse(output, x, x.sizes()));
    }

    private Tensor g(Tensor x, Activity gradOutput) {
        Tensor g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": gradOutput " + g.shape() + " differs from "
                + "the input " + x.shape());
        return g;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) { return g(in(input), gradOutput); }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor x = in(input);
        gradWeight().narrow(0, 0, x.size(0)).addInPlace(scale, g(x, gradOutput).sum(1, false));
    }

    @Override public String name() { return "LearnedPositionalEncoding(" + maxLength + ", " + d + ")"; }
}
