package jtorch.nn.pool;

import jtorch.backend.Pool;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * 2-d max pooling with dilated windows, Torch7's {@code nn.SpatialDilatedMaxPooling(kW, kH, dW, dH, padW, padH,
 * dilationW, dilationH)}: the window of output (i, j) takes the input rows i·dH - padH + a·dilationH (a &lt; kH) and
 * columns j·dW - padW + e·dilationW (e &lt; kW) inside the image; oH = ⌊(H + 2·padH - dilationH·(kH - 1) - 1)/dH⌋ + 1
 * (⌈⌉ in ceil mode). Input [B, C, H, W]. Backward: ∂L/∂x[argmax] += ∂L/∂y.
 */
public class SpatialDilatedMaxPooling extends WindowPooling {
    public static final ModuleType<SpatialDilatedMaxPooling> TYPE = ModuleType.of("SpatialDilatedMaxPooling",
            SpatialDilatedMaxPooling.class,
            m -> ModuleArgs.of("kW", m.kernel[2], "kH", m.kernel[1], "dW", m.stride[2], "dH", m.stride[1],
                    "padW", m.pad[2], "padH", m.pad[1], "dilationW", m.dilation[2], "dilationH", m.dilation[1], "ceil", m.ceil),
            a -> new SpatialDilatedMaxPooling(a.integer("kW"), a.integer("kH"), a.integer("dW"), a.integer("dH"),
                    a.integer("padW"), a.integer("padH"), a.integer("dilationW"), a.integer("dilationH")).ceil(a.bool("ceil")));

    public SpatialDilatedMaxPooling(int kW, int kH, int dW, int dH, int padW, int padH, int dilationW, int dilationH) {
        super("SpatialDilatedMaxPooling", 2, Pool.Kind.MAX, new int[] {kH, kW}, new int[] {dH, dW}, new int[] {padH, padW},
                new int[] {dilationH, dilationW}, false, 0, null);
    }

    /** Ceil mode on or off; returns this. */
    public SpatialDilatedMaxPooling ceil(boolean on) { ceil = on; return this; }

    @Override public SpatialDilatedMaxPooling clone() { return (SpatialDilatedMaxPooling) super.clone(); }

    @Override public String name() { return describe(", " + dilation[2] + "," + dilation[1]); }
}
