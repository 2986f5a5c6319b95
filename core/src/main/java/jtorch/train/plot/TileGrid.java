package jtorch.train.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Grids of small gray images ("tiles": filters, feature maps) stacked in sections under an optional title, each
 * section under an optional caption. Every tile is scaled to its own range: value v becomes the gray level
 * round(255 · (v − min) / (max − min)) (min black, max white; a constant tile is mid-gray 128), each value drawn as a
 * {@code scale} × {@code scale} block; a non-finite value is drawn pure red. Tiles are laid out row by row,
 * {@code cols} per row, {@link #GAP} pixels apart and from the border, on a {@link #BACKGROUND} ground; the picture is
 * widened (tiles still flush left) when the title or a caption is wider than the grids.
 */
final class TileGrid {
    static final int GAP = 4, TITLE_H = 30, CAPTION_H = 22;
    static final Color BACKGROUND = new Color(0xD8, 0xDE, 0xE6);
    static final int NON_FINITE_RGB = 0xFF0000;

    /** One section: tiles[t] holds h × w values row-major; cols tiles per row; each value a scale × scale block. */
    record Section(String caption, float[][] tiles, int h, int w, int cols, int scale) {
        int rows() { return (tiles.length + cols - 1) / cols; }
        int width() { return GAP + cols * (w * scale + GAP); }
        int height() { return (caption == null ? 0 : CAPTION_H) + GAP + rows() * (h * scale + GAP); }
    }

    /** The picture and the top-left pixel of every tile: x[s][t], y[s][t] for tile t of section s. */
    record Layout(BufferedImage image, int[][] x, int[][] y) {}

    private TileGrid() {}

    static Layout render(String title, List<Section> sections) {
        int width = title == null ? 0 : textWidth(title, PngChart.TITLE) + 2 * GAP, height = title == null ? 0 : TITLE_H;
        for (Section s : sections) {
            width = Math.max(width, Math.max(s.width(), s.caption() == null ? 0 : textWidth(s.caption(), PngChart.LABEL) + 2 * GAP));
            height += s.height();
        }
        BufferedImage img = new BufferedImage(Math.max(width, 1), Math.max(height, 1), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        PngChart.hints(g);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(PngChart.TEXT);
        if (title != null) {
            g.setFont(PngChart.TITLE);
            PngChart.centered(g, title, img.getWidth() / 2.0, TITLE_H - 9);
        }
        int[][] xs = new int[sections.size()][], ys = new int[sections.size()][];
        int top = title == null ? 0 : TITLE_H;
        for (int si = 0; si < sections.size(); si++) {
            Section s = sections.get(si);
            if (s.caption() != null) {
                g.setFont(PngChart.LABEL);
                g.setColor(PngChart.TEXT);
                g.drawString(s.caption(), GAP, top + CAPTION_H - 6);
                top += CAPTION_H;
            }
            xs[si] = new int[s.tiles().length];
            ys[si] = new int[s.tiles().length];
            for (int t = 0; t < s.tiles().length; t++) {
                int x0 = GAP + (t % s.cols()) * (s.w() * s.scale() + GAP), y0 = top + GAP + (t / s.cols()) * (s.h() * s.scale() + GAP);
                xs[si][t] = x0;
                ys[si][t] = y0;
                paint(img, s.tiles()[t], s.h(), s.w(), s.scale(), x0, y0);
            }
            top += s.height() - (s.caption() == null ? 0 : CAPTION_H);
        }
        g.dispose();
        return new Layout(img, xs, ys);
    }

    private static int textWidth(String s, java.awt.Font f) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        PngChart.hints(g);
        int w = (int) Math.ceil(g.getFontMetrics(f).getStringBounds(s, g).getWidth());
        g.dispose();
        return w;
    }

    private static void paint(BufferedImage img, float[] v, int h, int w, int scale, int x0, int y0) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (float f : v) {
            if (Float.isFinite(f)) {
                min = Math.min(min, f);
                max = Math.max(max, f);
            }
        }
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                float f = v[i * w + j];
                int rgb;
                if (!Float.isFinite(f)) rgb = NON_FINITE_RGB;
                else {
                    int gray = max > min ? (int) Math.round(255 * (f - min) / (max - min)) : 128;
                    rgb = gray << 16 | gray << 8 | gray;
                }
                for (int a = 0; a < scale; a++) for (int b = 0; b < scale; b++) img.setRGB(x0 + j * scale + b, y0 + i * scale + a, rgb);
            }
        }
    }
}
