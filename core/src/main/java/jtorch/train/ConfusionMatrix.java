package jtorch.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jtorch.tensor.Tensor;

/**
 * Torch7's {@code optim.ConfusionMatrix}: counts[t][p] = number of examples of target class t predicted as p
 * (rows: targets, columns: predictions), for classes 0..C−1.
 * <ul>
 *   <li>{@link #accuracy()} (Torch7's totalValid) = Σ_t counts[t][t] / Σ counts</li>
 *   <li>{@link #perClassAccuracy()}[t] (valids) = counts[t][t] / Σ_p counts[t][p]; NaN for a class never seen</li>
 *   <li>{@link #averagePerClassAccuracy()} (averageValid) = the mean of the non-NaN per-class accuracies</li>
 * </ul>
 * {@link #add(Tensor, Tensor)} takes scores [B, C] (the arg-max of each row is the prediction) or predicted labels
 * [B], and targets [B]. {@link #toString()} prints an aligned table with class names.
 */
public final class ConfusionMatrix {
    private final int[][] counts;
    private final List<String> names;

    /** Classes named "0".."C−1". */
    public ConfusionMatrix(int classes) { this(defaultNames(classes)); }

    public ConfusionMatrix(List<String> classNames) {
        if (classNames == null || classNames.isEmpty()) throw new IllegalArgumentException(
                "ConfusionMatrix: need at least one class");
        names = List.copyOf(classNames);
        counts = new int[names.size()][names.size()];
    }

    private static List<String> defaultNames(int c) {
        if (c < 1) throw new IllegalArgumentException("ConfusionMatrix: need at least one class, got " + c);
        List<String> r = new ArrayList<>();
        for (int i = 0; i < c; i++) r.add(Integer.toString(i));
        return r;
    }

    public int classes() { return names.size(); }

    public List<String> classNames() { return names; }

    /** One example: target class t predicted as p. */
    public ConfusionMatrix add(int prediction, int target) {
        check("prediction", prediction);
        check("target", target);
        counts[target][prediction]++;
        return this;
    }

    /** A batch: predictions [B, C] scores or [B] labels, targets [B]. */
    public ConfusionMatrix add(Tensor predictions, Tensor targets) {
        int[] p;
        if (predictions.dim() == 2) {
            if (predictions.size(1) != classes()) throw new IllegalArgumentException("ConfusionMatrix.add: scores "
                    + predictions.shape() + " have " + predictions.size(1) + " columns for " + classes() + " classes");
            p = Metrics.predictions(predictions);
        } else if (predictions.dim() == 1) {
            p = labels("prediction", predictions);
        } else {
            throw new IllegalArgumentException("ConfusionMatrix.add: predictions must be [B, C] or [B], got "
                    + predictions.shape());
        }
        if (targets.dim() != 1 || targets.size(0) != p.length) throw new IllegalArgumentException(
                "ConfusionMatrix.add: targets " + targets.shape() + " do not match predictions " + predictions.shape());
        int[] t = labels("target", targets);
        for (int i = 0; i < p.length; i++) add(p[i], t[i]);
        return this;
    }

    private int[] labels(String what, Tensor x) {
        double[] v = x.toDoubleArray();
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i])) throw new IllegalArgumentException("ConfusionMatrix.add: " + what + " " + v[i]
                    + " at row " + i + " is not a class index");
            check(what, (int) v[i]);
            r[i] = (int) v[i];
        }
        return r;
    }

    private void check(String what, int c) {
        if (c < 0 || c >= classes()) throw new IllegalArgumentException("ConfusionMatrix: " + what + " class " + c
                + " outside 0.." + (classes() - 1));
    }

    /** Sets every count to zero (Torch7's zero()). */
    public void zero() { for (int[] row : counts) java.util.Arrays.fill(row, 0); }

    /** A copy of counts[target][prediction]. */
    public int[][] counts() {
        int[][] r = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) r[i] = counts[i].clone();
        return r;
    }

    /** Total number of examples added. */
    public long total() {
        long n = 0;
        for (int[] row : counts) for (int v : row) n += v;
        return n;
    }

    /** Σ diagonal / Σ all; NaN when empty. */
    public double accuracy() {
        long d = 0;
        for (int i = 0; i < counts.length; i++) d += counts[i][i];
        long n = total();
        return n == 0 ? Double.NaN : (double) d / n;
    }

    /** counts[t][t] / row sum, per class (NaN for rows with no examples). */
    public double[] perClassAccuracy() {
        double[] r = new double[counts.length];
        for (int t = 0; t < counts.length; t++) {
            long row = 0;
            for (int v : counts[t]) row += v;
            r[t] = row == 0 ? Double.NaN : (double) counts[t][t] / row;
        }
        return r;
    }

    /** Mean of the per-class accuracies of the classes seen; NaN when empty. */
    public double averagePerClassAccuracy() {
        double s = 0;
        int n = 0;
        for (double v : perClassAccuracy()) if (!Double.isNaN(v)) { s += v; n++; }
        return n == 0 ? Double.NaN : s / n;
    }

    /**
     * The table: one row per target class (index and name, counts by predicted class, the row's accuracy), a header
     * of predicted-class indices, then the average per-class and total accuracy. When every class is named by its
     * index ("0", "1", ...), the label is printed once per row, not twice.
     */
    @Override public String toString() {
        int c = classes();
        int w = 1;
        for (int[] row : counts) for (int v : row) w = Math.max(w, Integer.toString(v).length());
        w = Math.max(w, Integer.toString(c - 1).length());
        int nw = "target".length();
        for (String s : names) nw = Math.max(nw, s.length());
        boolean numbered = true;
        for (int t = 0; t < c; t++) numbered &= names.get(t).equals(Integer.toString(t));
        int iw = numbered ? -1 : Integer.toString(c - 1).length(); // -1: no index column (nor its separator)
        StringBuilder sb = new StringBuilder("ConfusionMatrix (rows: target, columns: predicted)\n");
        sb.append(" ".repeat(iw + 1)).append(pad("target", nw, false));
        for (int p = 0; p < c; p++) sb.append(' ').append(pad(Integer.toString(p), w, true));
        sb.append("   accuracy\n");
        double[] acc = perClassAccuracy();
        for (int t = 0; t < c; t++) {
            if (!numbered) sb.append(pad(Integer.toString(t), iw, true)).append(' ');
            sb.append(pad(names.get(t), nw, false));
            for (int p = 0; p < c; p++) sb.append(' ').append(pad(Integer.toString(counts[t][p]), w, true));
            sb.append("   ").append(percent(acc[t])).append('\n');
        }
        sb.append("average per-class accuracy: ").append(percent(averagePerClassAccuracy()).strip()).append('\n');
        sb.append("total accuracy: ").append(percent(accuracy()).strip()).append(" (").append(total())
                .append(" examples)\n");
        return sb.toString();
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "      -" : String.format(Locale.ROOT, "%6.2f%%", 100 * v);
    }

    private static String pad(String s, int w, boolean right) {
        String fill = " ".repeat(Math.max(0, w - s.length()));
        return right ? fill + s : s + fill;
    }
}
