package jtorch.train;

import java.util.Arrays;
import java.util.Locale;
import jtorch.tensor.Tensor;

/**
 * The tests by which {@link GanTrainer} declares a run collapsed (it then throws {@link GanCollapseException}):
 * <ul>
 * <li>the discriminator wins: the mean discriminator loss over the last {@code window} batches falls below
 * {@code dLossFloor} (D separates real from generated almost perfectly, so the generator's gradient carries no
 * signal);</li>
 * <li>mode collapse by diversity: at the end of an epoch ≥ {@code fromEpoch}, {@link #diversity} of the monitor
 * samples is below {@code minDiversity};</li>
 * <li>mode collapse by class: with a monitor classifier, one predicted class takes more than {@code maxClassShare} of
 * the monitor samples.</li>
 * </ul>
 * A threshold of 0 (dLossFloor, minDiversity) or 1 (maxClassShare) turns that test off.
 */
public record CollapseCheck(double dLossFloor, int window, double minDiversity, double maxClassShare, int fromEpoch) {
    public CollapseCheck {
        if (!(dLossFloor >= 0) || window < 1 || !(minDiversity >= 0) || !(maxClassShare > 0 && maxClassShare <= 1)
                || fromEpoch < 1) throw new IllegalArgumentException("CollapseCheck: need dLossFloor >= 0, window >= 1,"
                + " minDiversity >= 0, 0 < maxClassShare <= 1, fromEpoch >= 1; got " + dLossFloor + ", " + window + ", "
                + minDiversity + ", " + maxClassShare + ", " + fromEpoch);
    }

    /** D loss below 0.01 over 100 batches, diversity below 0.25, or one class above half of the samples, from epoch 1. */
    public static CollapseCheck defaults() { return new CollapseCheck(0.01, 100, 0.25, 0.5, 1); }

    /** No test (non-finite losses are still reported). */
    public static CollapseCheck none() { return new CollapseCheck(0, 1, 0, 1, 1); }

    /**
     * mean_j sd_j(fake) / mean_j sd_j(real): sd_j is the standard deviation over the samples (dimension 0) of feature
     * j (every other dimension flattened); both tensors [N, ...] with the same feature count, N ≥ 2 each.
     */
    public static double diversity(Tensor fake, Tensor real) {
        double r = meanStd(real, "real");
        return r > 0 ? meanStd(fake, "generated") / r : Double.NaN;
    }

    private static double meanStd(Tensor t, String what) {
        int n = t.size(0), f = t.numel() / Math.max(n, 1);
        if (n < 2) throw new IllegalArgumentException("CollapseCheck.diversity: need >= 2 " + what + " samples, got " + t.shape());
        float[] v = t.toFloatArray();
        double sum = 0;
        for (int j = 0; j < f; j++) {
            double m = 0, s = 0;
            for (int i = 0; i < n; i++) m += v[i * f + j];
            m /= n;
            for (int i = 0; i < n; i++) s += (v[i * f + j] - m) * (v[i * f + j] - m);
            sum += Math.sqrt(s / (n - 1));
        }
        return sum / f;
    }

    /** Why the recent D losses mean a collapse, or null. */
    String dLossReason(double windowMean, int batches) {
        if (dLossFloor > 0 && batches >= window && windowMean < dLossFloor) return String.format(Locale.ROOT,
                "the discriminator loss averaged %.2g over the last %d batches, below %.2g (D wins, G gets no signal)",
                windowMean, window, dLossFloor);
        return null;
    }

    /** Why the end-of-epoch diversity or class histogram means a collapse, or null. */
    String epochReason(int epoch, double diversity, int[] histogram) {
        if (epoch < fromEpoch) return null;
        if (minDiversity > 0 && !(diversity >= minDiversity)) return String.format(Locale.ROOT,
                "sample diversity %.3f is below %.3f (mode collapse: the samples are nearly alike)", diversity, minDiversity);
        int total = Arrays.stream(histogram).sum(), top = 0;
        for (int i = 0; i < histogram.length; i++) if (histogram[i] > histogram[top]) top = i;
        if (maxClassShare < 1 && total > 0 && histogram[top] > maxClassShare * total) return String.format(Locale.ROOT,
                "class %d takes %d of %d classified samples (%.0f %%, above %.0f %%): mode collapse; histogram %s", top,
                histogram[top], total, 100.0 * histogram[top] / total, 100 * maxClassShare, Arrays.toString(histogram));
        return null;
    }
}
