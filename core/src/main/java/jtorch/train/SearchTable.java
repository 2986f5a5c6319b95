package jtorch.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats {@link RandomSearch} trials as an aligned text table (numbers right-aligned, text left-aligned); a failed
 * trial shows "failed" as its score and its exception in a last "error" column.
 */
final class SearchTable {
    private SearchTable() {}

    static String format(List<RandomSearch.Trial> trials, List<String> names, List<String> intNames) {
        List<String> header = new ArrayList<>(List.of("rank", "trial"));
        header.addAll(names);
        header.addAll(List.of("score", "epochs", "seconds"));
        boolean failures = trials.stream().anyMatch(t -> t.error() != null);
        if (failures) header.add("error");
        List<List<String>> rows = new ArrayList<>();
        int rank = 0;
        for (RandomSearch.Trial t : trials) {
            List<String> r = new ArrayList<>();
            r.add(Integer.toString(++rank));
            r.add(Integer.toString(t.index()));
            for (String n : names) {
                Object v = t.params().get(n);
                r.add(v instanceof Double d ? (intNames.contains(n) ? Long.toString(d.longValue()) : num(d)) : String.valueOf(v));
            }
            r.add(t.error() != null ? "failed" : num(t.score()));
            r.add(Integer.toString(t.epochs()));
            r.add(String.format(Locale.ROOT, "%.1f", t.seconds()));
            if (failures) r.add(t.error() == null ? "" : t.error());
            rows.add(r);
        }
        int[] w = new int[header.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = header.get(c).length();
            for (List<String> r : rows) w[c] = Math.max(w[c], r.get(c).length());
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w, null);
        for (List<String> r : rows) line(sb, r, w, r);
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w, List<String> row) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String s = cells.get(c);
            boolean right = row != null && isNumber(s);
            String pad = " ".repeat(w[c] - s.length());
            if (c > 0) l.append("  ");
            l.append(right ? pad + s : s + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String num(double v) { return String.format(Locale.ROOT, "%.4g", v); }
}
