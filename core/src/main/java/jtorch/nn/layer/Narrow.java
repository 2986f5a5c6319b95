package jtorch.nn.layer;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.nn.TensorModule;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * y = x.narrow(dim, offset, length): the elements offset .. offset+length-1 along {@code dim} (a view, no copy).
 * {@code dim} counts the full tensor dimensions, batch included; dim 0 (narrowing the batch) is allowed, as in
 * Torch7. A negative offset counts from the end as {@code torch.narrow} does (offset -k starts k elements before
 * the end, so -1 is the last element; Torch7's nn.Narrow counts negative offsets differently), and a negative length
 * means "up to the end minus |length| - 1" (-1 reaches the last element), as Torch7.
 * Backward: ∂L/∂x is zero except the narrowed range, which gets gradOutput.
 */
public class Narrow extends Module implements TensorModule {
    public static final ModuleType<Narrow> TYPE = ModuleType.of("Narrow", Narrow.class,
            m -> ModuleArgs.of("dim", m.dim(), "offset", m.offset(), "length", m.length()),
            a -> new Narrow(a.integer("dim"), a.integer("offset"), a.integer("length")));

    @Override public Narrow clone() { return (Narrow) super.clone(); }

    private final int dim, offset, length;

    public int dim() { return dim; }

    public int offset() { return offset; }

    public int length() { return length; }

    public Narrow(int dim, int offset, int length) {
        if (dim < 0) throw new IllegalArgumentException("Narrow: dim must be >= 0, got " + dim);
        if (length == 0) throw new IllegalArgumentException("Narrow: length must not be 0");
        this.dim = dim;
        this.offset = offset;
        this.length = length;
    }

    /** {start, length} resolved against x; throws naming the module when out of range. */
    private int[] range(Tensor x) {
        if (dim >= x.dim()) throw new IllegalArgumentException(name() + ": input " + x.shape() + " has no dimension " + dim);
        int n = x.size(dim), start = offset < 0 ? n + offset : offset;
        int len = length < 0 ? n - start + length + 1 : length;
        if (start < 0 || len < 1 || start + len > n) throw new IllegalArgumentException(name() + ": range out of bounds for"
                + " dimension " + dim + " of input " + x.shape());
        return new int[] {start, len};
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        int[] r = range(x);
        return x.narrow(dim, r[0], r[1]);
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name());
        int[] r = range(x);
        int[] s = x.sizes();
        s[dim] = r[1];
        Tensor g = LayerShapes.grad(name(), gradOutput, s);
        Tensor gi = reuse(gradInput, x, x.sizes()).fillInPlace(0);
        gi.narrow(dim, r[0], r[1]).copy(g);
        return gi;
    }

    @Override public String name() { return "Narrow(" + dim + ", " + offset + ", " + length + ")"; }
}
