package jtorch.train.plot;

import java.util.Locale;

/**
 * "Nice" axis ticks: a step of 1, 2 or 5 × 10^k chosen so that about {@code target} ticks cover [min, max]; the axis
 * range is widened to whole steps. Labels print just enough decimals to tell neighbouring ticks apart.
 *
 * @param lo   first tick (≤ min)
 * @param hi   last tick (≥ max)
 * @param step distance between ticks (> 0)
 */
record Ticks(double lo, double hi, double step) {

    /** Ticks covering [min, max] with about {@code target} intervals; {@code integer} forces whole-number steps. */
    static Ticks nice(double min, double max, int target, boolean integer) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) { min = 0; max = 1; }
        if (max < min) { double t = min; min = max; max = t; }
        if (max - min < 1e-12 * Math.max(1, Math.abs(max))) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double raw = (max - min) / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
        if (integer) step = Math.max(1, Math.rint(step));
        double lo = Math.floor(min / step + 1e-9) * step, hi = Math.ceil(max / step - 1e-9) * step;
        return new Ticks(lo, hi, step);
    }

    /** The tick values from lo to hi. */
    double[] values() {
        int n = (int) Math.round((hi - lo) / step) + 1;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = lo + i * step;
        return v;
    }

    /** The tick's label, e.g. "0.25", "10", "1e-05". */
    String label(double v) {
        if (Math.abs(v) < step * 1e-6) v = 0;
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
        if (decimals > 6 || Math.abs(v) >= 1e7) return String.format(Locale.ROOT, "%.2g", v);
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
