package jtorch.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the sequence of items off a score map by a small dynamic program. The map is logp[c][t]: the log-probability
 * of class c (0..C−2 items, C−1 background) for the window at position t. Choosing a set T of positions as item
 * centres, each at least {@code minSpacing} positions from the next, scores
 * <pre>
 *   Σ_{t ∈ T} gain(t),   gain(t) = max_{c &lt; C−1} logp[c][t] − logp[C−1][t]
 * </pre>
 * (log-likelihood of "an item here" against "background here"); the decoder returns the best such T (positions with
 * negative gain are never worth taking) via best(t) = max(best(t − 1), gain(t) + best(t − minSpacing)), and the
 * item classes argmax_c logp[c][t] at the chosen positions, left to right.
 */
final class StripDecoder {
    private final int minSpacing;

    StripDecoder(int minSpacing) {
        if (minSpacing < 1) throw new IllegalArgumentException("StripDecoder: minSpacing must be >= 1, got " + minSpacing);
        this.minSpacing = minSpacing;
    }

    /** The chosen positions and the class at each. */
    record Decoded(int[] positions, int[] classes) {}

    Decoded decode(double[][] logp) {
        int c = logp.length, n = logp[0].length, bg = c - 1;
        double[] gain = new double[n], best = new double[n + 1];
        int[] cls = new int[n];
        boolean[] take = new boolean[n + 1];
        for (int t = 0; t < n; t++) {
            int arg = 0;
            for (int k = 1; k < bg; k++) if (logp[k][t] > logp[arg][t]) arg = k;
            cls[t] = arg;
            gain[t] = logp[arg][t] - logp[bg][t];
        }
        for (int t = 1; t <= n; t++) { // best[t]: positions 0..t-1 only
            double with = gain[t - 1] + best[Math.max(0, t - minSpacing)];
            take[t] = with > best[t - 1];
            best[t] = take[t] ? with : best[t - 1];
        }
        List<Integer> chosen = new ArrayList<>();
        for (int t = n; t > 0; ) {
            if (take[t]) { chosen.addFirst(t - 1); t = Math.max(0, t - minSpacing); } else t--;
        }
        int[] pos = chosen.stream().mapToInt(Integer::intValue).toArray();
        int[] classes = new int[pos.length];
        for (int i = 0; i < pos.length; i++) classes[i] = cls[pos[i]];
        return new Decoded(pos, classes);
    }
}
