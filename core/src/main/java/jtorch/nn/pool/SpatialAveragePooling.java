package jtorch.nn.pool;

import jtorch.backend.Pool;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * 2-d average pooling, Torch7's {@code nn.SpatialAveragePooling(kW, kH, dW, dH, padW, padH)} (default stride 1, as
 * Torch7): input [B, C, H, W], output [B, C, oH, oW] (sizes as {@link SpatialMaxPooling}, ⌈⌉ after {@link #ceil()}),
 * y = Σ window / n. With count-include-pad (the default, {@link #setCountIncludePad()}) n = (min(h₀ + kH, H + padH)
 * - h₀)·(min(w₀ + kW, W + padW) - w₀) for the window starting at (h₀, w₀): the padded zeros count, a window running
 * past the padded border (ceil mode) does not; with {@link #setCountExcludePad()} n counts only the input positions.
 * Backward: each input position of a window gets ∂L/∂y / n.
 */
public class SpatialAveragePooling extends WindowPooling {
    public static final ModuleType<SpatialAveragePooling> TYPE = ModuleType.of("SpatialAveragePooling",
            SpatialAveragePooling.class,
            m -> ModuleArgs.of("kW", m.kernel[2], "kH", m.kernel[1], "dW", m.stride[2], "dH", m.stride[1],
                    "padW", m.pad[2], "padH", m.pad[1], "ceil", m.ceil, "countIncludePad", m.countIncludePad),
            a -> new SpatialAveragePooling(a.integer("kW"), a.integer("kH"), a.integer("dW"), a.integer("dH"),
                    a.integer("padW"), a.integer("padH")).ceil(a.bool("ceil")).countIncludePad(a.bool("countIncludePad")));

    /** kW×kH windows, stride 1 (Torch7's default), no padding. */
    public SpatialAveragePooling(int kW, int kH) { this(kW, kH, 1, 1, 0, 0); }

    public SpatialAveragePooling(int kW, int kH, int dW, int dH) { this(kW, kH, dW, dH, 0, 0); }

    public SpatialAveragePooling(int kW, int kH, int dW, int dH, int padW, int padH) {
        super("SpatialAveragePooling", 2, Pool.Kind.AVG, new int[] {kH, kW}, new int[] {dH, dW}, new int[] {padH, padW},
                null, true, 0, null);
    }

    /** Ceil mode (Torch7's {@code :ceil()}); returns this. */
    public SpatialAveragePooling ceil() { return ceil(true); }

    /** Floor mode, the default; returns this. */
    public SpatialAveragePooling floor() { return ceil(false); }

    public SpatialAveragePooling ceil(boolean on) { ceil = on; return this; }

    /** Padded zeros count in the divisor (the default); returns this. */
    public SpatialAveragePooling setCountIncludePad() { return countIncludePad(true); }

    /** Only input positions count in the divisor; returns this. */
    public SpatialAveragePooling setCountExcludePad() { return countIncludePad(false); }

    public SpatialAveragePooling countIncludePad(boolean on) { includePad(on); return this; }

    @Override public SpatialAveragePooling clone() { return (SpatialAveragePooling) super.clone(); }

    @Override public String name() { return describe(countIncludePad ? "" : ", excluding padding"); }
}
