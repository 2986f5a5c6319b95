package jtorch.train.plot;

import java.util.List;

/**
 * Where a {@link Chart} goes inside a panel of {@code width × height} pixels at ({@code left}, {@code top}): the plot
 * area (margins for title, tick labels and axis labels), the tick sets and the data-to-pixel mapping. Shared by the
 * PNG and the SVG renderer.
 */
final class Frame {
    static final int MARGIN_LEFT = 78, MARGIN_RIGHT = 24, MARGIN_TOP = 44, MARGIN_BOTTOM = 58;

    final Chart chart;
    final List<Chart.Series> series;
    final double plotX, plotY, plotW, plotH;
    final Ticks xTicks, yTicks;

    Frame(Chart chart, double left, double top, double width, double height) {
        this.chart = chart;
        this.series = chart.drawable();
        plotX = left + MARGIN_LEFT;
        plotY = top + MARGIN_TOP;
        plotW = width - MARGIN_LEFT - MARGIN_RIGHT;
        plotH = height - MARGIN_TOP - MARGIN_BOTTOM;
        double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (Chart.Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                double x = s.x()[i], y = s.y()[i];
                if (!Double.isFinite(x) || !Double.isFinite(y)) continue;
                xMin = Math.min(xMin, x);
                xMax = Math.max(xMax, x);
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        if (xMin > xMax) { xMin = 0; xMax = 1; yMin = 0; yMax = 1; }
        if (Double.isFinite(chart.markerX()) && chart.markerX() >= xMax) {
            xMax = chart.markerX() + Math.max(0.5, (xMax - xMin) * 0.04); // a marker on the last x stays off the frame
        }
        double pad = (yMax - yMin) * 0.04;
        double lo = yMin - pad, hi = yMax + pad;
        if (yMin >= 0 && lo < 0) lo = 0; // losses and accuracies are never negative: no axis below 0
        if (Double.isFinite(chart.yMax()) && yMax <= chart.yMax() && hi > chart.yMax()) hi = chart.yMax();
        xTicks = xMax > xMin ? Ticks.nice(xMin, xMax, 8, true) : Ticks.nice(xMin - 1, xMax + 1, 8, true);
        yTicks = Ticks.nice(lo, hi, 6, false);
    }

    double px(double x) { return plotX + (x - xTicks.lo()) / (xTicks.hi() - xTicks.lo()) * plotW; }

    double py(double y) { return plotY + plotH - (y - yTicks.lo()) / (yTicks.hi() - yTicks.lo()) * plotH; }

    /**
     * The corner of the plot area that the fewest data points fall in, for the legend: 0 top-right, 1 bottom-right,
     * 2 top-left, 3 bottom-left.
     */
    int legendCorner(double legendW, double legendH) {
        int best = 0, bestCount = Integer.MAX_VALUE;
        for (int corner = 0; corner < 4; corner++) {
            double cx = corner < 2 ? plotX + plotW - legendW - 10 : plotX + 10;
            double cy = corner % 2 == 0 ? plotY + 10 : plotY + plotH - legendH - 10;
            int count = 0;
            for (Chart.Series s : series) {
                for (int i = 0; i < s.x().length; i++) {
                    if (!Double.isFinite(s.y()[i])) continue;
                    double x = px(s.x()[i]), y = py(s.y()[i]);
                    if (x >= cx - 8 && x <= cx + legendW + 8 && y >= cy - 8 && y <= cy + legendH + 8) count++;
                }
            }
            if (count < bestCount) { best = corner; bestCount = count; }
        }
        return best;
    }
}
