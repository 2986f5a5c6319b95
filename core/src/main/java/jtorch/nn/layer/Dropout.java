package jtorch.nn.layer;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.nn.TensorModule;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * Inverted dropout (Torch7's default "v2"). In training: y = x ⊙ m with m_i = 1/(1-p) with probability 1-p and 0
 * with probability p, drawn from the module's {@link Generator} in row-major order; in {@link #evaluate()} mode
 * y = x (the input object itself), so no rescaling is needed at test time. Any input shape.
 * Backward: ∂L/∂x = gradOutput ⊙ m (the mask of the last forward); gradOutput itself in evaluate mode.
 * <p>{@link #freezeNoise(boolean)} keeps the current mask for later forwards of the same shape, so a
 * finite-difference check sees a deterministic function.
 */
public class Dropout extends Module implements TensorModule {
    public static final ModuleType<Dropout> TYPE = ModuleType.of("Dropout", Dropout.class,
            m -> ModuleArgs.of("p", m.p()),
            a -> new Dropout(a.number("p")));

    @Override public Dropout clone() { return (Dropout) super.clone(); }

    private final double p;
    private final Generator generator;
    private boolean frozen;
    private Tensor mask;

    /** Dropout(0.5). */
    public Dropout() { this(0.5); }

    public Dropout(double p) { this(p, Generator.global()); }

    public Dropout(double p, Generator generator) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        if (generator == null) throw new IllegalArgumentException("Dropout: null generator");
        this.p = p;
        this.generator = generator;
    }

    public double p() { return p; }

    /** While frozen, training forwards reuse the last mask when the input shape is unchanged; returns this. */
    public Dropout freezeNoise(boolean freeze) { frozen = freeze; return this; }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        if (!train) return x;
        boolean keep = frozen && mask != null && mask.sameShape(x) && mask.dtype() == x.dtype();
        if (!keep) drawMask(x);
        return x.mul(mask, reuse(output, x, x.sizes()));
    }

    private void drawMask(Tensor x) {
        mask = reuse(mask, x, x.sizes());
        double keepP = 1 - p, scale = 1 / keepP;
        if (mask.storage() instanceof HeapStorage h && mask.isContiguous()) {
            int n = mask.numel(), off = mask.offset();
            if (h.dtype() == DType.F32) {
                float[] a = h.floats();
                float s = (float) scale;
                for (int i = 0; i < n; i++) a[off + i] = generator.nextDouble() < keepP ? s : 0f;
            } else {
                for (int i = 0; i < n; i++) h.set(off + i, generator.nextDouble() < keepP ? scale : 0);
            }
        } else {
            mask.copy(Tensor.bernoulli(x.dtype(), generator, keepP, x.sizes()).mulInPlace(scale));
        }
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name());
        Tensor g = LayerShapes.grad(name(), gradOutput, x.sizes());
        if (!train) return g;
        if (mask == null || !mask.sameShape(x)) throw new IllegalStateException(name()
                + ": backward without a training forward on this input shape");
        return g.mul(mask, reuse(gradInput, x, x.sizes()));
    }

    @Override protected void clearOwnState() { mask = null; }

    @Override public String name() { return "Dropout(" + p + ")"; }
}
