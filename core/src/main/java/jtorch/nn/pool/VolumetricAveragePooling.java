package jtorch.nn.pool;

import jtorch.backend.Pool;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * 3-d average pooling, Torch7's {@code nn.VolumetricAveragePooling(kT, kW, kH, dT, dW, dH, padT, padW, padH)}: input
 * [B, C, D, H, W], output [B, C, oD, oH, oW], y = Σ window / n (n as in {@link SpatialAveragePooling}, over three
 * dimensions). Backward: each input position of a window gets ∂L/∂y / n.
 */
public class VolumetricAveragePooling extends WindowPooling {
    public static final ModuleType<VolumetricAveragePooling> TYPE = ModuleType.of("VolumetricAveragePooling",
            VolumetricAveragePooling.class,
            m -> ModuleArgs.of("kT", m.kernel[0], "kW", m.kernel[2], "kH", m.kernel[1], "dT", m.stride[0],
                    "dW", m.stride[2], "dH", m.stride[1], "padT", m.pad[0], "padW", m.pad[2], "padH", m.pad[1],
                    "ceil", m.ceil, "countIncludePad", m.countIncludePad),
            a -> new VolumetricAveragePooling(a.integer("kT"), a.integer("kW"), a.integer("kH"), a.integer("dT"),
                    a.integer("dW"), a.integer("dH"), a.integer("padT"), a.integer("padW"), a.integer("padH"))
                    .ceil(a.bool("ceil")).countIncludePad(a.bool("countIncludePad")));

    /** Stride = kernel, no padding. */
    public VolumetricAveragePooling(int kT, int kW, int kH) { this(kT, kW, kH, kT, kW, kH, 0, 0, 0); }

    public VolumetricAveragePooling(int kT, int kW, int kH, int dT, int dW, int dH) { this(kT, kW, kH, dT, dW, dH, 0, 0, 0); }

    public VolumetricAveragePooling(int kT, int kW, int kH, int dT, int dW, int dH, int padT, int padW, int padH) {
        super("VolumetricAveragePooling", 3, Pool.Kind.AVG, new int[] {kT, kH, kW}, new int[] {dT, dH, dW},
                new int[] {padT, padH, padW}, null, true, 0, null);
    }

    public VolumetricAveragePooling ceil(boolean on) { ceil = on; return this; }

    public VolumetricAveragePooling countIncludePad(boolean on) { includePad(on); return this; }

    @Override public VolumetricAveragePooling clone() { return (VolumetricAveragePooling) super.clone(); }

    @Override public String name() { return describe(countIncludePad ? "" : ", excluding padding"); }
}
