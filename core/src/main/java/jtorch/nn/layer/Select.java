package jtorch.nn.layer;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.nn.TensorModule;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * y = x.select(dim, index): the slice at {@code index} along {@code dim}, which the output drops (a view).
 * {@code dim} counts the full tensor dimensions, batch included. dim 0 is allowed (as in Torch7): it picks one
 * sample of a batch, or one time step of a [T, B, F] sequence (e.g. {@code Select(0, -1)}, the last step); a
 * negative index counts from the end. Backward: ∂L/∂x is zero except the selected slice, which gets gradOutput.
 */
public class Select extends Module implements TensorModule {
    public static final ModuleType<Select> TYPE = ModuleType.of("Select", Select.class,
            m -> ModuleArgs.of("dim", m.dim(), "index", m.index()),
            a -> new Select(a.integer("dim"), a.integer("index")));

    @Override public Select clone() { return (Select) super.clone(); }

    private final int dim, index;

    public int dim() { return dim; }

    public int index() { return index; }

    public Select(int dim, int index) {
        if (dim < 0) throw new IllegalArgumentException("Select: dim must be >= 0, got " + dim);
        this.dim = dim;
        this.index = index;
    }

    private int resolve(Tensor x) {
        if (dim >= x.dim()) throw new IllegalArgumentException(name() + ": input " + x.shape() + " has no dimension " + dim);
        int i = index < 0 ? x.size(dim) + index : index;
        if (i < 0 || i >= x.size(dim)) throw new IllegalArgumentException(name() + ": index out of bounds for dimension "
                + dim + " of input " + x.shape());
        return i;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        return x.select(dim, resolve(x));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name());
        int i = resolve(x);
        Tensor gi = reuse(gradInput, x, x.sizes());
        Tensor g = LayerShapes.grad(name(), gradOutput, gi.select(dim, i).sizes());
        gi.fillInPlace(0).select(dim, i).copy(g);
        return gi;
    }

    @Override public String name() { return "Select(" + dim + ", " + index + ")"; }
}
