package jtorch.nn.pool;

import jtorch.backend.Pool;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * 2-d max pooling, Torch7's {@code nn.SpatialMaxPooling(kW, kH, dW, dH, padW, padH)}: input [B, C, H, W], output
 * [B, C, oH, oW] with y[b,c,i,j] = max over the kH×kW window at (i·dH - padH, j·dW - padW) of the input positions
 * inside the image (padding never wins), oH = ⌊(H + 2·padH - kH)/dH⌋ + 1 (⌈⌉ after {@link #ceil()}, the last window
 * still starting inside the image or its left padding), the same for oW. The argmax of each window is kept
 * ({@link #indices()}) for backward: ∂L/∂x[argmax] += ∂L/∂y (windows may overlap: the gradients add). NaN counts as
 * the maximum. Padding must be at most half the kernel.
 */
public class SpatialMaxPooling extends WindowPooling {
    public static final ModuleType<SpatialMaxPooling> TYPE = ModuleType.of("SpatialMaxPooling", SpatialMaxPooling.class,
            m -> ModuleArgs.of("kW", m.kernel[2], "kH", m.kernel[1], "dW", m.stride[2], "dH", m.stride[1],
                    "padW", m.pad[2], "padH", m.pad[1], "ceil", m.ceil),
            a -> new SpatialMaxPooling(a.integer("kW"), a.integer("kH"), a.integer("dW"), a.integer("dH"),
                    a.integer("padW"), a.integer("padH")).ceil(a.bool("ceil")));

    /** kW×kH windows, stride = kernel, no padding. */
    public SpatialMaxPooling(int kW, int kH) { this(kW, kH, kW, kH, 0, 0); }

    public SpatialMaxPooling(int kW, int kH, int dW, int dH) { this(kW, kH, dW, dH, 0, 0); }

    public SpatialMaxPooling(int kW, int kH, int dW, int dH, int padW, int padH) {
        super("SpatialMaxPooling", 2, Pool.Kind.MAX, new int[] {kH, kW}, new int[] {dH, dW}, new int[] {padH, padW},
                null, false, 0, null);
    }

    /** Ceil mode (Torch7's {@code :ceil()}); returns this. */
    public SpatialMaxPooling ceil() { return ceil(true); }

    /** Floor mode, the default (Torch7's {@code :floor()}); returns this. */
    public SpatialMaxPooling floor() { return ceil(false); }

    public SpatialMaxPooling ceil(boolean on) { ceil = on; return this; }

    @Override public SpatialMaxPooling clone() { return (SpatialMaxPooling) super.clone(); }

    @Override public String name() { return describe(""); }
}
