package jtorch.train.plot;

import java.util.Locale;

/** Writes a {@link Chart} as an inline {@code <svg>} element (no scripts, no external references). */
final class SvgChart {
    private SvgChart() {}

    static String svg(Chart chart, int width, int height) {
        Frame f = new Frame(chart, 0, 0, width, height);
        StringBuilder b = new StringBuilder();
        b.append(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n",
                width, height, width, height, esc(chart.title())));
        b.append(fmt("<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fff\"/>%n", width, height));
        b.append(fmt("<text x=\"%.1f\" y=\"28\" text-anchor=\"middle\" class=\"title\">%s</text>%n",
                Frame.MARGIN_LEFT + f.plotW / 2, esc(chart.title())));
        for (double v : f.yTicks.values()) {
            double y = f.py(v);
            b.append(fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", f.plotX, y, f.plotX + f.plotW, y));
            b.append(fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", f.plotX - 5, y, f.plotX, y));
            b.append(fmt("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>%n", f.plotX - 8, y + 4, f.yTicks.label(v)));
        }
        for (double v : f.xTicks.values()) {
            double x = f.px(v);
            b.append(fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", x, f.plotY, x, f.plotY + f.plotH));
            b.append(fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", x, f.plotY + f.plotH, x, f.plotY + f.plotH + 5));
            b.append(fmt("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"tick\">%s</text>%n", x, f.plotY + f.plotH + 21, f.xTicks.label(v)));
        }
        b.append(fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" class=\"axis\"/>%n", f.plotX, f.plotY, f.plotW, f.plotH));
        b.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"label\">%s</text>%n", f.plotX + f.plotW / 2, height - 14, esc(chart.xLabel())));
        b.append(fmt("<text x=\"22\" y=\"%.1f\" text-anchor=\"middle\" class=\"label\" transform=\"rotate(-90 22 %.1f)\">%s</text>%n",
                f.plotY + f.plotH / 2 + 5, f.plotY + f.plotH / 2, esc(chart.yLabel())));
        if (Double.isFinite(chart.markerX())) {
            double x = f.px(chart.markerX());
            b.append(fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#666\" stroke-dasharray=\"3 4\"/>%n", x, f.plotY, x, f.plotY + f.plotH));
        }
        for (Chart.Series s : f.series) series(b, f, s);
        if (f.series.isEmpty()) {
            b.append(fmt("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"label\" fill=\"#888\">no data</text>%n",
                    f.plotX + f.plotW / 2, f.plotY + f.plotH / 2));
        } else {
            legend(b, f);
        }
        return b.append("</svg>\n").toString();
    }

    private static void series(StringBuilder b, Frame f, Chart.Series s) {
        String color = fmt("#%06x", s.rgb() & 0xFFFFFF);
        StringBuilder d = new StringBuilder();
        boolean open = false;
        for (int i = 0; i < s.x().length; i++) {
            if (!Double.isFinite(s.y()[i])) { open = false; continue; }
            d.append(fmt("%s%.1f %.1f ", open ? "L" : "M", f.px(s.x()[i]), f.py(s.y()[i])));
            open = true;
        }
        b.append(fmt("<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.2\" stroke-linejoin=\"round\"%s><title>%s</title></path>%n",
                d.toString().trim(), color, s.dashed() ? " stroke-dasharray=\"7 5\"" : "", esc(s.label())));
        if (s.x().length <= 60) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) continue;
                b.append(fmt("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.2\" fill=\"#fff\" stroke=\"%s\" stroke-width=\"1.6\"><title>%s, epoch %s: %s</title></circle>",
                        f.px(s.x()[i]), f.py(s.y()[i]), color, esc(s.label()), f.xTicks.label(s.x()[i]), fmt("%.4f", s.y()[i])));
            }
            b.append('\n');
        }
    }

    private static void legend(StringBuilder b, Frame f) {
        int rowH = 21, sample = 30, pad = 10, textW = 0;
        boolean marker = Double.isFinite(f.chart.markerX());
        for (Chart.Series s : f.series) textW = Math.max(textW, (int) Math.ceil(s.label().length() * 7.6));
        if (marker) textW = Math.max(textW, (int) Math.ceil(f.chart.markerLabel().length() * 7.6));
        int rows = f.series.size() + (marker ? 1 : 0);
        double w = pad + sample + 8 + textW + pad, h = pad + rowH * rows + pad - 4;
        int corner = f.legendCorner(w, h);
        double x = corner < 2 ? f.plotX + f.plotW - w - 10 : f.plotX + 10;
        double y = corner % 2 == 0 ? f.plotY + 10 : f.plotY + f.plotH - h - 10;
        b.append(fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#fff\" fill-opacity=\"0.9\" stroke=\"#bbb\"/>%n", x, y, w, h));
        for (int i = 0; i < f.series.size(); i++) {
            Chart.Series s = f.series.get(i);
            double cy = y + pad + rowH * i + rowH / 2.0 - 2;
            b.append(fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#%06x\" stroke-width=\"2.2\"%s/>", x + pad, cy, x + pad + sample, cy,
                    s.rgb() & 0xFFFFFF, s.dashed() ? " stroke-dasharray=\"7 5\"" : ""));
            b.append(fmt("<text x=\"%.1f\" y=\"%.1f\" class=\"label\">%s</text>%n", x + pad + sample + 8, cy + 5, esc(s.label())));
        }
        if (marker) {
            double cy = y + pad + rowH * f.series.size() + rowH / 2.0 - 2;
            b.append(fmt("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#666\" stroke-dasharray=\"3 4\"/>", x + pad, cy, x + pad + sample, cy));
            b.append(fmt("<text x=\"%.1f\" y=\"%.1f\" class=\"label\">%s</text>%n", x + pad + sample + 8, cy + 5, esc(f.chart.markerLabel())));
        }
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String fmt(String f, Object... a) { return String.format(Locale.ROOT, f, a); }
}
