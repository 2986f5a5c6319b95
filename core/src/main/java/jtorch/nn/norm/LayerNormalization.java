package jtorch.nn.norm;

import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Layer normalisation (Ba et al. 2016), as PyTorch's {@code nn.LayerNorm(normalizedShape, eps, elementwise_affine)}:
 * each sample is standardised over its last k dimensions, which must equal {@code normalizedShape} [s_1..s_k]:
 * y = (x - μ)/√(σ² + ε) ⊙ γ + β with μ, σ² (biased) over those K = Π s_i values, γ ({@code weight}, init 1) and β
 * ({@code bias}, init 0; left out with {@code bias = false}) of shape normalizedShape when affine. Input [B, *, s_1..s_k]. The same in training and
 * evaluation. Backward: ∂L/∂x = (1/√(σ² + ε)) · (h - mean(h) - x̂ · mean(h ⊙ x̂)) with h = g ⊙ γ;
 * ∂L/∂γ += Σ g ⊙ x̂, ∂L/∂β += Σ g (sums over all leading positions). Computed by the back end's fused
 * {@link jtorch.backend.Backend#layerNorm} kernels on the [M, K] rows.
 */
public class LayerNormalization extends Module implements TensorModule {
    public static final ModuleType<LayerNormalization> TYPE = ModuleType.of("LayerNormalization", LayerNormalization.class,
            m -> ModuleArgs.of("normalizedShape", m.shape, "eps", m.eps, "affine", m.affine, "bias", m.withBias),
            a -> new LayerNormalization(a.ints("normalizedShape"), a.number("eps"), a.bool("affine"),
                    !a.has("bias") || a.bool("bias")));
    private final int[] shape;
    private final int size;
    private final double eps;
    private final boolean affine, withBias;
    private Tensor xhat, invstd; // [M, K], [M, 1] of the last forward, reused

    /** eps 1e-5, affine. */
    public LayerNormalization(int... normalizedShape) { this(normalizedShape, 1e-5, true); }

    public LayerNormalization(int[] normalizedShape, double eps, boolean affine) { this(normalizedShape, eps, affine, true); }

    /** PyTorch's {@code nn.LayerNorm(normalizedShape, eps, elementwise_affine=affine, bias=bias)}: β only if both. */
    public LayerNormalization(int[] normalizedShape, double eps, boolean affine, boolean bias) {
        if (normalizedShape == null || normalizedShape.length == 0) throw new IllegalArgumentException(
                "LayerNormalization: the normalized shape needs at least one size");
        int k = 1;
        for (int s : normalizedShape) {
            if (s < 1) throw new IllegalArgumentException("LayerNormalization: sizes must be positive, got "
                    + Arrays.toString(normalizedShape));
            k *= s;
        }
        if (!(eps > 0)) throw new IllegalArgumentException("LayerNormalization: eps must be positive, got " + eps);
        this.shape = normalizedShape.clone();
        this.size = k;
        this.eps = eps;
        this.affine = affine;
        this.withBias = affine && bias;
        if (affine) {
            addParameter("weight", shape);
            if (withBias) addParameter("bias", shape);
            if (drawInitialWeights()) weight().fillInPlace(1);
        }
    }

    public Tensor weight() { return affine ? param("weight") : null; }
    public Tensor gradWeight() { return affine ? grad("weight") : null; }
    /** β, or null without affine or without bias. */
    public Tensor bias() { return withBias ? param("bias") : null; }
    public Tensor gradBias() { return withBias ? grad("bias") : null; }

    /** x as [M, K]. */
    private Tensor rowsOf(Activity input) {
        Tensor x = input.toTensor(name());
        boolean ok = x.dim() >= shape.length + 1;
        for (int i = 0; ok && i < shape.length; i++) ok = x.size(x.dim() - shape.length + i) == shape[i];
        if (!ok) throw new IllegalArgumentException(name() + ": expected input [B, *, " + join(shape) + "], got " + x.shape());
        return x.reshape(x.numel() / size, size);
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name()), x2 = rowsOf(input);
        xhat = reuse(xhat, x2, x2.sizes());
        invstd = reuse(invstd, x2, x2.size(0), 1);
        Tensor y = reuse(output, x, x.sizes());
        x2.backend().layerNorm(y.view(x2.sizes()), xhat, invstd, x2, affine ? weight().view(size) : null,
                withBias ? bias().view(size) : null, eps);
        return y;
    }

    private Tensor grad2(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name()), g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the input's shape " + Arrays.toString(x.sizes()));
        return g.reshape(x.numel() / size, size);
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name()), g2 = grad2(input, gradOutput);
        checkForward(g2);
        Tensor gi = reuse(gradInput, x, x.sizes());
        g2.backend().layerNormBackward(gi.view(g2.sizes()), g2, xhat, invstd, affine ? weight().view(size) : null);
        return gi;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        if (!affine) return;
        Tensor g2 = grad2(input, gradOutput);
        checkForward(g2);
        g2.backend().layerNormParams(gradWeight().view(size), withBias ? gradBias().view(size) : null, g2, xhat, scale);
    }

    private void checkForward(Tensor g2) {
        if (xhat == null || !xhat.sameShape(g2) || xhat.dtype() != g2.dtype()) throw new IllegalStateException(name()
                + ": backward on gradOutput " + g2.shape() + " needs a forward on an input of that shape first");
    }

    @Override protected void clearOwnState() {
        xhat = invstd = null;
    }

    @Override public LayerNormalization clone() { return (LayerNormalization) super.clone(); }

    private static String join(int[] s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length; i++) sb.append(i == 0 ? "" : ", ").append(s[i]);
        return sb.toString();
    }

    @Override public String name() {
        return "LayerNormalization(" + join(shape).replace(", ", "x") + (affine ? "" : ", without affine") + (affine && !withBias ? ", without bias" : "") + ")";
    }
}
