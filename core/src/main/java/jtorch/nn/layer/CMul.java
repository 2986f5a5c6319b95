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
 * Learnable per-element scale: y[b] = x[b] ⊙ w for every sample b. The weight has the per-sample shape
 * {@code sizes} (no batch dimension); input [B, s_1, ..., s_k] with sizes[d] = s_{d+1} or 1 (size-1 weight
 * dimensions broadcast). Initialised as Torch7: w ~ U(-1/√n, 1/√n), n = number of weights.
 * Backward: ∂L/∂x = g ⊙ w, ∂L/∂w += scale · Σ_{batch, broadcast dims} g ⊙ x.
 */
public class CMul extends Module implements TensorModule {
    public static final ModuleType<CMul> TYPE = ModuleType.of("CMul", CMul.class, m -> ModuleArgs.of("sizes", m.sizes),
            a -> new CMul(a.ints("sizes")));

    private final int[] sizes;
    private Tensor prod; // g ⊙ x scratch

    /** The weight shape (per sample). */
    public int[] sizes() { return sizes.clone(); }

    public CMul(int... sizes) {
        this.sizes = LayerShapes.positive("CMul", sizes);
        addParameter("weight", this.sizes);
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** Re-draws w ~ U(-1/√n, 1/√n) in place. */
    public CMul reset(Generator g) {
        double stdv = 1 / Math.sqrt(weight().numel());
        weight().copy(Tensor.rand(g, sizes).mulInPlace(2 * stdv).subInPlace(stdv));
        return this;
    }

    /** w, of the per-sample shape. */
    public Tensor weight() { return param("weight"); }
    /** ∂L/∂w. */
    public Tensor gradWeight() { return grad("weight"); }

    @Override public CMul clone() { return (CMul) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = LayerShapes.batchOf(name(), input, sizes, true);
        return x.mul(weight(), reuse(output, x, x.sizes()));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = LayerShapes.batchOf(name(), input, sizes, true), g = LayerShapes.grad(name(), gradOutput, x.sizes());
        return g.mul(weight(), reuse(gradInput, x, x.sizes()));
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor x = LayerShapes.batchOf(name(), input, sizes, true), g = LayerShapes.grad(name(), gradOutput, x.sizes());
        prod = g.mul(x, reuse(prod, x, x.sizes()));
        gradWeight().addInPlace(scale, LayerShapes.sumTo(prod, sizes));
    }


    @Override protected void clearOwnState() { prod = null; }

    @Override public String name() { return "CMul" + Arrays.toString(sizes).replace('[', '(').replace(']', ')'); }
}
