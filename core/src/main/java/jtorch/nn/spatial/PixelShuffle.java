package jtorch.nn.spatial;

import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Sub-pixel rearrangement (Shi et al. 2016), Torch7's {@code nn.PixelShuffle(r)} and PyTorch's: input
 * [B, C·r², H, W], output [B, C, H·r, W·r], y[b, c, h·r + i, w·r + j] = x[b, c·r² + i·r + j, h, w]. A permutation:
 * backward applies the inverse to the gradient.
 */
public class PixelShuffle extends Module implements TensorModule {
    public static final ModuleType<PixelShuffle> TYPE = ModuleType.of("PixelShuffle", PixelShuffle.class,
            m -> ModuleArgs.of("upscaleFactor", m.r), a -> new PixelShuffle(a.integer("upscaleFactor")));
    private final int r;

    public PixelShuffle(int upscaleFactor) {
        if (upscaleFactor < 1) throw new IllegalArgumentException("PixelShuffle: the upscale factor must be positive, got "
                + upscaleFactor);
        this.r = upscaleFactor;
    }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 4 || x.size(1) % (r * r) != 0) throw new IllegalArgumentException(name() + ": expected input"
                + " [B, C·" + r * r + ", H, W], got " + x.shape());
        return x;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        int b = x.size(0), c = x.size(1) / (r * r), h = x.size(2), w = x.size(3);
        Tensor y = reuse(output, x, b, c, h * r, w * r);
        y.view(b, c, h, r, w, r).copy(x.reshape(b, c, r, r, h, w).permute(0, 1, 4, 2, 5, 3));
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = gradOutput.toTensor(name() + " gradOutput");
        int b = x.size(0), c = x.size(1) / (r * r), h = x.size(2), w = x.size(3);
        if (!Arrays.equals(g.sizes(), new int[] {b, c, h * r, w * r})) throw new IllegalArgumentException(name()
                + ": gradOutput has shape " + g.shape() + ", expected " + Arrays.toString(new int[] {b, c, h * r, w * r}));
        Tensor gi = reuse(gradInput, x, x.sizes());
        gi.view(b, c, r, r, h, w).copy(g.reshape(b, c, h, r, w, r).permute(0, 1, 3, 5, 2, 4));
        return gi;
    }

    @Override public PixelShuffle clone() { return (PixelShuffle) super.clone(); }

    @Override public String name() { return "PixelShuffle(" + r + ")"; }
}
