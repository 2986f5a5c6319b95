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
import jtorch.tensor.Tensor;

/**
 * A PNG of gray images [N, 1, H, W] or [N, H·W] (H = W) with pixel values in [0, 1] on one fixed scale (0 black,
 * 1 white, clamped; unlike a filter grid, tiles are not rescaled to their own range, so samples compare honestly):
 * {@code cols} tiles per row, each pixel a {@code scale} × {@code scale} block, tiles {@link #GAP} pixels apart on a
 * mid-blue ground, under a one-line title.
 */
final class ImageGrid {
    static final int GAP = 2, TITLE_H = 20;

    private ImageGrid() {}

    static BufferedImage render(Tensor images, int cols, int scale, String title) {
        int n = images.size(0), hw = images.numel() / n, side = (int) Math.round(Math.sqrt(hw));
        if (side * side != hw) throw new IllegalArgumentException("ImageGrid: images must be square, got " + images.shape());
        float[] v = images.toFloatArray();
        int rows = (n + cols - 1) / cols, tile = side * scale;
        int width = GAP + cols * (tile + GAP), height = TITLE_H + GAP + rows * (tile + GAP);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0x40, 0x58, 0x78));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(title, GAP + 2, TITLE_H - 6);
        g.dispose();
        for (int t = 0; t < n; t++) {
            int x0 = GAP + (t % cols) * (tile + GAP), y0 = TITLE_H + GAP + (t / cols) * (tile + GAP);
            for (int i = 0; i < side; i++) for (int j = 0; j < side; j++) {
                int level = (int) Math.round(255 * Math.min(1, Math.max(0, v[t * hw + i * side + j])));
                int rgb = level * 0x010101;
                for (int a = 0; a < scale; a++) for (int b = 0; b < scale; b++) img.setRGB(x0 + j * scale + b, y0 + i * scale + a, rgb);
            }
        }
        return img;
    }

    static void write(Tensor images, int cols, int scale, String title, Path file) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            ImageIO.write(render(images, cols, scale, title), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("ImageGrid: cannot write " + file, e);
        }
    }
}
