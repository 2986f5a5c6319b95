package jtorch.nn.layer;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.nn.TensorModule;
import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Per-sample reshape: input [B, ...] with Π(sizes) elements per sample → output [B, sizes...]. Dimension 0 is
 * always the batch and is never inferred or guessed (unlike Torch7's Reshape). A contiguous input gives a view; a
 * non-contiguous one is first copied into a reused buffer. Backward: gradOutput [B, sizes...] reshaped back to
 * the input's shape. See {@link View} for a variant with one inferred size.
 */
public class Reshape extends Module implements TensorModule {
    public static final ModuleType<Reshape> TYPE = ModuleType.of("Reshape", Reshape.class,
            m -> ModuleArgs.of("sizes", m.sizes()),
            a -> new Reshape(a.ints("sizes")));

    @Override public Reshape clone() { return (Reshape) super.clone(); }

    protected final int[] sizes;
    private Tensor inCopy, gradCopy; // contiguous copies of a strided input / gradOutput

    /** The per-sample target sizes, as given to the constructor. */
    public int[] sizes() { return sizes.clone(); }

    public Reshape(int... sizes) {
        this.sizes = LayerShapes.positive(getClass().getSimpleName(), sizes);
    }

    /** View subclasses: sizes checked by the subclass. */
    protected Reshape(boolean unchecked, int[] sizes) { this.sizes = sizes.clone(); }

    /** The output shape for input x (throws naming the module when the element counts differ). */
    protected int[] target(Tensor x) {
        int per = x.dim() == 0 ? -1 : LayerShapes.perSampleCount(x), want = 1;
        for (int s : sizes) want *= s;
        if (per != want) throw new IllegalArgumentException(name() + ": expected a batch [B, ...] with " + want
                + " elements per sample, got " + x.shape());
        return LayerShapes.prepend(x.size(0), sizes);
    }

    /** Reshape of a strided input: copy (Reshape) or error (View). */
    protected Tensor contiguousInput(Tensor x) {
        inCopy = reuse(inCopy, x, x.sizes()).copy(x);
        return inCopy;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        int[] s = target(x);
        return (x.isContiguous() ? x : contiguousInput(x)).view(s);
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name());
        Tensor g = LayerShapes.grad(name(), gradOutput, target(x));
        if (!g.isContiguous()) g = gradCopy = reuse(gradCopy, g, g.sizes()).copy(g);
        return g.view(x.sizes());
    }

    @Override protected void clearOwnState() { inCopy = null; gradCopy = null; }

    @Override public String name() {
        return getClass().getSimpleName() + Arrays.toString(sizes).replace('[', '(').replace(']', ')');
    }
}
