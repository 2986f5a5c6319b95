package jtorch.train;

import jtorch.tensor.Tensor;

/**
 * Classification counts from a batch of scores: output [B, C] (any monotone scores: log-probabilities,
 * probabilities, logits) and targets [B] of class indices 0..C−1 (I32 or integral floats).
 * <ul>
 *   <li>{@link #correct}: #{b : argmax_c output[b, c] = target[b]} (the first maximum wins ties, as argmax)</li>
 *   <li>{@link #topKCorrect}: #{b : #{c : output[b, c] > output[b, target[b]]} &lt; k}, i.e. the target is among the k
 *       highest scores (a tie with the target counts in the target's favour)</li>
 * </ul>
 * {@link #isClassification} says whether the pair has that form; accuracy is then correct / B.
 */
public final class Metrics {
    private Metrics() {}

    /** True when output is [B, C] and target is [B] (the shapes class accuracy needs). */
    public static boolean isClassification(Tensor output, Tensor target) {
        return output.dim() == 2 && target.dim() == 1 && target.size(0) == output.size(0);
    }

    /** The class targets as ints; throws naming the shapes when they do not fit output [B, C]. */
    static int[] classes(String who, Tensor output, Tensor target) {
        if (!isClassification(output, target)) throw new IllegalArgumentException(who + ": expected output [B, C] and "
                + "target [B] of class indices, got output " + output.shape() + " and target " + target.shape());
        double[] t = target.toDoubleArray();
        int c = output.size(1);
        int[] r = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            if (t[i] != Math.rint(t[i]) || t[i] < 0 || t[i] >= c) throw new IllegalArgumentException(who + ": target "
                    + t[i] + " at row " + i + " is not a class index in 0.." + (c - 1));
            r[i] = (int) t[i];
        }
        return r;
    }

    /** Predicted classes: the arg-max of each row of output [B, C]. */
    public static int[] predictions(Tensor output) {
        if (output.dim() != 2) throw new IllegalArgumentException("Metrics.predictions: expected output [B, C], got "
                + output.shape());
        return output.argmax(1, false).toIntArray();
    }

    /** Number of rows whose arg-max equals the target. */
    public static int correct(Tensor output, Tensor target) {
        int[] t = classes("Metrics.correct", output, target), p = predictions(output);
        int n = 0;
        for (int i = 0; i < t.length; i++) if (p[i] == t[i]) n++;
        return n;
    }

    /** Number of rows whose target is among the {@code k} highest scores. */
    public static int topKCorrect(Tensor output, Tensor target, int k) {
        if (k < 1) throw new IllegalArgumentException("Metrics.topKCorrect: k must be >= 1, got " + k);
        int[] t = classes("Metrics.topKCorrect", output, target);
        int b = output.size(0), c = output.size(1), n = 0;
        double[] s = output.toDoubleArray();
        for (int i = 0; i < b; i++) {
            double ts = s[i * c + t[i]];
            int above = 0;
            for (int j = 0; j < c; j++) if (s[i * c + j] > ts) above++;
            if (above < k) n++;
        }
        return n;
    }

    /** correct / B. */
    public static double accuracy(Tensor output, Tensor target) {
        return (double) correct(output, target) / output.size(0);
    }

    /** topKCorrect / B. */
    public static double topKAccuracy(Tensor output, Tensor target, int k) {
        return (double) topKCorrect(output, target, k) / output.size(0);
    }
}
