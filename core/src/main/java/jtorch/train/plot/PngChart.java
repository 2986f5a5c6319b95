package jtorch.train.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** Draws a {@link Chart} with Java2D into a panel of a {@link java.awt.image.BufferedImage}. */
final class PngChart {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Color AXIS = new Color(0x33, 0x33, 0x33), GRID = new Color(0xE3, 0xE3, 0xE3), TEXT = new Color(0x22, 0x22, 0x22);

    private PngChart() {}

    static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    /** Draws {@code chart} into the panel at (left, top) of size width × height. */
    static void draw(Graphics2D g, Chart chart, int left, int top, int width, int height) {
        hints(g);
        Frame f = new Frame(chart, left, top, width, height);
        g.setColor(Color.WHITE);
        g.fillRect(left, top, width, height);
        // title
        g.setFont(TITLE);
        g.setColor(TEXT);
        centered(g, chart.title(), left + Frame.MARGIN_LEFT + f.plotW / 2, top + 28);
        // grid and ticks
        g.setFont(TICK);
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(1f));
        for (double v : f.yTicks.values()) {
            double y = f.py(v);
            g.setColor(GRID);
            g.draw(new Line2D.Double(f.plotX, y, f.plotX + f.plotW, y));
            g.setColor(AXIS);
            g.draw(new Line2D.Double(f.plotX - 5, y, f.plotX, y));
            String s = f.yTicks.label(v);
            g.setColor(TEXT);
            g.drawString(s, (float) (f.plotX - 8 - fm.stringWidth(s)), (float) (y + fm.getAscent() / 2.0 - 1));
        }
        for (double v : f.xTicks.values()) {
            double x = f.px(v);
            g.setColor(GRID);
            g.draw(new Line2D.Double(x, f.plotY, x, f.plotY + f.plotH));
            g.setColor(AXIS);
            g.draw(new Line2D.Double(x, f.plotY + f.plotH, x, f.plotY + f.plotH + 5));
            g.setColor(TEXT);
            centered(g, f.xTicks.label(v), x, f.plotY + f.plotH + 8 + fm.getAscent());
        }
        g.setColor(AXIS);
        g.draw(new Rectangle2D.Double(f.plotX, f.plotY, f.plotW, f.plotH));
        // axis labels
        g.setFont(LABEL);
        g.setColor(TEXT);
        centered(g, chart.xLabel(), f.plotX + f.plotW / 2, top + height - 14);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, left + 22, f.plotY + f.plotH / 2);
        centered(g, chart.yLabel(), left + 22, f.plotY + f.plotH / 2 + 5);
        g.setTransform(saved);
        // marker
        if (Double.isFinite(chart.markerX())) {
            double x = f.px(chart.markerX());
            g.setColor(new Color(0x66, 0x66, 0x66));
            g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 4f}, 0f));
            g.draw(new Line2D.Double(x, f.plotY, x, f.plotY + f.plotH));
        }
        // series, clipped to the plot area
        java.awt.Shape clip = g.getClip();
        g.clip(new Rectangle2D.Double(f.plotX, f.plotY, f.plotW + 1, f.plotH + 1));
        for (Chart.Series s : f.series) drawSeries(g, f, s);
        g.setClip(clip);
        if (f.series.isEmpty()) {
            g.setFont(LABEL);
            g.setColor(Color.GRAY);
            centered(g, "no data", f.plotX + f.plotW / 2, f.plotY + f.plotH / 2);
        } else {
            legend(g, f);
        }
    }

    private static void drawSeries(Graphics2D g, Frame f, Chart.Series s) {
        Color c = new Color(s.rgb());
        g.setColor(c);
        g.setStroke(s.dashed()
                ? new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f)
                : new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double path = new Path2D.Double();
        boolean open = false;
        int n = s.x().length;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(s.y()[i])) { open = false; continue; }
            if (open) path.lineTo(f.px(s.x()[i]), f.py(s.y()[i]));
            else path.moveTo(f.px(s.x()[i]), f.py(s.y()[i]));
            open = true;
        }
        g.draw(path);
        if (n <= 60) {
            double r = 3.2;
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(s.y()[i])) continue;
                Ellipse2D.Double dot = new Ellipse2D.Double(f.px(s.x()[i]) - r, f.py(s.y()[i]) - r, 2 * r, 2 * r);
                g.setColor(Color.WHITE);
                g.fill(dot);
                g.setColor(c);
                g.setStroke(new BasicStroke(1.6f));
                g.draw(dot);
            }
        }
    }

    private static void legend(Graphics2D g, Frame f) {
        g.setFont(LABEL);
        FontMetrics fm = g.getFontMetrics();
        int rowH = fm.getHeight() + 4, sample = 30, pad = 10;
        int textW = 0;
        boolean marker = Double.isFinite(f.chart.markerX());
        for (Chart.Series s : f.series) textW = Math.max(textW, fm.stringWidth(s.label()));
        if (marker) textW = Math.max(textW, fm.stringWidth(f.chart.markerLabel()));
        int rows = f.series.size() + (marker ? 1 : 0);
        double w = pad + sample + 8 + textW + pad, h = pad + rowH * rows + pad - 4;
        int corner = f.legendCorner(w, h);
        double x = corner < 2 ? f.plotX + f.plotW - w - 10 : f.plotX + 10;
        double y = corner % 2 == 0 ? f.plotY + 10 : f.plotY + f.plotH - h - 10;
        g.setColor(new Color(255, 255, 255, 230));
        g.fill(new Rectangle2D.Double(x, y, w, h));
        g.setColor(new Color(0xBB, 0xBB, 0xBB));
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(x, y, w, h));
        for (int i = 0; i < f.series.size(); i++) {
            Chart.Series s = f.series.get(i);
            double cy = y + pad + rowH * i + rowH / 2.0 - 2;
            g.setColor(new Color(s.rgb()));
            g.setStroke(s.dashed()
                    ? new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f)
                    : new BasicStroke(2.2f));
            g.draw(new Line2D.Double(x + pad, cy, x + pad + sample, cy));
            g.setColor(TEXT);
            g.drawString(s.label(), (float) (x + pad + sample + 8), (float) (cy + fm.getAscent() / 2.0 - 2));
        }
        if (marker) {
            double cy = y + pad + rowH * f.series.size() + rowH / 2.0 - 2;
            g.setColor(new Color(0x66, 0x66, 0x66));
            g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 4f}, 0f));
            g.draw(new Line2D.Double(x + pad, cy, x + pad + sample, cy));
            g.setColor(TEXT);
            g.drawString(f.chart.markerLabel(), (float) (x + pad + sample + 8), (float) (cy + fm.getAscent() / 2.0 - 2));
        }
    }

    static void centered(Graphics2D g, String s, double cx, double baseline) {
        g.drawString(s, (float) (cx - g.getFontMetrics().stringWidth(s) / 2.0), (float) baseline);
    }
}
