package jtorch.nn.norm;

import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Batch normalisation (Ioffe & Szegedy 2015), the shared body of {@link BatchNormalization} ([B, C]),
 * {@link SpatialBatchNormalization} ([B, C, H, W]) and {@link VolumetricBatchNormalization} ([B, C, D, H, W]).
 * Statistics per channel c over the batch and all positions (n values): in training mode
 * y = γ_c · (x - μ_c)/√(σ²_c + ε) + β_c with the batch mean μ_c and biased variance σ²_c, and the running statistics
 * (persistent buffers {@code running_mean}, {@code running_var}, saved with the model) move by
 * r ← (1 - momentum)·r + momentum·s, the variance with the unbiased σ²·n/(n - 1) (as Torch7 and PyTorch); in
 * {@link #evaluate()} mode the running statistics replace the batch ones. γ ({@code weight}, init 1) and β
 * ({@code bias}, init 0) exist when affine. Backward (training): ∂L/∂x = γ/√(σ² + ε) · (g - mean(g) - x̂·mean(g ⊙ x̂)),
 * ∂L/∂γ += Σ g ⊙ x̂, ∂L/∂β += Σ g; in evaluation mode ∂L/∂x = g · γ/√(r_var + ε).
 */
public abstract class BatchNorm extends Module implements TensorModule {
    private final String type;
    private final int rank;
    final int channels;
    final double eps, momentum;
    final boolean affine;
    private RowStandardizer rows = new RowStandardizer(); // scratch: each clone gets its own
    private Tensor xhat3, invstd3; // [B, C, L] and [1, C, 1] of the last forward

    BatchNorm(String type, int rank, int channels, double eps, double momentum, boolean affine) {
        if (channels < 1) throw new IllegalArgumentException(type + ": the number of channels must be positive, got " + channels);
        if (!(eps > 0)) throw new IllegalArgumentException(type + ": eps must be positive, got " + eps);
        if (!(momentum >= 0 && momentum <= 1)) throw new IllegalArgumentException(type + ": momentum must be in [0, 1], got "
                + momentum);
        this.type = type;
        this.rank = rank;
        this.channels = channels;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        if (affine) {
            addParameter("weight", channels);
            addParameter("bias", channels);
            if (drawInitialWeights()) weight().fillInPlace(1);
        }
        addBuffer("running_mean", Tensor.zeros(channels));
        addBuffer("running_var", Tensor.ones(channels));
    }

    /** γ [C], or null when not affine. */
    public Tensor weight() { return affine ? param("weight") : null; }
    public Tensor gradWeight() { return affine ? grad("weight") : null; }
    /** β [C], or null when not affine. */
    public Tensor bias() { return affine ? param("bias") : null; }
    public Tensor gradBias() { return affine ? grad("bias") : null; }
    /** The running mean [C] (a persistent buffer). */
    public Tensor runningMean() { return buffer("running_mean"); }
    /** The running (unbiased) variance [C] (a persistent buffer). */
    public Tensor runningVar() { return buffer("running_var"); }

    private String expected() {
        return switch (rank) { case 2 -> "[B, " + channels + "]"; case 4 -> "[B, " + channels + ", H, W]";
            default -> "[B, " + channels + ", D, H, W]"; };
    }

    /** x as [B, C, L]. */
    private Tensor three(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != rank || x.size(1) != channels) throw new IllegalArgumentException(name() + ": expected input "
                + expected() + ", got " + x.shape());
        return x.reshape(x.size(0), channels, x.numel() / Math.max(1, x.size(0) * channels));
    }

    private Tensor perChannel(Tensor v) { return v.view(1, channels, 1); }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name()), x3 = three(input);
        int n = x3.size(0) * x3.size(2);
        if (train) {
            if (n < 2) throw new IllegalArgumentException(name() + ": training needs more than one value per channel, got"
                    + " input " + x.shape() + " (use evaluate() for a single sample)");
            Tensor xt = x3.permute(1, 0, 2).reshape(channels, n); // [C, n]
            Tensor xh = rows.forward(xt, eps);
            xhat3 = xh.view(channels, x3.size(0), x3.size(2)).permute(1, 0, 2);
            invstd3 = perChannel(rows.invstd);
            runningMean().mulInPlace(1 - momentum).addInPlace(momentum, rows.mean.view(channels));
            runningVar().mulInPlace(1 - momentum).addInPlace(momentum * n / (n - 1.0), rows.var.view(channels));
        } else {
            invstd3 = perChannel(runningVar().add(eps).sqrtInPlace().reciprocal());
            xhat3 = x3.sub(perChannel(runningMean())).mulInPlace(invstd3);
        }
        Tensor y = reuse(output, x, x.sizes());
        Tensor y3 = y.view(x3.sizes());
        if (affine) y3.copy(xhat3.mul(perChannel(weight())).addInPlace(perChannel(bias())));
        else y3.copy(xhat3);
        return y;
    }

    private Tensor grad3(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name()), g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the input's shape " + Arrays.toString(x.sizes()));
        return g.reshape(xhat3.sizes());
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name()), g3 = grad3(input, gradOutput);
        Tensor h = affine ? g3.mul(perChannel(weight())) : g3;
        Tensor gx3;
        if (train) {
            int b = g3.size(0), l = g3.size(2);
            Tensor gt = rows.backward(h.permute(1, 0, 2).reshape(channels, b * l));
            gx3 = gt.view(channels, b, l).permute(1, 0, 2);
        } else {
            gx3 = h.mul(invstd3);
        }
        Tensor gi = reuse(gradInput, x, x.sizes());
        gi.view(g3.sizes()).copy(gx3);
        return gi;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        if (!affine) return;
        Tensor g3 = grad3(input, gradOutput);
        gradWeight().addInPlace(scale, g3.mul(xhat3).sum(2, true).sum(0, true).view(channels));
        gradBias().addInPlace(scale, g3.sum(2, true).sum(0, true).view(channels));
    }

    @Override protected void clearOwnState() { rows = new RowStandardizer(); xhat3 = invstd3 = null; }

    /** Torch7's {@code nn.BatchNormalization (2D) (10)}. */
    @Override public String name() {
        return type + " (" + rank + "D) (" + channels + (affine ? "" : ", without affine") + ")";
    }
}
