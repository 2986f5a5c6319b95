package jtorch.nn.pool;

import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Maxout (Goodfellow et al. 2013): the maximum over groups of k consecutive channels or units of dimension 1.
 * Input [B, C, *] (any trailing dimensions: [B, F] units, [B, C, H, W] feature maps) with C divisible by k; output
 * [B, C/k, *], y[b, g, …] = max_{j &lt; k} x[b, g·k + j, …] (ties: the first). Put a Linear or a convolution with k times
 * the outputs before it for the classic maxout unit. Backward: the gradient goes to the winner of each group.
 */
public class Maxout extends Module implements TensorModule {
    public static final ModuleType<Maxout> TYPE = ModuleType.of("Maxout", Maxout.class,
            m -> ModuleArgs.of("groupSize", m.k), a -> new Maxout(a.integer("groupSize")));
    private final int k;
    private Tensor indices;

    /** Maximum over groups of {@code groupSize} channels. */
    public Maxout(int groupSize) {
        if (groupSize < 1) throw new IllegalArgumentException("Maxout: the group size must be positive, got " + groupSize);
        this.k = groupSize;
    }

    public int groupSize() { return k; }

    /** x as [B, C/k, k, rest]. */
    private Tensor grouped(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() < 2 || x.size(1) % k != 0) throw new IllegalArgumentException(name() + ": expected input [B, C, *]"
                + " with C divisible by " + k + ", got " + x.shape());
        return x.reshape(x.size(0), x.size(1) / k, k, x.numel() / Math.max(1, x.size(0) * x.size(1)));
    }

    private static int[] outSizes(Tensor x, int k) {
        int[] s = x.sizes();
        s[1] /= k;
        return s;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name()), gx = grouped(input);
        Tensor.MaxMin m = gx.max(2, true);
        indices = m.indices();
        Tensor y = reuse(output, x, outSizes(x, k));
        return y.copy(m.values().view(y.sizes()));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name()), gx = grouped(input);
        Tensor g = gradOutput.toTensor(name() + " gradOutput");
        if (!Arrays.equals(g.sizes(), outSizes(x, k))) throw new IllegalArgumentException(name() + ": gradOutput has shape "
                + g.shape() + ", expected " + Arrays.toString(outSizes(x, k)));
        Tensor gi = gx.newZeros(gx.sizes()).scatterAddInPlace(2, indices, g.reshape(indices.sizes()));
        return reuse(gradInput, x, x.sizes()).copy(gi.view(x.sizes()));
    }

    @Override protected void clearOwnState() { indices = null; }

    @Override public Maxout clone() { return (Maxout) super.clone(); }

    @Override public String name() { return "Maxout(" + k + ")"; }
}
