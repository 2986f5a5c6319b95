package jtorch.nn.pool;

import jtorch.backend.Pool;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * 1-d average pooling, channels first: input [B, C, L], output [B, C, oL], y = Σ window / n over windows of kW with
 * stride dW and padding padW (n as in {@link SpatialAveragePooling}: padded zeros count unless
 * {@link #countIncludePad(boolean) countIncludePad(false)}); oL = ⌊(L + 2·padW - kW)/dW⌋ + 1 (⌈⌉ in ceil mode).
 * Backward: each input position of a window gets ∂L/∂y / n.
 */
public class TemporalAveragePooling extends WindowPooling {
    public static final ModuleType<TemporalAveragePooling> TYPE = ModuleType.of("TemporalAveragePooling",
            TemporalAveragePooling.class,
            m -> ModuleArgs.of("kW", m.kernel[2], "dW", m.stride[2], "padW", m.pad[2], "ceil", m.ceil,
                    "countIncludePad", m.countIncludePad),
            a -> new TemporalAveragePooling(a.integer("kW"), a.integer("dW"), a.integer("padW")).ceil(a.bool("ceil"))
                    .countIncludePad(a.bool("countIncludePad")));

    /** Windows of kW, stride kW. */
    public TemporalAveragePooling(int kW) { this(kW, kW, 0); }

    public TemporalAveragePooling(int kW, int dW) { this(kW, dW, 0); }

    public TemporalAveragePooling(int kW, int dW, int padW) {
        super("TemporalAveragePooling", 1, Pool.Kind.AVG, new int[] {kW}, new int[] {dW}, new int[] {padW}, null, true, 0, null);
    }

    public TemporalAveragePooling ceil(boolean on) { ceil = on; return this; }

    public TemporalAveragePooling countIncludePad(boolean on) { includePad(on); return this; }

    @Override public TemporalAveragePooling clone() { return (TemporalAveragePooling) super.clone(); }

    @Override public String name() { return describe(countIncludePad ? "" : ", excluding padding"); }
}
