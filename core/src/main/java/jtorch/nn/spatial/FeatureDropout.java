package jtorch.nn.spatial;

import jtorch.nn.layer.Dropout;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Dropout of whole feature maps, the shared body of {@link SpatialDropout} ([B, C, H, W]) and
 * {@link VolumetricDropout} ([B, C, D, H, W]): in training, y[b, c, …] = x[b, c, …] · m[b, c] with m[b, c] = 1/(1-p)
 * with probability 1-p and 0 with probability p (one draw per map, row-major over (b, c), from the module's own
 * {@link Generator}); in evaluation y = x. (Torch7's SpatialDropout scales by (1-p) at test time instead; this is the
 * inverted form, as jtorch's Dropout and PyTorch's Dropout2d.) Backward: ∂L/∂x = g · m.
 * <p>Everything else is {@link Dropout}'s (the generator as the persistent buffer {@code generator}, split for shared
 * clones; {@code freezeNoise}): only the mask's shape and the input's layout differ.
 */
public abstract class FeatureDropout extends Dropout {
    private final int rank;

    FeatureDropout(int rank, double p, Generator g) {
        super(p, g);
        this.rank = rank;
    }

    @Override protected Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != rank) throw new IllegalArgumentException(name() + ": expected input "
                + (rank == 4 ? "[B, C, H, W]" : "[B, C, D, H, W]") + ", got " + x.shape());
        return x;
    }

    /** One draw per (sample, channel): [B, C, 1, 1(, 1)]. */
    @Override protected int[] maskSizes(Tensor x) {
        int[] s = new int[rank];
        java.util.Arrays.fill(s, 1);
        s[0] = x.size(0);
        s[1] = x.size(1);
        return s;
    }
}
