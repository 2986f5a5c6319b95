package jtorch.nn.criterion;

/**
 * How a criterion with per-element terms ℓ_i over an input [B, ...] of n elements reduces them to its loss, named as
 * PyTorch names its {@code reduction} argument:
 * <ul>
 *   <li>{@link #MEAN} ('mean'): Σ ℓ_i / n, the element mean (Torch7's {@code sizeAverage = true});</li>
 *   <li>{@link #BATCHMEAN} ('batchmean', PyTorch's name in {@code KLDivLoss}): Σ ℓ_i / B, the per-example sum averaged
 *       over the batch: the variational auto-encoder's convention, so that the loss is in nats per example;</li>
 *   <li>{@link #SUM} ('sum'): Σ ℓ_i (Torch7's {@code sizeAverage = false}).</li>
 * </ul>
 * The gradient is divided by the same number. An empty batch gives loss 0 (no division by zero).
 */
public enum Reduction {
    MEAN, BATCHMEAN, SUM;

    /** The number the sum is divided by, for an input of these sizes (1 for an empty input). */
    public double divisor(int[] sizes) {
        long n = 1;
        for (int s : sizes) n *= s;
        double d = switch (this) {
            case MEAN -> n;
            case BATCHMEAN -> sizes.length == 0 ? 1 : sizes[0];
            case SUM -> 1;
        };
        return d > 0 ? d : 1;
    }

    /** PyTorch's name: 'mean', 'batchmean' or 'sum'. */
    public String pytorchName() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** The reduction PyTorch names {@code name} ('mean', 'batchmean', 'sum'); throws listing them otherwise. */
    public static Reduction of(String name) {
        for (Reduction r : values()) if (r.pytorchName().equals(name)) return r;
        throw new IllegalArgumentException("reduction must be 'mean', 'batchmean' or 'sum', got '" + name + "'");
    }
}
