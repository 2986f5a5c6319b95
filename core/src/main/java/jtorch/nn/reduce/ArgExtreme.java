package jtorch.nn.reduce;

import jtorch.nn.TensorModule;
import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * Shared body of {@link Max} and {@link Min}: the extreme value along {@code dim} (removed from the shape), keeping
 * the I32 index of the winner so that backward scatters g to it: ∂L/∂x[..., k, ...] = g where k = argmax, else 0.
 */
public abstract class ArgExtreme extends Module implements TensorModule {
    private final int dim;
    private final boolean max;
    private Tensor indices; // I32, the input's shape with size 1 at dim

    public int dim() { return dim; }

    ArgExtreme(int dim, boolean max) { this.dim = dim; this.max = max; }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        int d = Dims.resolve(name(), dim, x);
        if (x.size(d) == 0) throw new IllegalArgumentException(name() + ": dimension " + d + " of input " + x.shape()
                + " is empty");
        Tensor y = reuse(output, x, Dims.removed(x.sizes(), d));
        int[] kept = x.sizes();
        kept[d] = 1;
        if (indices == null || indices.backend() != x.backend() || !Arrays.equals(indices.sizes(), kept)) {
            indices = Tensor.zeros(x.backend(), DType.I32, kept);
        }
        x.backend().argReduce(max, y.unsqueeze(d), indices, x, d);
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name());
        int d = Dims.resolve(name(), dim, x);
        Tensor g = Dims.grad(name(), gradOutput, output, x);
        int[] kept = x.sizes();
        kept[d] = 1;
        if (indices == null || !Arrays.equals(indices.sizes(), kept)) throw new IllegalStateException(name()
                + ": backward on input " + x.shape() + " needs a forward on that input first");
        Tensor gi = reuse(gradInput, x, x.sizes()).fillInPlace(0);
        x.backend().scatterAdd(gi, d, indices, g.unsqueeze(d));
        return gi;
    }

    @Override protected void clearOwnState() { indices = null; }

    @Override public String name() { return getClass().getSimpleName() + "(" + dim + ")"; }
}
