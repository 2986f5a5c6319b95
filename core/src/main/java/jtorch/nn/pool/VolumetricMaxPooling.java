package jtorch.nn.pool;

import jtorch.backend.Pool;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * 3-d max pooling, Torch7's {@code nn.VolumetricMaxPooling(kT, kW, kH, dT, dW, dH, padT, padW, padH)}: input
 * [B, C, D, H, W], output [B, C, oD, oH, oW], y = max over the kT×kH×kW window (positions inside the volume),
 * oD = ⌊(D + 2·padT - kT)/dT⌋ + 1 (⌈⌉ in ceil mode), likewise oH, oW. Backward: ∂L/∂x[argmax] += ∂L/∂y.
 */
public class VolumetricMaxPooling extends WindowPooling {
    public static final ModuleType<VolumetricMaxPooling> TYPE = ModuleType.of("VolumetricMaxPooling",
            VolumetricMaxPooling.class,
            m -> ModuleArgs.of("kT", m.kernel[0], "kW", m.kernel[2], "kH", m.kernel[1], "dT", m.stride[0],
                    "dW", m.stride[2], "dH", m.stride[1], "padT", m.pad[0], "padW", m.pad[2], "padH", m.pad[1], "ceil", m.ceil),
            a -> new VolumetricMaxPooling(a.integer("kT"), a.integer("kW"), a.integer("kH"), a.integer("dT"),
                    a.integer("dW"), a.integer("dH"), a.integer("padT"), a.integer("padW"), a.integer("padH"))
                    .ceil(a.bool("ceil")));

    /** Stride = kernel, no padding. */
    public VolumetricMaxPooling(int kT, int kW, int kH) { this(kT, kW, kH, kT, kW, kH, 0, 0, 0); }

    public VolumetricMaxPooling(int kT, int kW, int kH, int dT, int dW, int dH) { this(kT, kW, kH, dT, dW, dH, 0, 0, 0); }

    public VolumetricMaxPooling(int kT, int kW, int kH, int dT, int dW, int dH, int padT, int padW, int padH) {
        super("VolumetricMaxPooling", 3, Pool.Kind.MAX, new int[] {kT, kH, kW}, new int[] {dT, dH, dW},
                new int[] {padT, padH, padW}, null, false, 0, null);
    }

    /** Ceil mode on or off; returns this. */
    public VolumetricMaxPooling ceil(boolean on) { ceil = on; return this; }

    @Override public VolumetricMaxPooling clone() { return (VolumetricMaxPooling) super.clone(); }

    @Override public String name() { return describe(""); }
}
