package jtorch.nn.layer;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.nn.TensorModule;
import jtorch.backend.ReduceOp;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Inserts a new dimension of size n at {@code dim} and repeats the input along it without copying (a stride-0
 * expand, Torch7's Replicate(nFeature, dim)): y[..., k, ...] = x for k in [0, n). {@code dim} counts the full
 * tensor dimensions, batch included, so it is in [1, x.dim()] (the batch stays dimension 0): a batch [B, F] with
 * {@code Replicate(3, 1)} gives [B, 3, F]. Backward: ∂L/∂x = Σ_k gradOutput along dim.
 */
public class Replicate extends Module implements TensorModule {
    public static final ModuleType<Replicate> TYPE = ModuleType.of("Replicate", Replicate.class,
            m -> ModuleArgs.of("nFeatures", m.nFeatures(), "dim", m.dim()),
            a -> new Replicate(a.integer("nFeatures"), a.integer("dim")));

    @Override public Replicate clone() { return (Replicate) super.clone(); }

    private final int nFeatures, dim;

    public int nFeatures() { return nFeatures; }

    public int dim() { return dim; }

    /** Replicate(n, 1): repeats each sample n times right after the batch dimension. */
    public Replicate(int nFeatures) { this(nFeatures, 1); }

    public Replicate(int nFeatures, int dim) {
        if (nFeatures < 1) throw new IllegalArgumentException("Replicate: nFeatures must be positive, got " + nFeatures);
        if (dim < 1) throw new IllegalArgumentException("Replicate: dim must be >= 1 (dim 0 is the batch), got " + dim);
        this.nFeatures = nFeatures;
        this.dim = dim;
    }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() < 1 || dim > x.dim()) throw new IllegalArgumentException(name() + ": cannot insert dimension " + dim
                + " into an input of shape " + x.shape() + " (needs at least " + dim + " dimensions, batch first)");
        return x;
    }

    private int[] outSizes(Tensor x) {
        int[] s = x.unsqueeze(dim).sizes();
        s[dim] = nFeatures;
        return s;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        return x.unsqueeze(dim).expand(outSizes(x));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = LayerShapes.grad(name(), gradOutput, outSizes(x));
        Tensor gi = reuse(gradInput, x, x.sizes());
        x.backend().reduce(ReduceOp.SUM, gi.unsqueeze(dim), g, dim);
        return gi;
    }

    @Override public String name() { return "Replicate(" + nFeatures + ", " + dim + ")"; }
}
