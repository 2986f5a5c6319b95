package jtorch.nn.pool;

import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Global pooling over all positions of each channel: input [B, C, *] (rank ≥ 3: [B, C, L], [B, C, H, W],
 * [B, C, D, H, W]), output [B, C] (the usual head of a fully convolutional classifier). The average or the maximum.
 */
abstract class GlobalPooling extends Module implements TensorModule {
    private final boolean max;
    private Tensor indices;

    GlobalPooling(boolean max) { this.max = max; }

    /** x as [B, C, positions]. */
    private Tensor flat(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() < 3) throw new IllegalArgumentException(name() + ": expected input [B, C, *] of rank 3 to 5, got "
                + x.shape());
        return x.reshape(x.size(0), x.size(1), x.numel() / Math.max(1, x.size(0) * x.size(1)));
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor f = flat(input);
        Tensor y = reuse(output, f, f.size(0), f.size(1));
        if (max) {
            Tensor.MaxMin m = f.max(2, false);
            indices = m.indices().unsqueeze(2);
            return y.copy(m.values());
        }
        return y.copy(f.sum(2, false)).divInPlace(f.size(2));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name()), f = flat(input), g = gradOutput.toTensor(name() + " gradOutput");
        if (g.dim() != 2 || g.size(0) != f.size(0) || g.size(1) != f.size(1)) throw new IllegalArgumentException(name()
                + ": gradOutput has shape " + g.shape() + ", expected " + Arrays.toString(new int[] {f.size(0), f.size(1)}));
        Tensor gi = reuse(gradInput, x, x.sizes());
        Tensor gv = gi.view(f.sizes());
        if (max) gv.fillInPlace(0).scatterAddInPlace(2, indices, g.unsqueeze(2));
        else gv.copy(g.unsqueeze(2).expand(f.sizes())).divInPlace(f.size(2));
        return gi;
    }

    @Override protected void clearOwnState() { indices = null; }
}
