package jtorch.nn.layer;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * y = w · x with one learnable scalar w (weight of shape [1]), any input shape. Initialised as Torch7: w ~ U(-1, 1).
 * Backward: ∂L/∂x = w · g, ∂L/∂w += scale · Σ g ⊙ x.
 */
public class Mul extends Module implements TensorModule {
    public static final ModuleType<Mul> TYPE = ModuleType.of("Mul", Mul.class, Mul::new);

    private Tensor prod; // g ⊙ x scratch

    public Mul() {
        addParameter("weight", 1);
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** Re-draws w ~ U(-1, 1) in place (Torch7: stdv = 1/√1). */
    public Mul reset(Generator g) {
        weight().copy(Tensor.rand(g, 1).mulInPlace(2).subInPlace(1));
        return this;
    }

    /** w, shape [1]. */
    public Tensor weight() { return param("weight"); }
    /** ∂L/∂w. */
    public Tensor gradWeight() { return grad("weight"); }

    @Override public Mul clone() { return (Mul) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        return x.mul(weight(), reuse(output, x, x.sizes()));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name()), g = LayerShapes.grad(name(), gradOutput, x.sizes());
        return g.mul(weight(), reuse(gradInput, x, x.sizes()));
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor x = input.toTensor(name()), g = LayerShapes.grad(name(), gradOutput, x.sizes());
        prod = g.mul(x, reuse(prod, x, x.sizes()));
        gradWeight().addInPlace(scale * prod.sum());
    }


    @Override protected void clearOwnState() { prod = null; }
}
