package jtorch.nn.norm;

import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Group normalisation (Wu and He 2018), as PyTorch's {@code nn.GroupNorm(numGroups, numChannels, eps, affine)}: the C
 * channels of each sample are split into G groups of C/G consecutive channels, and each group is standardised over
 * its channels and all positions: y = (x - μ_g)/√(σ²_g + ε) · γ_c + β_c (σ² biased), γ ({@code weight}, init 1) and
 * β ({@code bias}, init 0) per channel when affine. Input [B, C, *] (rank ≥ 2). The same in training and evaluation.
 * G = 1 is layer normalisation over (C, *), G = C instance normalisation. Backward as {@link LayerNormalization}
 * within each group.
 */
public class GroupNormalization extends Module implements TensorModule {
    public static final ModuleType<GroupNormalization> TYPE = ModuleType.of("GroupNormalization", GroupNormalization.class,
            m -> ModuleArgs.of("numGroups", m.groups, "numChannels", m.channels, "eps", m.eps, "affine", m.affine),
            a -> new GroupNormalization(a.integer("numGroups"), a.integer("numChannels"), a.number("eps"), a.bool("affine")));
    private final int groups, channels;
    private final double eps;
    private final boolean affine;
    private RowStandardizer rows = new RowStandardizer();

    /** eps 1e-5, affine. */
    public GroupNormalization(int numGroups, int numChannels) { this(numGroups, numChannels, 1e-5, true); }

    public GroupNormalization(int numGroups, int numChannels, double eps, boolean affine) {
        if (numGroups < 1 || numChannels < 1 || numChannels % numGroups != 0) throw new IllegalArgumentException(
                "GroupNormalization: the channels must split into equal groups, got " + numChannels + " channels in "
                        + numGroups + " groups");
        if (!(eps > 0)) throw new IllegalArgumentException("GroupNormalization: eps must be positive, got " + eps);
        this.groups = numGroups;
        this.channels = numChannels;
        this.eps = eps;
        this.affine = affine;
        if (affine) {
            addParameter("weight", channels);
            addParameter("bias", channels);
            if (drawInitialWeights()) weight().fillInPlace(1);
        }
    }

    public Tensor weight() { return affine ? param("weight") : null; }
    public Tensor gradWeight() { return affine ? grad("weight") : null; }
    public Tensor bias() { return affine ? param("bias") : null; }
    public Tensor gradBias() { return affine ? grad("bias") : null; }

    private Tensor check(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() < 2 || x.size(1) != channels) throw new IllegalArgumentException(name() + ": expected input [B, "
                + channels + ", *], got " + x.shape());
        return x;
    }

    /** Positions per channel. */
    private static int positions(Tensor x) { return x.numel() / Math.max(1, x.size(0) * x.size(1)); }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = check(input);
        int b = x.size(0), l = positions(x);
        Tensor xh = rows.forward(x.reshape(b * groups, channels / groups * l), eps).view(b, channels, l);
        Tensor y = reuse(output, x, x.sizes()), y3 = y.view(b, channels, l);
        if (affine) y3.copy(xh.mul(weight().view(1, channels, 1)).addInPlace(bias().view(1, channels, 1)));
        else y3.copy(xh);
        return y;
    }

    private Tensor grad3(Activity input, Activity gradOutput) {
        Tensor x = check(input), g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the input's shape " + Arrays.toString(x.sizes()));
        return g.reshape(x.size(0), channels, positions(x));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = check(input), g3 = grad3(input, gradOutput);
        Tensor h = affine ? g3.mul(weight().view(1, channels, 1)) : g3;
        Tensor gx = rows.backward(h.reshape(rows.xhat.sizes()));
        Tensor gi = reuse(gradInput, x, x.sizes());
        gi.view(gx.sizes()).copy(gx);
        return gi;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        if (!affine) return;
        Tensor g3 = grad3(input, gradOutput), xh = rows.xhat.view(g3.sizes());
        gradWeight().addInPlace(scale, g3.mul(xh).sum(2, false).sum(0, false));
        gradBias().addInPlace(scale, g3.sum(2, false).sum(0, false));
    }

    @Override protected void clearOwnState() { rows = new RowStandardizer(); }

    @Override public GroupNormalization clone() { return (GroupNormalization) super.clone(); }

    @Override public String name() {
        return "GroupNormalization(" + groups + " groups, " + channels + (affine ? "" : ", without affine") + ")";
    }
}
