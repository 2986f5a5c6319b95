package jtorch.nn.norm;

import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Batch normalisation (Ioffe and Szegedy 2015), the shared body of {@link BatchNormalization} ([B, C]),
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
    private Tensor mean, invstd; // [C] statistics used by the last forward
    private Tensor[] pending; // the sums of updateGradInput, for the accGradParameters that follows it in backward
    private Activity pendingFor; // ... on this gradOutput

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

    /** x as [B, C, L] (a view when x is contiguous). */
    private Tensor three(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != rank || x.size(1) != channels) throw new IllegalArgumentException(name() + ": expected input "
                + expected() + ", got " + x.shape());
        return x.reshape(x.size(0), channels, x.numel() / Math.max(1, x.size(0) * channels));
    }

    /*
     * Computed per channel by the Backend's channel kernels, without a normalised copy of x: y = x·a + s with
     * a = γ/√(σ² + ε), s = β - μ·a, and ∂L/∂x = g·a + m + x·k with k = -a·Σ(g ⊙ x̂)/(n·σ') and m = -a·Σg/n - μ·k
     * (σ' = √(σ² + ε)), which is γ/σ' · (g - mean(g) - x̂·mean(g ⊙ x̂)) expanded. Per-channel vectors are [C].
     */
    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name()), x3 = three(input);
        int n = x3.size(0) * x3.size(2);
        if (train) {
            if (n < 2) throw new IllegalArgumentException(name() + ": training needs more than one value per channel, got"
                    + " input " + x.shape() + " (use evaluate() for a single sample)");
            mean = Tensor.zeros(x3.backend(), x3.dtype(), channels);
            Tensor var = mean.zerosLike();
            x3.backend().channelMoments(x3, mean, var);
            invstd = var.add(eps).sqrtInPlace().reciprocal();
            runningMean().mulInPlace(1 - momentum).addInPlace(momentum, mean);
            runningVar().mulInPlace(1 - momentum).addInPlace(momentum * n / (n - 1.0), var);
        } else {
            mean = runningMean().clone();
            invstd = runningVar().add(eps).sqrtInPlace().reciprocal();
        }
        Tensor a = scale();
        Tensor b = mean.mul(a).negInPlace();
        if (affine) b.addInPlace(bias());
        Tensor y = reuse(output, x, x.sizes());
        x3.backend().channelAffine(y.view(x3.sizes()), x3, a, b, null, null);
        pending = null;
        pendingFor = null;
        return y;
    }

    /** a = γ/σ' per channel (1/σ' without affine). */
    private Tensor scale() { return affine ? invstd.mul(weight()) : invstd; }

    private Tensor grad3(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name()), g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the input's shape " + Arrays.toString(x.sizes()));
        if (mean == null) throw new IllegalStateException(name() + ": backward before forward");
        return g.reshape(x.size(0), channels, x.numel() / Math.max(1, x.size(0) * channels));
    }

    /** Σg and Σ(g ⊙ x̂) per channel [C]. */
    private Tensor[] sums(Tensor x3, Tensor g3) {
        Tensor sg = Tensor.zeros(x3.backend(), x3.dtype(), channels), sgx = sg.zerosLike();
        x3.backend().channelDots(g3, x3, mean, sg, sgx);
        return new Tensor[] {sg, sgx.mulInPlace(invstd)}; // Σ g (x - μ)/σ'
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name()), x3 = three(input), g3 = grad3(input, gradOutput);
        Tensor a = scale();
        Tensor gi = reuse(gradInput, x, x.sizes()), gi3 = gi.view(g3.sizes());
        if (train) {
            int n = x3.size(0) * x3.size(2);
            Tensor[] s = sums(x3, g3);
            pending = s; // backward's accGradParameters reuses them
            pendingFor = gradOutput;
            Tensor k = a.mul(invstd).mulInPlace(s[1]).divInPlace(-n);          // -a/σ' · Σ(g x̂)/n
            Tensor m = a.mul(s[0]).divInPlace(-n).subInPlace(mean.mul(k));     // -a·Σg/n - μ·k
            x3.backend().channelAffine(gi3, g3, a, m, x3, k);
        } else {
            x3.backend().channelAffine(gi3, g3, a, a.zerosLike(), null, null);
        }
        return gi;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        if (!affine) return;
        Tensor x3 = three(input), g3 = grad3(input, gradOutput);
        Tensor[] s = pending != null && pendingFor == gradOutput ? pending : sums(x3, g3);
        pending = null;
        pendingFor = null;
        gradWeight().addInPlace(scale, s[1]);
        gradBias().addInPlace(scale, s[0]);
    }

    @Override protected void clearOwnState() { mean = invstd = null; pending = null; pendingFor = null; }

    /** Torch7's {@code nn.BatchNormalization (2D) (10)}. */
    @Override public String name() {
        return type + " (" + rank + "D) (" + channels + (affine ? "" : ", without affine") + ")";
    }
}
