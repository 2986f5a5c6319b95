package jtorch.train.plot;

import java.util.List;

/**
 * One line chart: a title, axis labels, the series to draw and an optional vertical marker (e.g. the best epoch).
 * The same value is drawn by {@link PngChart} (Java2D) and {@link SvgChart} (SVG text), so both pictures agree.
 *
 * @param title   drawn above the plot area
 * @param xLabel  label under the x axis
 * @param yLabel  label left of the y axis (drawn rotated)
 * @param series  lines; a NaN y value leaves a gap
 * @param markerX x of a dotted vertical marker line, NaN for none
 * @param markerLabel the marker's legend entry
 * @param yMax    the largest value the quantity can take (1 for accuracies), NaN for none: the axis stops there
 */
record Chart(String title, String xLabel, String yLabel, List<Series> series, double markerX, String markerLabel,
             double yMax) {
    Chart {
        series = List.copyOf(series);
    }

    /**
     * One line: {@code y[i]} at {@code x[i]}.
     *
     * @param rgb    line colour, 0xRRGGBB
     * @param dashed drawn dashed (the second series of a pair, so grey-scale prints still tell them apart)
     */
    record Series(String label, double[] x, double[] y, int rgb, boolean dashed) {
        Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("Chart.Series '" + label + "': " + x.length + " x values but " + y.length + " y values");
            }
            x = x.clone();
            y = y.clone();
        }

        /** True when at least one y value is finite. */
        boolean hasData() {
            for (int i = 0; i < y.length; i++) if (Double.isFinite(y[i]) && Double.isFinite(x[i])) return true;
            return false;
        }
    }

    /** The series that have something to draw. */
    List<Series> drawable() {
        return series.stream().filter(Series::hasData).toList();
    }
}
