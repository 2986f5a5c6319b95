package jtorch.train.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The confusion matrix as a heat map: row r = true class, column c = predicted class, cell (r, c) shaded by
 * counts[r][c] / Σ_c counts[r][c] (the row's share, so rare classes are as visible as common ones) and labelled with the
 * count; the column right of the matrix gives each class's accuracy (recall) counts[r][r] / Σ_c counts[r][c].
 */
final class ConfusionPng {
    private static final Font CELL = new Font(Font.SANS_SERIF, Font.PLAIN, 12), CLASS = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Color LOW = new Color(0xF7, 0xFB, 0xFF), HIGH = new Color(0x08, 0x30, 0x6B);

    private ConfusionPng() {}

    static BufferedImage render(int[][] counts, List<String> names) {
        int n = counts.length;
        int cell = Math.max(14, Math.min(60, 620 / Math.max(1, n)));
        boolean showCounts = cell >= 26;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics cm = pg.getFontMetrics(CLASS);
        int labelW = 0;
        for (String s : names) labelW = Math.max(labelW, cm.stringWidth(s));
        pg.dispose();
        boolean rotate = labelW > cell - 6;
        int diag = rotate ? (int) Math.ceil(labelW * Math.sqrt(0.5)) + cm.getHeight() : cm.getHeight() + 4;
        int left = 50 + labelW + 12, top = 66, gridW = n * cell;
        int accW = 80, width = left + gridW + accW + 30, height = top + gridW + diag + 44;
        long total = 0, correct = 0;
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) { total += counts[r][c]; if (r == c) correct += counts[r][c]; }

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        PngChart.hints(g);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(PngChart.TEXT);
        g.setFont(PngChart.TITLE);
        String title = String.format(Locale.ROOT, "Confusion matrix: accuracy %.2f %% (%d of %d)",
                total == 0 ? 0.0 : 100.0 * correct / total, correct, total);
        PngChart.centered(g, title, width / 2.0, 30);
        g.setFont(PngChart.LABEL);
        PngChart.centered(g, "predicted class", left + gridW / 2.0, top + gridW + diag + 28);
        AffineTransform saved = g.getTransform();
        double tx = left - labelW - 30;
        g.rotate(-Math.PI / 2, tx, top + gridW / 2.0);
        PngChart.centered(g, "true class", tx, top + gridW / 2.0 + 5);
        g.setTransform(saved);

        for (int r = 0; r < n; r++) {
            long rowSum = 0;
            for (int c = 0; c < n; c++) rowSum += counts[r][c];
            for (int c = 0; c < n; c++) {
                double frac = rowSum == 0 ? 0 : (double) counts[r][c] / rowSum;
                Color fill = mix(LOW, HIGH, Math.sqrt(frac));
                g.setColor(fill);
                g.fillRect(left + c * cell, top + r * cell, cell, cell);
                if (showCounts) {
                    g.setFont(CELL);
                    g.setColor(luma(fill) < 0.5 ? Color.WHITE : PngChart.TEXT);
                    String s = Integer.toString(counts[r][c]);
                    PngChart.centered(g, s, left + c * cell + cell / 2.0, top + r * cell + cell / 2.0 + g.getFontMetrics().getAscent() / 2.0 - 2);
                }
            }
            g.setFont(CLASS);
            g.setColor(PngChart.TEXT);
            FontMetrics fm = g.getFontMetrics();
            String name = names.get(r);
            float baseline = (float) (top + r * cell + cell / 2.0 + fm.getAscent() / 2.0 - 2);
            g.drawString(name, left - 8 - fm.stringWidth(name), baseline);
            String acc = rowSum == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * counts[r][r] / rowSum);
            g.drawString(acc, left + gridW + accW - 8 - fm.stringWidth(acc), baseline);
        }
        g.setFont(CLASS);
        g.setColor(PngChart.TEXT);
        FontMetrics fm = g.getFontMetrics();
        String accHead = "accuracy";
        g.drawString(accHead, left + gridW + accW - 8 - fm.stringWidth(accHead), top - 8);
        for (int c = 0; c < n; c++) { // column labels: centred, or rotated 45° down-left from the column's centre
            if (!rotate) {
                PngChart.centered(g, names.get(c), left + c * cell + cell / 2.0, top + gridW + 4 + fm.getAscent());
                continue;
            }
            AffineTransform t = g.getTransform();
            double cx = left + c * cell + cell / 2.0 + fm.getAscent() / 3.0, cy = top + gridW + 8;
            g.rotate(-Math.PI / 4, cx, cy);
            String s = names.get(c);
            g.drawString(s, (float) (cx - fm.stringWidth(s)), (float) cy);
            g.setTransform(t);
        }
        g.setColor(new Color(0x99, 0x99, 0x99));
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(left, top, gridW, gridW));
        g.dispose();
        return img;
    }

    private static Color mix(Color a, Color b, double t) {
        t = Math.max(0, Math.min(1, t));
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    private static double luma(Color c) {
        return (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255;
    }
}
