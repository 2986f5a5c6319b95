package jtorch.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Drawings of a {@link Graph}: Graphviz DOT text, and a self-contained SVG with a simple layered layout (layer of a
 * node = 1 + the largest layer of its inputs; inputs on layer 0 at the top; nodes of a layer side by side in node
 * order). Each node shows its number, its module name (or "input k" / "entry e of n"), its label and the shape of
 * its output at the last forward; outputs have a double border; edges are arrows from input to consumer.
 */
final class GraphDrawing {
    private GraphDrawing() {}

    private static final int ROW = 90, GAP = 24, CHAR = 7, HEIGHT = 44, MARGIN = 20, SIDE = 60;

    /** First line of a node's box. */
    static String title(Graph g, int i) {
        Plan p = g.plan();
        String base = switch (p.kind[i]) {
            case INPUT -> "input " + indexOf(p.inputs, i);
            case MODULE -> g.moduleList().get(p.module[i]).name();
            case SELECT -> "entry " + p.entry[i] + " of " + p.splitSize[i];
        };
        return "(" + i + ") " + base + (p.label[i] == null ? "" : " '" + p.label[i] + "'");
    }

    static String dot(Graph g) {
        Plan p = g.plan();
        StringBuilder sb = new StringBuilder("digraph Graph {\n  rankdir=TB;\n  node [shape=box, style=rounded, "
                + "fontname=\"Helvetica\"];\n");
        for (int i = 0; i < p.size(); i++) {
            sb.append("  n").append(i).append(" [label=\"").append(dotEscape(title(g, i))).append("\\n")
                    .append(dotEscape(g.shapeOf(i))).append('"');
            if (p.kind[i] == Node.Kind.INPUT) sb.append(", shape=ellipse");
            if (p.kind[i] == Node.Kind.SELECT) sb.append(", shape=note");
            if (indexOf(p.outputs, i) >= 0) sb.append(", peripheries=2");
            sb.append("];\n");
        }
        for (int i = 0; i < p.size(); i++) {
            for (int j : p.in[i]) sb.append("  n").append(j).append(" -> n").append(i).append(";\n");
        }
        return sb.append("}\n").toString();
    }

    static String svg(Graph g) {
        Plan p = g.plan();
        int n = p.size();
        int[] layer = new int[n], width = new int[n];
        int layers = 0;
        for (int i = 0; i < n; i++) {
            for (int j : p.in[i]) layer[i] = Math.max(layer[i], layer[j] + 1);
            layers = Math.max(layers, layer[i] + 1);
            width[i] = Math.max(title(g, i).length(), g.shapeOf(i).length()) * CHAR + 16;
        }
        List<List<Integer>> rows = new ArrayList<>();
        for (int l = 0; l < layers; l++) rows.add(new ArrayList<>());
        for (int i = 0; i < n; i++) rows.get(layer[i]).add(i);
        int[] rowWidth = new int[layers];
        int total = 0;
        for (int l = 0; l < layers; l++) {
            for (int i : rows.get(l)) rowWidth[l] += width[i] + GAP;
            total = Math.max(total, rowWidth[l]);
        }
        double[] cx = new double[n], cy = new double[n];
        for (int l = 0; l < layers; l++) {
            List<Integer> row = rows.get(l);
            if (l > 0) row.sort(java.util.Comparator.comparingDouble(i -> barycenter(p.in[i], cx))); // fewer crossings
            double x = SIDE + MARGIN + (total - rowWidth[l]) / 2.0 + GAP / 2.0;
            for (int i : row) {
                cx[i] = x + width[i] / 2.0;
                cy[i] = MARGIN + l * ROW + HEIGHT / 2.0;
                x += width[i] + GAP;
            }
        }
        int w = total + 2 * MARGIN + 2 * SIDE, h = layers * ROW + 2 * MARGIN - (ROW - HEIGHT);
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(w).append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\""
                        + " markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/></marker></defs>\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int i = 0; i < n; i++) {
            for (int j : p.in[i]) {
                double x1 = cx[j], y1 = cy[j] + HEIGHT / 2.0, x2 = cx[i], y2 = cy[i] - HEIGHT / 2.0;
                double c1 = x1, c2 = x2, dy = (y2 - y1) / 3;
                double mid = detour(layer[j], layer[i], x1, x2, rows, cx, width);
                if (!Double.isNaN(mid)) c1 = c2 = (mid - (x1 + x2) / 8) / 0.75; // the curve's midpoint passes at mid
                sb.append(String.format(java.util.Locale.ROOT, "<path class=\"edge\" data-from=\"%d\" data-to=\"%d\""
                        + " d=\"M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"none\" stroke=\"#444\""
                        + " marker-end=\"url(#arrow)\"/>\n", j, i, x1, y1, c1, y1 + dy, c2, y2 - dy, x2, y2));
            }
        }
        for (int i = 0; i < n; i++) {
            String fill = switch (p.kind[i]) { case INPUT -> "#dbeafe"; case SELECT -> "#fef3c7"; case MODULE -> "#f3f4f6"; };
            boolean output = indexOf(p.outputs, i) >= 0;
            double x = cx[i] - width[i] / 2.0, y = cy[i] - HEIGHT / 2.0;
            sb.append("<g class=\"node\" data-node=\"").append(i).append("\">\n");
            sb.append(String.format(java.util.Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" rx=\"%d\""
                    + " fill=\"%s\" stroke=\"#222\" stroke-width=\"%s\"/>\n", x, y, width[i], HEIGHT,
                    p.kind[i] == Node.Kind.INPUT ? HEIGHT / 2 : 6, fill, output ? "3" : "1"));
            sb.append(String.format(java.util.Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                    cx[i], cy[i] - 3, xmlEscape(title(g, i))));
            sb.append(String.format(java.util.Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\""
                    + " fill=\"#555\">%s</text>\n</g>\n", cx[i], cy[i] + 13, xmlEscape(g.shapeOf(i))));
        }
        return sb.append("</svg>\n").toString();
    }

    private static double barycenter(int[] in, double[] cx) {
        double s = 0;
        for (int j : in) s += cx[j];
        return in.length == 0 ? 0 : s / in.length;
    }

    /**
     * For an edge over more than one layer: the x where it should cross the middle to pass beside the boxes of the
     * layers in between that its straight line would cut (right or left, whichever is shorter); NaN when none.
     */
    private static double detour(int from, int to, double x1, double x2, List<List<Integer>> rows, double[] cx, int[] width) {
        double lo = Math.min(x1, x2) - 10, hi = Math.max(x1, x2) + 10, left = Double.NaN, right = Double.NaN;
        for (int l = from + 1; l < to; l++) {
            for (int k : rows.get(l)) {
                double a = cx[k] - width[k] / 2.0, b = cx[k] + width[k] / 2.0;
                if (b < lo || a > hi) continue;
                left = Double.isNaN(left) ? a : Math.min(left, a);
                right = Double.isNaN(right) ? b : Math.max(right, b);
            }
        }
        if (Double.isNaN(left)) return Double.NaN;
        return right - hi <= lo - left ? right + 15 : left - 15;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        return -1;
    }

    private static String dotEscape(String s) { return s.replace("\\", "\\\\").replace("\"", "\\\""); }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
