package jtorch.nn.pool;

import jtorch.nn.ModuleType;

/**
 * Global max pooling: input [B, C, *] (rank 3 to 5), output [B, C], y[b, c] = max of x[b, c, …] over all positions
 * (ties: the first in row-major order). Backward: the gradient goes to that position.
 */
public class GlobalMaxPooling extends GlobalPooling {
    public static final ModuleType<GlobalMaxPooling> TYPE = ModuleType.of("GlobalMaxPooling", GlobalMaxPooling.class,
            GlobalMaxPooling::new);

    public GlobalMaxPooling() { super(true); }

    @Override public GlobalMaxPooling clone() { return (GlobalMaxPooling) super.clone(); }
}
