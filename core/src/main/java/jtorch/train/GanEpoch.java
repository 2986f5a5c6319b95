package jtorch.train;

import java.util.Arrays;
import java.util.Locale;

/**
 * One epoch of {@link GanTrainer}: the means over its batches of the discriminator loss
 * L_D = ℓ(D(x), r) + ℓ(D(G(z)), 0) and the generator loss L_G = ℓ(D(G(z)), 1) (ℓ = binary cross-entropy of logits),
 * of D(x) = σ(logit) on real images and of D(G(z)) on generated ones (before the step's D update); the sample
 * diversity measured at its end by {@link CollapseCheck#diversity} (mean per-feature standard deviation of generated
 * samples over that of real ones: about 1 for a healthy generator, near 0 for a collapsed one); the histogram of the
 * monitor classifier's predicted classes of the generated samples (empty without a classifier); the wall time and the
 * real samples per second of training.
 */
public record GanEpoch(int epoch, double dLoss, double gLoss, double dReal, double dFake, double diversity,
                       int[] classHistogram, double seconds, double samplesPerSecond) {
    public GanEpoch {
        classHistogram = classHistogram.clone();
    }

    @Override public int[] classHistogram() { return classHistogram.clone(); }

    /** The classes that received at least {@code share} of the classified samples. */
    public int classesAtLeast(double share) {
        int total = Arrays.stream(classHistogram).sum(), n = 0;
        for (int c : classHistogram) if (total > 0 && c >= share * total) n++;
        return n;
    }

    /** One line: epoch, losses, D outputs, diversity, class histogram, time. */
    public String summary() {
        return String.format(Locale.ROOT, "epoch %d: D loss %.4f, G loss %.4f, D(x) %.3f, D(G(z)) %.3f, diversity %.3f%s,"
                + " %.1f s (%.0f samples/s)", epoch, dLoss, gLoss, dReal, dFake, diversity,
                classHistogram.length == 0 ? "" : ", classes " + Arrays.toString(classHistogram), seconds, samplesPerSecond);
    }

    @Override public boolean equals(Object o) {
        return o instanceof GanEpoch e && epoch == e.epoch && Double.compare(dLoss, e.dLoss) == 0
                && Double.compare(gLoss, e.gLoss) == 0 && Double.compare(dReal, e.dReal) == 0
                && Double.compare(dFake, e.dFake) == 0 && Double.compare(diversity, e.diversity) == 0
                && Arrays.equals(classHistogram, e.classHistogram);
    }

    @Override public int hashCode() { return Double.hashCode(dLoss) * 31 + Arrays.hashCode(classHistogram); }
}
