package jtorch.train.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * A scatter plot of 2-D points coloured by class (e.g. a learned 2-D embedding of test images), as a PNG of
 * 900 × 720 pixels: the points (small translucent dots, drawn in a fixed shuffled order so that no
 * class is always on top), axes with nice ticks, and a legend of the class colours on the right.
 * Classes are 0..k-1 with k ≤ 20 (the 10 "tab10" colours, then 10 darker ones).
 */
public final class ScatterPng {
    static final int W = 900, H = 720, LEGEND = 170;
    private static final int[] PALETTE = {0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2,
            0x7F7F7F, 0xBCBD22, 0x17BECF, 0x0B3C5D, 0x994000, 0x145214, 0x6B1313, 0x4B2E6B, 0x4A2C26, 0x8A2A6E,
            0x3A3A3A, 0x5E5E10, 0x0B6470};

    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private ScatterPng() {}

    /**
     * Writes point i at ({@code x[i]}, {@code y[i]}) in the colour of class {@code cls[i]} to {@code png};
     * {@code classNames} names the classes in the legend (its size is the number of classes).
     */
    public static void write(String title, double[] x, double[] y, int[] cls, List<String> classNames, Path png) {
        write(title, "", "", x, y, cls, classNames, png);
    }

    /** {@link #write(String, double[], double[], int[], List, Path)} with labels under the x axis and left of the y axis. */
    public static void write(String title, String xLabel, String yLabel, double[] x, double[] y, int[] cls,
                             List<String> classNames, Path png) {
        if (x.length != y.length || x.length != cls.length) throw new IllegalArgumentException("ScatterPng.write: "
                + x.length + " x values, " + y.length + " y values and " + cls.length + " classes");
        int k = classNames.size();
        if (k < 1 || k > PALETTE.length) throw new IllegalArgumentException("ScatterPng.write: 1.." + PALETTE.length
                + " classes, got " + k);
        for (int i = 0; i < cls.length; i++) if (cls[i] < 0 || cls[i] >= k) throw new IllegalArgumentException(
                "ScatterPng.write: point " + i + " has class " + cls[i] + ", outside 0.." + (k - 1));
        Plots.writePng(render(title, xLabel, yLabel, x, y, cls, classNames), png);
    }

    /** The colour of class c, 0xRRGGBB. */
    public static int colour(int c) { return PALETTE[c]; }

    static BufferedImage render(String title, String xLabel, String yLabel, double[] x, double[] y, int[] cls,
                                List<String> names) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        PngChart.hints(g);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double x0 = Frame.MARGIN_LEFT, y0 = Frame.MARGIN_TOP;
        double pw = W - LEGEND - x0 - Frame.MARGIN_RIGHT, ph = H - y0 - Frame.MARGIN_BOTTOM;
        Ticks tx = ticks(x), ty = ticks(y);
        g.setFont(PngChart.TITLE);
        g.setColor(PngChart.TEXT);
        PngChart.centered(g, title, x0 + pw / 2, 28);
        g.setFont(PngChart.TICK);
        FontMetrics fm = g.getFontMetrics();
        for (double v : ty.values()) {
            double py = y0 + ph - (v - ty.lo()) / (ty.hi() - ty.lo()) * ph;
            g.setColor(PngChart.GRID);
            g.draw(new Line2D.Double(x0, py, x0 + pw, py));
            g.setColor(PngChart.TEXT);
            String s = ty.label(v);
            g.drawString(s, (float) (x0 - 8 - fm.stringWidth(s)), (float) (py + fm.getAscent() / 2.0 - 1));
        }
        for (double v : tx.values()) {
            double px = x0 + (v - tx.lo()) / (tx.hi() - tx.lo()) * pw;
            g.setColor(PngChart.GRID);
            g.draw(new Line2D.Double(px, y0, px, y0 + ph));
            g.setColor(PngChart.TEXT);
            PngChart.centered(g, tx.label(v), px, y0 + ph + 8 + fm.getAscent());
        }
        g.setColor(PngChart.AXIS);
        g.draw(new Rectangle2D.Double(x0, y0, pw, ph));
        g.setFont(PngChart.LABEL);
        g.setColor(PngChart.TEXT);
        PngChart.centered(g, xLabel, x0 + pw / 2, H - 14);
        java.awt.geom.AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, 22, y0 + ph / 2);
        PngChart.centered(g, yLabel, 22, y0 + ph / 2 + 5);
        g.setTransform(saved);
        Color[] colours = new Color[names.size()];
        for (int c = 0; c < colours.length; c++) colours[c] = new Color(PALETTE[c] | 0xA0000000, true);
        int n = x.length;
        double r = n > 5000 ? 1.6 : 2.4;
        int[] order = new int[n]; // a fixed shuffle, so that no class is always drawn on top
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Random shuffle = new java.util.Random(0);
        for (int i = n - 1; i > 0; i--) { int j = shuffle.nextInt(i + 1), t = order[i]; order[i] = order[j]; order[j] = t; }
        for (int i : order) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) continue;
            double px = x0 + (x[i] - tx.lo()) / (tx.hi() - tx.lo()) * pw, py = y0 + ph - (y[i] - ty.lo()) / (ty.hi() - ty.lo()) * ph;
            g.setColor(colours[cls[i]]);
            g.fill(new Ellipse2D.Double(px - r, py - r, 2 * r, 2 * r));
        }
        g.setFont(PngChart.LABEL);
        fm = g.getFontMetrics();
        double lx = W - LEGEND + 6, ly = y0 + 6;
        for (int c = 0; c < names.size(); c++) {
            g.setColor(new Color(PALETTE[c]));
            g.fill(new Rectangle2D.Double(lx, ly + c * 24, 14, 14));
            g.setColor(PngChart.TEXT);
            g.drawString(names.get(c), (float) (lx + 22), (float) (ly + c * 24 + 12));
        }
        g.dispose();
        return img;
    }

    private static Ticks ticks(double[] v) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double d : v) if (Double.isFinite(d)) { lo = Math.min(lo, d); hi = Math.max(hi, d); }
        if (lo > hi) { lo = 0; hi = 1; }
        double pad = (hi - lo) * 0.03;
        return Ticks.nice(lo - pad, hi + pad, 8, false);
    }
}
