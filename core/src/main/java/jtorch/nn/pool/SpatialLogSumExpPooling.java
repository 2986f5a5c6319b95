package jtorch.nn.pool;

import jtorch.backend.Pool;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * 2-d log-sum-exp ("PROB") pooling with temperature β > 0: y = (1/β) · log((1/n) Σ_window exp(β·x)) over the n
 * positions of each kW×kH window (stride dW, dH; padding padW, padH never contributes). β → ∞ gives max pooling,
 * β → 0 average pooling; every β in between is a smooth soft maximum (computed stably, accurate at both ends).
 * Input [B, C, H, W], output sizes as {@link SpatialMaxPooling}. Backward: ∂L/∂x_i = Σ over windows holding i of
 * ∂L/∂y · exp(β(x_i - y)) / n (the window's softmax weights).
 */
public class SpatialLogSumExpPooling extends WindowPooling {
    public static final ModuleType<SpatialLogSumExpPooling> TYPE = ModuleType.of("SpatialLogSumExpPooling",
            SpatialLogSumExpPooling.class,
            m -> ModuleArgs.of("kW", m.kernel[2], "kH", m.kernel[1], "dW", m.stride[2], "dH", m.stride[1],
                    "padW", m.pad[2], "padH", m.pad[1], "beta", m.beta, "ceil", m.ceil),
            a -> new SpatialLogSumExpPooling(a.integer("kW"), a.integer("kH"), a.integer("dW"), a.integer("dH"),
                    a.integer("padW"), a.integer("padH"), a.number("beta")).ceil(a.bool("ceil")));

    /** kW×kH windows, stride = kernel. */
    public SpatialLogSumExpPooling(int kW, int kH, double beta) { this(kW, kH, kW, kH, 0, 0, beta); }

    public SpatialLogSumExpPooling(int kW, int kH, int dW, int dH, int padW, int padH, double beta) {
        super("SpatialLogSumExpPooling", 2, Pool.Kind.LSE, new int[] {kH, kW}, new int[] {dH, dW}, new int[] {padH, padW},
                null, false, beta, null);
    }

    /** The temperature β. */
    public double beta() { return beta; }

    public SpatialLogSumExpPooling ceil(boolean on) { ceil = on; return this; }

    @Override public SpatialLogSumExpPooling clone() { return (SpatialLogSumExpPooling) super.clone(); }

    @Override public String name() { return describe(", beta=" + beta); }
}
