package jtorch.tensor;

import java.util.Locale;

/**
 * Torch7-style printing: 2-d slices as rows of aligned numbers, higher ranks as {@code (i,j,.,.) =} blocks, then a
 * footer {@code [F32 tensor of size 2x3]}. Dimensions longer than {@value #EDGE}·2 are elided with "...".
 */
final class TensorFormat {
    static final int EDGE = 3;
    static final int FULL_LIMIT = 1000;

    private TensorFormat() {}

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder();
        boolean elide = t.numel() > FULL_LIMIT;
        if (t.numel() == 0) sb.append("[empty]\n");
        else if (t.dim() == 0) sb.append(num(t.item(), t.dtype())).append('\n');
        else if (t.dim() == 1) matrix(sb, t.unsqueeze(1), elide);
        else if (t.dim() == 2) matrix(sb, t, elide);
        else blocks(sb, t, new StringBuilder("("), elide);
        sb.append('[').append(t.dtype()).append(" tensor of size ");
        if (t.dim() == 0) sb.append("[] (scalar)");
        for (int d = 0; d < t.dim(); d++) sb.append(d == 0 ? "" : "x").append(t.size(d));
        return sb.append(']').toString();
    }

    private static void blocks(StringBuilder sb, Tensor t, StringBuilder prefix, boolean elide) {
        if (t.dim() == 2) {
            sb.append(prefix).append(".,.) = \n");
            matrix(sb, t, elide);
            sb.append('\n');
            return;
        }
        int n = t.size(0);
        for (int i = 0; i < n; i++) {
            if (elide && n > 2 * EDGE && i == EDGE) { sb.append("...\n\n"); i = n - EDGE; }
            int len = prefix.length();
            prefix.append(i).append(',');
            blocks(sb, t.select(0, i), prefix, elide);
            prefix.setLength(len);
        }
    }

    private static void matrix(StringBuilder sb, Tensor m, boolean elide) {
        int rows = m.size(0), cols = m.size(1);
        int[] ri = pick(rows, elide), ci = pick(cols, elide);
        String[][] cells = new String[ri.length][ci.length];
        int width = 1;
        for (int r = 0; r < ri.length; r++) {
            for (int c = 0; c < ci.length; c++) {
                cells[r][c] = ri[r] < 0 || ci[c] < 0 ? "..." : num(m.get(ri[r], ci[c]), m.dtype());
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

    private static String num(double v, DType dtype) {
        if (dtype == DType.I32) return Integer.toString((int) v);
        if (v == Math.rint(v) && Math.abs(v) < 1e7) return Long.toString((long) v);
        double a = Math.abs(v);
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        if (a >= 1e-4 && a < 1e7) return String.format(Locale.ROOT, "%.4f", v);
        return String.format(Locale.ROOT, "%.4e", v);
    }
}
