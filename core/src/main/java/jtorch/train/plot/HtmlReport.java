package jtorch.train.plot;

import java.util.Locale;

/**
 * The training curves as one self-contained HTML page: both charts as inline SVG, then a table of every epoch. No
 * scripts and no external style sheets, fonts or images, so the file can be mailed or archived as it is.
 */
final class HtmlReport {
    static final int W = 620, H = 400;

    private HtmlReport() {}

    static String page(Curves c, String title) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(SvgChart.esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;color:#222;margin:24px;}\n")
                .append("h1{font-size:22px;margin:0 0 12px}\n.charts{display:flex;flex-wrap:wrap;gap:16px}\n")
                .append("svg text{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;fill:#222}\n")
                .append("svg .title{font-size:17px;font-weight:bold}\nsvg .label{font-size:14px}\nsvg .tick{font-size:12px}\n")
                .append("svg .grid{stroke:#e3e3e3;stroke-width:1}\nsvg .axis{stroke:#333;stroke-width:1}\n")
                .append("table{border-collapse:collapse;margin-top:18px;font-size:13px}\n")
                .append("th,td{border:1px solid #ccc;padding:3px 10px;text-align:right}\nth{background:#f3f3f3}\n")
                .append("tr.best td{background:#fff4d6;font-weight:bold}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(SvgChart.esc(title)).append("</h1>\n");
        b.append("<p>").append(summary(c)).append("</p>\n<div class=\"charts\">\n");
        b.append(SvgChart.svg(c.lossChart(), W, H)).append(SvgChart.svg(c.accuracyChart(), W, H));
        b.append("</div>\n<table>\n<tr><th>epoch</th><th>train loss</th><th>train accuracy</th>")
                .append("<th>validation loss</th><th>validation accuracy</th></tr>\n");
        for (int i = 0; i < c.size(); i++) {
            b.append(c.epochs()[i] == c.bestEpoch() ? "<tr class=\"best\">" : "<tr>")
                    .append("<td>").append(c.epochs()[i]).append("</td>")
                    .append(cell(c.trainLoss()[i])).append(cell(c.trainAccuracy()[i]))
                    .append(cell(c.valLoss()[i])).append(cell(c.valAccuracy()[i])).append("</tr>\n");
        }
        return b.append("</table>\n</body>\n</html>\n").toString();
    }

    private static String summary(Curves c) {
        if (c.size() == 0) return "No epochs recorded.";
        int last = c.size() - 1;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%d epochs; last: train loss %.4f, train accuracy %.4f",
                c.size(), c.trainLoss()[last], c.trainAccuracy()[last]));
        if (Double.isFinite(c.valAccuracy()[last])) {
            s.append(String.format(Locale.ROOT, ", validation loss %.4f, validation accuracy %.4f", c.valLoss()[last], c.valAccuracy()[last]));
        }
        if (c.bestEpoch() > 0) s.append("; best epoch ").append(c.bestEpoch()).append(" (highlighted)");
        return s.append('.').toString();
    }

    private static String cell(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "<td>%.4f</td>", v) : "<td>–</td>";
    }
}
