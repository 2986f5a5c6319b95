package jtorch.train.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws {@link ScoreMap}s one under another: for each, its caption (one line per '\n'-separated line), the image magnified {@link #SCALE} times (nearest
 * neighbour, one pixel = a SCALE × SCALE block), and under it one row of {@link #ROW_H} pixels per score row, cell
 * (r, t) coloured {@link #colour}(scores[r][t]); the row names stand left of the rows.
 */
final class ScoreMapPng {
    static final int SCALE = 3, ROW_H = 12, CAPTION_H = 22, GAP = 14, MARGIN = 8;
    static final Color LOW = new Color(0xFF, 0xFF, 0xFF), HIGH = new Color(0x08, 0x30, 0x6B), MARK = new Color(0xD6, 0x27, 0x28);
    private static final Font NAMES = new Font(Font.SANS_SERIF, Font.PLAIN, 11), CAPTION = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private ScoreMapPng() {}

    /** The left edge of the images: room for the longest row name. */
    static int left(List<ScoreMap> maps) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = probe.createGraphics();
        FontMetrics fm = g.getFontMetrics(NAMES);
        int w = 0;
        for (ScoreMap m : maps) for (String s : m.rowNames()) w = Math.max(w, fm.stringWidth(s));
        g.dispose();
        return MARGIN + w + 6;
    }

    /** The height of one map's block: caption, image, score rows, gap. */
    static int blockHeight(ScoreMap m) { return captionHeight(m) + m.height() * SCALE + m.scores().length * ROW_H + GAP; }

    /** One {@link #CAPTION_H} line per line of the caption (lines split at '\n'). */
    static int captionHeight(ScoreMap m) { return CAPTION_H * m.caption().split("\n", -1).length; }

    static BufferedImage render(List<ScoreMap> maps) {
        if (maps.isEmpty()) throw new IllegalArgumentException("Plots.scoreMaps: no score maps to draw");
        int left = left(maps), width = 0, height = MARGIN;
        for (ScoreMap m : maps) {
            width = Math.max(width, left + m.width() * SCALE + MARGIN);
            height += blockHeight(m);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        PngChart.hints(g);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int top = MARGIN;
        for (ScoreMap m : maps) {
            draw(g, img, m, left, top);
            top += blockHeight(m);
        }
        g.dispose();
        return img;
    }

    private static void draw(Graphics2D g, BufferedImage img, ScoreMap m, int left, int top) {
        g.setFont(CAPTION);
        g.setColor(PngChart.TEXT);
        String[] lines = m.caption().split("\n", -1);
        for (int i = 0; i < lines.length; i++) g.drawString(lines[i], left, top + (i + 1) * CAPTION_H - 7);
        int y0 = top + captionHeight(m);
        for (int r = 0; r < m.height(); r++) {
            for (int c = 0; c < m.width(); c++) {
                int v = (int) Math.round(255 * Math.max(0, Math.min(1, m.image()[r * m.width() + c])));
                int rgb = v << 16 | v << 8 | v;
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) img.setRGB(left + c * SCALE + dx, y0 + r * SCALE + dy, rgb);
                }
            }
        }
        int ys = y0 + m.height() * SCALE;
        g.setFont(NAMES);
        FontMetrics fm = g.getFontMetrics();
        for (int r = 0; r < m.scores().length; r++) {
            for (int t = 0; t < m.positions(); t++) {
                int[] span = span(m, t);
                if (span[1] <= span[0]) continue;
                g.setColor(colour(m.scores()[r][t]));
                g.fillRect(left + span[0] * SCALE, ys + r * ROW_H, (span[1] - span[0]) * SCALE, ROW_H);
            }
            g.setColor(PngChart.TEXT);
            String name = m.rowNames().get(r);
            g.drawString(name, left - 6 - fm.stringWidth(name), ys + r * ROW_H + ROW_H - 2);
        }
        g.setColor(MARK);
        int hh = m.scores().length * ROW_H;
        for (int t : m.marked()) { // a 2-pixel frame of filled edges (exact pixels, no antialiasing)
            if (t < 0 || t >= m.positions()) continue;
            int[] span = span(m, t);
            int x = left + span[0] * SCALE, w = (span[1] - span[0]) * SCALE;
            g.fillRect(x, ys, 2, hh);
            g.fillRect(x + w - 2, ys, 2, hh);
            g.fillRect(x, ys, w, 2);
            g.fillRect(x, ys + hh - 2, w, 2);
        }
    }

    /** Image columns [from, to) under position t, clipped to the image. */
    static int[] span(ScoreMap m, int t) {
        int from = m.offset() + m.stride() * t - m.stride() / 2;
        return new int[] {Math.max(0, from), Math.min(m.width(), from + m.stride())};
    }

    /** White (0) to dark blue (1), linear in each channel; values outside [0, 1] clipped. */
    static Color colour(double v) {
        double t = Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
        return new Color((int) Math.round(LOW.getRed() + (HIGH.getRed() - LOW.getRed()) * t),
                (int) Math.round(LOW.getGreen() + (HIGH.getGreen() - LOW.getGreen()) * t),
                (int) Math.round(LOW.getBlue() + (HIGH.getBlue() - LOW.getBlue()) * t));
    }
}
