package jtorch.nn.pool;

import jtorch.backend.Pool;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * 1-d max pooling over time, channels first: input [B, C, L], output [B, C, oL] with y[b,c,i] = max of x[b,c,
 * i·dW - padW .. i·dW - padW + kW - 1] (positions inside the signal), oL = ⌊(L + 2·padW - kW)/dW⌋ + 1 (⌈⌉ in ceil
 * mode). Torch7's {@code nn.TemporalMaxPooling(kW, dW)} pools a [B, T, F] sequence over T; here the layout is
 * [B, C, L] like every jtorch convnet layer (transpose(1, 2) converts). Backward: ∂L/∂x[argmax] += ∂L/∂y.
 */
public class TemporalMaxPooling extends WindowPooling {
    public static final ModuleType<TemporalMaxPooling> TYPE = ModuleType.of("TemporalMaxPooling", TemporalMaxPooling.class,
            m -> ModuleArgs.of("kW", m.kernel[2], "dW", m.stride[2], "padW", m.pad[2], "ceil", m.ceil),
            a -> new TemporalMaxPooling(a.integer("kW"), a.integer("dW"), a.integer("padW")).ceil(a.bool("ceil")));

    /** Windows of kW, stride kW. */
    public TemporalMaxPooling(int kW) { this(kW, kW, 0); }

    public TemporalMaxPooling(int kW, int dW) { this(kW, dW, 0); }

    public TemporalMaxPooling(int kW, int dW, int padW) {
        super("TemporalMaxPooling", 1, Pool.Kind.MAX, new int[] {kW}, new int[] {dW}, new int[] {padW}, null, false, 0, null);
    }

    /** Ceil mode on or off; returns this. */
    public TemporalMaxPooling ceil(boolean on) { ceil = on; return this; }

    @Override public TemporalMaxPooling clone() { return (TemporalMaxPooling) super.clone(); }

    @Override public String name() { return describe(""); }
}
