package jtorch.nn.pool;

import jtorch.backend.Pool;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * 1-d log-sum-exp pooling with temperature β > 0 over windows of kW (stride dW, padding padW): input [B, C, L],
 * y = (1/β) · log((1/n) Σ_window exp(β·x)); see {@link SpatialLogSumExpPooling} for the limits and the backward.
 */
public class TemporalLogSumExpPooling extends WindowPooling {
    public static final ModuleType<TemporalLogSumExpPooling> TYPE = ModuleType.of("TemporalLogSumExpPooling",
            TemporalLogSumExpPooling.class,
            m -> ModuleArgs.of("kW", m.kernel[2], "dW", m.stride[2], "padW", m.pad[2], "beta", m.beta, "ceil", m.ceil),
            a -> new TemporalLogSumExpPooling(a.integer("kW"), a.integer("dW"), a.integer("padW"), a.number("beta"))
                    .ceil(a.bool("ceil")));

    public TemporalLogSumExpPooling(int kW, int dW, int padW, double beta) {
        super("TemporalLogSumExpPooling", 1, Pool.Kind.LSE, new int[] {kW}, new int[] {dW}, new int[] {padW}, null, false,
                beta, null);
    }

    public double beta() { return beta; }

    public TemporalLogSumExpPooling ceil(boolean on) { ceil = on; return this; }

    @Override public TemporalLogSumExpPooling clone() { return (TemporalLogSumExpPooling) super.clone(); }

    @Override public String name() { return describe(", beta=" + beta); }
}
