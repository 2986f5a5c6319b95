package jtorch.nn.pool;

import jtorch.nn.ModuleType;

/**
 * Global average pooling: input [B, C, *] (rank 3 to 5), output [B, C], y[b, c] = mean of x[b, c, …] over all
 * positions. Backward: every position gets ∂L/∂y[b, c] / (number of positions).
 */
public class GlobalAveragePooling extends GlobalPooling {
    public static final ModuleType<GlobalAveragePooling> TYPE = ModuleType.of("GlobalAveragePooling",
            GlobalAveragePooling.class, GlobalAveragePooling::new);

    public GlobalAveragePooling() { super(false); }

    @Override public GlobalAveragePooling clone() { return (GlobalAveragePooling) super.clone(); }
}
