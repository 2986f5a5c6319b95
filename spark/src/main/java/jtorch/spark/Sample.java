package jtorch.spark;

import java.io.Serializable;

/**
 * One labelled example of a {@link SparkTrainer} fit: its features (flattened; {@link SparkTrainer#inputShape}
 * restores a shape such as [1, 28, 28]) and its class index {@code 0..classes−1} (the target of
 * {@code ClassNLLCriterion} / {@code CrossEntropyCriterion}).
 */
public record Sample(float[] features, int label) implements Serializable {
    public Sample {
        if (features == null || features.length == 0) throw new IllegalArgumentException("Sample: no features");
    }
}
