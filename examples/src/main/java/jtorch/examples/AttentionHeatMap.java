package jtorch.examples;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A heat map of attention weights w[i][j] (decoder step i down, source position j across) as a PNG: each cell shaded
 * from white (0) to dark blue (1, absolute scale), its value written in it, the source digits as column labels and
 * decoder step i as row label "i". Drawn with Java2D (headless).
 */
final class AttentionHeatMap {
    private static final int CELL = 44, LEFT = 70, TOP = 70;

    private AttentionHeatMap() {}

    static void write(double[][] w, int[] source, String title, Path png) {
        int rows = w.length, cols = source.length;
        BufferedImage img = new BufferedImage(LEFT + cols * CELL + 20, TOP + rows * CELL + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("source position j (digit) →", LEFT, 44);
        g.drawString("decoder step i ↓", 4, TOP + rows * CELL + 28);
        for (int j = 0; j < cols; j++) g.drawString(String.valueOf(source[j]), LEFT + j * CELL + CELL / 2 - 4, TOP - 8);
        for (int i = 0; i < rows; i++) {
            g.setColor(Color.BLACK);
            g.drawString(i < cols ? "i=" + i : "EOS", 20, TOP + i * CELL + CELL / 2 + 5);
            for (int j = 0; j < cols; j++) {
                double v = Math.max(0, Math.min(1, w[i][j]));
                Color c = new Color((int) (255 - 225 * v), (int) (255 - 205 * v), (int) (255 - 95 * v));
                g.setColor(c);
                g.fillRect(LEFT + j * CELL, TOP + i * CELL, CELL, CELL);
                g.setColor(v > 0.5 ? Color.WHITE : Color.DARK_GRAY);
                g.drawString(String.format(java.util.Locale.ROOT, "%.2f", w[i][j]), LEFT + j * CELL + 8, TOP + i * CELL + CELL / 2 + 5);
            }
        }
        g.dispose();
        try {
            if (png.getParent() != null) Files.createDirectories(png.getParent());
            ImageIO.write(img, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("AttentionHeatMap: cannot write " + png, e);
        }
    }
}
