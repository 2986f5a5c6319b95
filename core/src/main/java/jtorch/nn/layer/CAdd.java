package jtorch.nn.layer;

import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Learnable bias, broadcast: y[b] = x[b] + β for every sample b. The bias has the per-sample shape {@code sizes}
 * (no batch dimension); input [B, s_1, ..., s_k] with sizes[d] = s_{d+1} or 1 (size-1 bias dimensions broadcast,
 * e.g. {@code CAdd(C, 1, 1)} is a per-channel bias of an NCHW batch). Initialised as Torch7: β ~ U(-1/√n, 1/√n),
 * n = number of bias elements. Backward: ∂L/∂x = g, ∂L/∂β += scale · Σ_{batch, broadcast dims} g.
 */
public class CAdd extends Module implements TensorModule {
    public static final ModuleType<CAdd> TYPE = ModuleType.of("CAdd", CAdd.class, m -> ModuleArgs.of("sizes", m.sizes),
            a -> new CAdd(a.ints("sizes")));

    protected final int[] sizes;
    private final boolean broadcast;

    /** The bias shape (per sample). */
    public int[] sizes() { return sizes.clone(); }

    public CAdd(int... sizes) { this(true, sizes); }

    /** {@code broadcast = false}: the input's per-sample shape must equal sizes exactly ({@link Add}). */
    protected CAdd(boolean broadcast, int... sizes) {
        this.sizes = LayerShapes.positive(getClass().getSimpleName(), sizes);
        this.broadcast = broadcast;
        addParameter("bias", this.sizes);
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** Re-draws β ~ U(-1/√n, 1/√n) in place. */
    public CAdd reset(Generator g) {
        double stdv = 1 / Math.sqrt(bias().numel());
        bias().copy(Tensor.rand(g, sizes).mulInPlace(2 * stdv).subInPlace(stdv));
        return this;
    }

    /** β, of the per-sample shape. */
    public Tensor bias() { return param("bias"); }
    /** ∂L/∂β. */
    public Tensor gradBias() { return grad("bias"); }

    @Override public CAdd clone() { return (CAdd) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = LayerShapes.batchOf(name(), input, sizes, broadcast);
        return x.add(bias(), reuse(output, x, x.sizes()));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = LayerShapes.batchOf(name(), input, sizes, broadcast);
        return LayerShapes.grad(name(), gradOutput, x.sizes());
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor x = LayerShapes.batchOf(name(), input, sizes, broadcast);
        Tensor g = LayerShapes.grad(name(), gradOutput, x.sizes());
        gradBias().addInPlace(scale, LayerShapes.sumTo(g, sizes));
    }


    @Override public String name() {
        return getClass().getSimpleName() + Arrays.toString(sizes).replace('[', '(').replace(']', ')');
    }
}
