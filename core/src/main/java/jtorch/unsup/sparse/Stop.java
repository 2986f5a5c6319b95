package jtorch.unsup.sparse;

/**
 * When an iterative sparse-coding solver stops: after {@code maxIterations} iterations, or earlier once the codes
 * change little, ‖Z_k − Z_{k−1}‖_F &le; tolerance · max(‖Z_k‖_F, 1e-30) over the whole batch (Frobenius norms).
 * A tolerance of 0 runs exactly maxIterations.
 *
 * @param maxIterations at least 1
 * @param tolerance     &ge; 0
 */
public record Stop(int maxIterations, double tolerance) {
    public Stop {
        if (maxIterations < 1) throw new IllegalArgumentException("Stop: maxIterations must be >= 1, got " + maxIterations);
        if (!(tolerance >= 0)) throw new IllegalArgumentException("Stop: tolerance must be >= 0, got " + tolerance);
    }

    /** Exactly {@code k} iterations. */
    public static Stop after(int k) { return new Stop(k, 0); }

    /** Until the relative change of the codes is at most {@code tolerance}, at most {@code maxIterations}. */
    public static Stop converged(double tolerance, int maxIterations) { return new Stop(maxIterations, tolerance); }
}
