package jtorch.autograd;

/**
 * Whether operations on {@link Var}s are recorded, per thread (on by default). {@link Autograd#noGrad()} turns it off
 * for a try-with-resources block: inside it, results are constants (no tape, no gradient), as PyTorch's
 * {@code torch.no_grad()}; blocks nest, and the previous mode comes back when the block closes.
 */
public final class GradMode implements AutoCloseable {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});
    private final boolean previous;
    private final Thread thread = Thread.currentThread();
    private boolean closed;

    GradMode(boolean enabled) {
        boolean[] e = ENABLED.get();
        previous = e[0];
        e[0] = enabled;
    }

    /** True when operations on this thread are recorded. */
    public static boolean isEnabled() { return ENABLED.get()[0]; }

    /** Restores the mode that was in force when this scope opened. */
    @Override public void close() {
        if (closed) return;
        if (Thread.currentThread() != thread) throw new IllegalStateException("GradMode: a scope opened in thread '"
                + thread.getName() + "' must be closed in it, not in '" + Thread.currentThread().getName() + "'");
        closed = true;
        ENABLED.get()[0] = previous;
    }
}
