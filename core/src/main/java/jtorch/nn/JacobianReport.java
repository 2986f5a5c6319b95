package jtorch.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a {@link Jacobian} check: for each checked entry (input tensors, named parameters) the worst absolute
 * difference between the analytic and the finite-difference derivative, and where it occurs.
 *
 * @param subject what was checked, e.g. {@code Linear(3 -> 2)}
 * @param eps     the finite-difference step
 * @param rows    one row per checked entry, inputs first, then parameters in {@link Module#namedParameters()} order
 */
public record JacobianReport(String subject, double eps, List<Row> rows) {

    /**
     * One checked entry.
     *
     * @param name     {@code input}, {@code input[1]} or a parameter path such as {@code 0.weight}
     * @param sizes    the entry's shape
     * @param maxError max over its elements i and the outputs j of |analytic ∂y_j/∂z_i − numeric ∂y_j/∂z_i|
     *                 (NaN when either is NaN)
     * @param element  the flat (row-major) position i of the worst difference, -1 for an empty entry
     * @param output   the flat position j of the output element (0 for a criterion's loss)
     * @param analytic the analytic derivative there
     * @param numeric  the central-difference derivative there
     */
    public record Row(String name, int[] sizes, double maxError, int element, int output, double analytic,
                      double numeric) {}

    public JacobianReport { rows = List.copyOf(rows); }

    /** Entry name → worst absolute error, in row order. */
    public Map<String, Double> errors() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Row r : rows) m.put(r.name(), r.maxError());
        return m;
    }

    /** The worst error of entry {@code name}; throws naming the entries when there is none such. */
    public double error(String name) {
        for (Row r : rows) if (r.name().equals(name)) return r.maxError();
        throw new IllegalArgumentException("JacobianReport of " + subject + ": no entry '" + name + "'; entries: "
                + errors().keySet());
    }

    /** The largest error over all entries (NaN if any is NaN; 0 when nothing was checked). */
    public double worst() {
        double w = 0;
        for (Row r : rows) {
            if (Double.isNaN(r.maxError())) return Double.NaN;
            w = Math.max(w, r.maxError());
        }
        return w;
    }

    /** The entries whose error is above {@code tolerance} (or NaN). */
    public List<String> failing(double tolerance) {
        return rows.stream().filter(r -> !(r.maxError() <= tolerance)).map(Row::name).toList();
    }

    /** True when every error is at most {@code tolerance}. */
    public boolean passes(double tolerance) { return failing(tolerance).isEmpty(); }

    /** Returns this when every error is at most {@code tolerance}; otherwise throws an AssertionError with the table. */
    public JacobianReport assertBelow(double tolerance) {
        List<String> bad = failing(tolerance);
        if (!bad.isEmpty()) throw new AssertionError("Jacobian check of " + subject + " failed: " + bad + " above "
                + tolerance + "\n" + this);
        return this;
    }

    /** A table: entry, shape, worst error, and where it is (element, output, analytic and numeric values). */
    @Override public String toString() {
        StringBuilder b = new StringBuilder(String.format("Jacobian of %s (central differences, eps %.1e): worst %.3e%n",
                subject, eps, worst()));
        int w = 5;
        for (Row r : rows) w = Math.max(w, r.name().length());
        b.append(String.format("  %-" + w + "s  %-14s %-11s %-10s %-7s %-22s %s%n", "entry", "shape", "max |error|",
                "at", "output", "analytic", "numeric"));
        for (Row r : rows) b.append(String.format("  %-" + w + "s  %-14s %-11.3e %-10s %-7s %-22.15g %.15g%n", r.name(),
                Arrays.toString(r.sizes()), r.maxError(), r.element() < 0 ? "-" : at(r.sizes(), r.element()), "y#" + r.output(),
                r.analytic(), r.numeric()));
        return b.toString();
    }

    /** Row-major coordinates of flat position {@code i} in a tensor of {@code sizes}, e.g. {@code [1, 2]}. */
    private static String at(int[] sizes, int i) {
        int[] c = new int[sizes.length];
        for (int d = sizes.length - 1; d >= 0; d--) { c[d] = i % sizes[d]; i /= sizes[d]; }
        return Arrays.toString(c);
    }
}
