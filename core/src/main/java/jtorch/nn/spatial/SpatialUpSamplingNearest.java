package jtorch.nn.spatial;

import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Nearest-neighbour upsampling by an integer factor s, Torch7's {@code nn.SpatialUpSamplingNearest(s)}: input
 * [B, C, H, W], output [B, C, H·s, W·s], y[b, c, i, j] = x[b, c, ⌊i/s⌋, ⌊j/s⌋]. Backward: each input position gets
 * the sum of the gradients of its s×s block.
 */
public class SpatialUpSamplingNearest extends Module implements TensorModule {
    public static final ModuleType<SpatialUpSamplingNearest> TYPE = ModuleType.of("SpatialUpSamplingNearest",
            SpatialUpSamplingNearest.class, m -> ModuleArgs.of("scale", m.s), a -> new SpatialUpSamplingNearest(a.integer("scale")));
    private final int s;

    public SpatialUpSamplingNearest(int scale) {
        if (scale < 1) throw new IllegalArgumentException("SpatialUpSamplingNearest: the scale must be a positive integer,"
                + " got " + scale);
        this.s = scale;
    }

    public int scale() { return s; }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 4) throw new IllegalArgumentException(name() + ": expected input [B, C, H, W], got " + x.shape());
        return x;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        int b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        Tensor y = reuse(output, x, b, c, h * s, w * s);
        y.view(b, c, h, s, w, s).copy(x.unsqueeze(3).unsqueeze(5).expand(b, c, h, s, w, s));
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = gradOutput.toTensor(name() + " gradOutput");
        int b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        if (!Arrays.equals(g.sizes(), new int[] {b, c, h * s, w * s})) throw new IllegalArgumentException(name()
                + ": gradOutput has shape " + g.shape() + ", expected " + Arrays.toString(new int[] {b, c, h * s, w * s}));
        Tensor sums = g.reshape(b, c, h, s, w, s).sum(5, false).sum(3, false);
        return reuse(gradInput, x, x.sizes()).copy(sums);
    }

    @Override public SpatialUpSamplingNearest clone() { return (SpatialUpSamplingNearest) super.clone(); }

    @Override public String name() { return "SpatialUpSamplingNearest(" + s + ")"; }
}
