package jtorch.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reader for numeric CSV files with one label column: every row has the same number of comma-separated fields (spaces
 * around a field are ignored, blank lines skipped, an optional header row skipped); the label column becomes the
 * targets I32 [N], every other column, in order, the inputs F32 [N, F]. Labels are non-negative integers, or any
 * strings when a {@link LabelEncoder} is given. Features must be finite decimal numbers. A malformed row is a
 * {@link DataFormatException} naming the file, line, field (1-based) and byte offset. Plain or gzip files.
 */
public final class Csv {
    private Csv() {}

    /** The largest file (decompressed) {@link #read} accepts: 1 GiB. */
    public static final long MAX_BYTES = 1L << 30;

    /**
     * What a file must look like: label column index (negative counts from the end: -1 = last), whether the first
     * row is a header, the field count per row (-1 = whatever the first row has), the inclusive feature range, the
     * number of classes (-1 = any non-negative label) and an encoder for string labels (null = integer labels).
     */
    public record Spec(int labelColumn, boolean header, int fields, double min, double max, int classes,
                       LabelEncoder encoder) {
        /** Integer labels, any field count, any finite values. */
        public static Spec of(int labelColumn, boolean header) {
            return new Spec(labelColumn, header, -1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -1, null);
        }
    }

    /** {@code file} with integer labels in column {@code labelColumn} (-1 = last). */
    public static TensorDataset read(Path file, int labelColumn, boolean header) {
        return read(file, Spec.of(labelColumn, header));
    }

    /** {@code file} with string labels in column {@code labelColumn}, numbered by {@code labels}. */
    public static TensorDataset read(Path file, int labelColumn, boolean header, LabelEncoder labels) {
        Spec s = Spec.of(labelColumn, header);
        return read(file, new Spec(s.labelColumn(), header, -1, s.min(), s.max(), -1, labels));
    }

    public static TensorDataset read(Path file, Spec spec) { return parse(Sources.readAll(file, MAX_BYTES), file.toString(), spec); }

    /** The distinct values of column {@code column} (-1 = last), e.g. to {@link LabelEncoder#fit} string labels. */
    public static List<String> column(Path file, int column, boolean header) {
        byte[] b = Sources.readAll(file, MAX_BYTES);
        List<String> r = new ArrayList<>();
        Rows rows = new Rows(b, file.toString());
        int col = Integer.MIN_VALUE;
        for (boolean first = true; rows.next(); first = false) {
            if (col == Integer.MIN_VALUE) col = resolve(column, rows, file.toString());
            if (first && header) continue;
            if (col >= rows.count) throw rows.error(0, "expected at least " + (col + 1) + " fields, got " + rows.count);
            r.add(rows.text(col));
        }
        return r;
    }

    /** Parses CSV bytes; {@code source} names them in errors. */
    public static TensorDataset parse(byte[] data, String source, Spec spec) {
        Rows rows = new Rows(data, source);
        int fields = spec.fields(), label = 0, n = 0;
        float[] x = new float[1024];
        int[] y = new int[64];
        boolean first = true;
        while (rows.next()) {
            if (first) {
                if (fields < 0) fields = rows.count;
                if (fields < 2 && rows.count == fields) throw rows.error(0, "expected at least 2 fields (features and a "
                        + "label), got " + rows.count);
                label = resolve(spec.labelColumn(), rows, source);
            }
            if (rows.count != fields) throw rows.error(0, "expected " + fields + " fields, got " + rows.count);
            if (first && spec.header()) { first = false; continue; }
            first = false;
            if ((long) (n + 1) * (fields - 1) > Integer.MAX_VALUE - 16) throw rows.error(0, "too many values for one tensor");
            if ((n + 1) * (fields - 1) > x.length) x = Arrays.copyOf(x, Math.max((n + 1) * (fields - 1), x.length * 2));
            if (n == y.length) y = Arrays.copyOf(y, 2 * n);
            int k = n * (fields - 1);
            for (int f = 0; f < fields; f++) {
                if (f == label) y[n] = spec.encoder() == null ? rows.label(f, spec.classes()) : encode(rows, f, spec.encoder());
                else x[k++] = rows.number(f, spec.min(), spec.max());
            }
            n++;
        }
        if (n == 0) throw new DataFormatException(source, data.length, "expected at least one data row");
        return new TensorDataset(Sources.wrap(Arrays.copyOf(x, n * (fields - 1)), n, fields - 1),
                Sources.wrap(Arrays.copyOf(y, n), n));
    }

    private static int encode(Rows rows, int f, LabelEncoder enc) {
        try {
            return enc.encode(rows.text(f));
        } catch (IllegalArgumentException e) {
            throw rows.error(f + 1, e.getMessage());
        }
    }

    private static int resolve(int column, Rows rows, String source) {
        int c = column < 0 ? rows.count + column : column;
        if (c < 0 || c >= rows.count) throw rows.error(0, "label column " + column + " does not exist in a row of "
                + rows.count + " fields");
        return c;
    }

    /** A cursor over the lines and fields of CSV bytes. */
    static final class Rows {
        private final byte[] b;
        private final String source;
        private int pos, line, lineStart, count;
        private int[] starts = new int[16], ends = new int[16];

        Rows(byte[] b, String source) { this.b = b; this.source = source; }

        /** Advances to the next non-blank line; false at the end. */
        boolean next() {
            while (pos < b.length) {
                lineStart = pos;
                line++;
                int end = pos;
                while (end < b.length && b[end] != '\n') end++;
                pos = end + 1;
                int e = end > lineStart && b[end - 1] == '\r' ? end - 1 : end;
                if (blank(lineStart, e)) continue;
                count = 0;
                int s = lineStart;
                for (int i = lineStart; i <= e; i++) {
                    if (i == e || b[i] == ',') {
                        if (count == starts.length) { starts = Arrays.copyOf(starts, 2 * count); ends = Arrays.copyOf(ends, 2 * count); }
                        starts[count] = s;
                        ends[count++] = i;
                        s = i + 1;
                    }
                }
                return true;
            }
            return false;
        }

        private boolean blank(int s, int e) {
            for (int i = s; i < e; i++) if (b[i] != ' ' && b[i] != '\t') return false;
            return true;
        }

        String text(int f) { return new String(b, starts[f], ends[f] - starts[f], StandardCharsets.UTF_8).strip(); }

        float number(int f, double min, double max) {
            String s = text(f);
            boolean ok = !s.isEmpty();
            for (int i = 0; ok && i < s.length(); i++) ok = "0123456789+-.eE".indexOf(s.charAt(i)) >= 0;
            double v = Double.NaN;
            if (ok) {
                try { v = Double.parseDouble(s); } catch (NumberFormatException e) { ok = false; }
            }
            if (!ok || !Double.isFinite(v) || !Float.isFinite((float) v)) throw error(f + 1, "expected a finite number, got '" + clip(s) + "'");
            if (v < min || v > max) throw error(f + 1, "expected a number in [" + fmt(min) + ", " + fmt(max) + "], got '" + clip(s) + "'");
            return (float) v;
        }

        int label(int f, int classes) {
            String s = text(f);
            int v = -1;
            if (!s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit)) v = Integer.parseInt(s);
            if (v < 0 || (classes > 0 && v >= classes)) throw error(f + 1, "expected an integer label in [0, "
                    + (classes > 0 ? (classes - 1) + "]" : "999999999]") + ", got '" + clip(s) + "'");
            return v;
        }

        /** An error at 1-based {@code field} of the current line (0 = the line as a whole). */
        DataFormatException error(int field, String what) {
            return DataFormatException.atLine(source, field > 0 ? starts[field - 1] : lineStart, line, field, what);
        }

        private static String clip(String s) { return s.length() > 40 ? s.substring(0, 40) + "..." : s; }

        private static String fmt(double v) { return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v); }
    }
}
