package jtorch.tensor;

import java.util.Locale;

/**
 * Torch7-style printing: 2-d slices as rows of aligned numbers, higher ranks as {@code (i,j,.,.) =} blocks, then a
 * footer {@code [F32 tensor of size 2x3]}. Dimensions longer than {@value #EDGE}·2 are elided with "..." when the tensor
 * has more than {@value #FULL_LIMIT} elements.
 * <p>One number format for the whole tensor, chosen from the printed values: integers when every finite value is a
 * whole number below 1e7 in magnitude, else 4 decimals when the non-zero magnitudes lie in [1e-4, 1e5), else
 * scientific with 4 decimals. Non-finite values print as {@code nan}, {@code inf}, {@code -inf}; negative zero as
 * {@code -0}.
 */
final class TensorFormat {
    static final int EDGE = 3;
    static final int FULL_LIMIT = 1000;

    private TensorFormat() {}

    /** How numbers print: whole numbers, fixed 4 decimals, or scientific. */
    private enum Style { INT, FIXED, SCI }

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder();
        boolean elide = t.numel() > FULL_LIMIT;
        Style style = style(t);
        if (t.numel() == 0) sb.append("[empty]\n");
        else if (t.dim() == 0) sb.append(num(t.item(), style)).append('\n');
        else if (t.dim() == 1) matrix(sb, t.unsqueeze(1), elide, style);
        else if (t.dim() == 2) matrix(sb, t, elide, style);
        else blocks(sb, t, new StringBuilder("("), elide, style);
        sb.append('[').append(t.dtype()).append(" tensor of size ");
        if (t.dim() == 0) sb.append("[] (scalar)");
        for (int d = 0; d < t.dim(); d++) sb.append(d == 0 ? "" : "x").append(t.size(d));
        return sb.append(']').toString();
    }

    private static void blocks(StringBuilder sb, Tensor t, StringBuilder prefix, boolean elide, Style style) {
        if (t.dim() == 2) {
            sb.append(prefix).append(".,.) = \n");
            matrix(sb, t, elide, style);
            sb.append('\n');
            return;
        }
        int n = t.size(0);
        for (int i = 0; i < n; i++) {
            if (elide && n > 2 * EDGE && i == EDGE) { sb.append("...\n\n"); i = n - EDGE; }
            int len = prefix.length();
            prefix.append(i).append(',');
            blocks(sb, t.select(0, i), prefix, elide, style);
            prefix.setLength(len);
        }
    }

    private static void matrix(StringBuilder sb, Tensor m, boolean elide, Style style) {
        int rows = m.size(0), cols = m.size(1);
        int[] ri = pick(rows, elide), ci = pick(cols, elide);
        String[][] cells = new String[ri.length][ci.length];
        int width = 1;
        for (int r = 0; r < ri.length; r++) {
            for (int c = 0; c < ci.length; c++) {
                cells[r][c] = ri[r] < 0 || ci[c] < 0 ? "..." : num(m.get(ri[r], ci[c]), style);
                width = Math.max(width, cells[r][c].length());
            }
        }
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                sb.append(c == 0 ? "" : " ").append(" ".repeat(width - row[c].length())).append(row[c]);
            }
            sb.append('\n');
        }
    }

    /** Indices to print along a dimension of size n; -1 marks the elision. */
    private static int[] pick(int n, boolean elide) {
        if (!elide || n <= 2 * EDGE) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        int[] p = new int[2 * EDGE + 1];
        for (int i = 0; i < EDGE; i++) { p[i] = i; p[EDGE + 1 + i] = n - EDGE + i; }
        p[EDGE] = -1;
        return p;
    }

    /** The style that prints every value of {@code t} (all of them, elided ones included: cheap and stable). */
    private static Style style(Tensor t) {
        if (t.dtype() == DType.I32) return Style.INT;
        boolean whole = true;
        double maxAbs = 0, minAbs = Double.POSITIVE_INFINITY;
        for (double v : t.toDoubleArray()) {
            if (Double.isNaN(v) || Double.isInfinite(v)) continue;
            double a = Math.abs(v);
            if (v != Math.rint(v)) whole = false;
            maxAbs = Math.max(maxAbs, a);
            if (a > 0) minAbs = Math.min(minAbs, a);
        }
        if (whole && maxAbs < 1e7) return Style.INT;
        return maxAbs < 1e5 && minAbs >= 1e-4 ? Style.FIXED : Style.SCI;
    }

    private static String num(double v, Style style) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return switch (style) {
            case INT -> v == 0 && 1 / v < 0 ? "-0" : Long.toString((long) v);
            case FIXED -> String.format(Locale.ROOT, "%.4f", v);
            case SCI -> String.format(Locale.ROOT, "%.4e", v);
        };
    }
}
