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
import java.util.List;
import javax.imageio.ImageIO;
import jtorch.tensor.Tensor;

/**
 * The VAE example's pictures: panels of 28×28 gray images side by side, each panel a grid of {@code cols} images
 * (rows of the tensor [N, 784], values in [0, 1] drawn on one fixed scale: 0 black, 1 white), under a caption; written
 * as a gray PNG, or in color when a value is not finite (drawn red).
 */
final class VaePlots {
    private static final int GAP = 2, CAPTION = 22, MARGIN = 8;

    private VaePlots() {}

    /** One panel: images [N, 784] in a grid of cols columns, each pixel a scale × scale block. */
    record Panel(String caption, Tensor images, int cols, int scale) {
        int rows() { return (images.size(0) + cols - 1) / cols; }
        int width() { return cols * (28 * scale + GAP) - GAP; }
        int height() { return CAPTION + rows() * (28 * scale + GAP) - GAP; }
    }

    /** Writes the panels left to right into {@code png} (directories created). */
    static void write(List<Panel> panels, Path png) {
        int w = MARGIN, h = 0;
        for (Panel p : panels) { w += p.width() + MARGIN; h = Math.max(h, p.height()); }
        BufferedImage img = new BufferedImage(w, h + 2 * MARGIN, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0xD8, 0xDE, 0xE6));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int left = MARGIN;
        boolean nonFinite = false;
        for (Panel p : panels) {
            g.setColor(new Color(0x20, 0x20, 0x20));
            g.drawString(p.caption(), left, MARGIN + CAPTION - 8);
            float[] v = p.images().contiguous().toFloatArray();
            for (int n = 0; n < p.images().size(0); n++) {
                int x0 = left + (n % p.cols()) * (28 * p.scale() + GAP), y0 = MARGIN + CAPTION + (n / p.cols()) * (28 * p.scale() + GAP);
                for (int i = 0; i < 28; i++) for (int j = 0; j < 28; j++) {
                    float f = v[n * 784 + i * 28 + j];
                    int gray = Float.isFinite(f) ? Math.round(255 * Math.max(0, Math.min(1, f))) : -1;
                    nonFinite |= gray < 0;
                    int rgb = gray < 0 ? 0xFF0000 : gray * 0x010101;
                    for (int a = 0; a < p.scale(); a++) for (int b = 0; b < p.scale(); b++)
                        img.setRGB(x0 + j * p.scale() + b, y0 + i * p.scale() + a, rgb);
                }
            }
            left += p.width() + MARGIN;
        }
        g.dispose();
        if (!nonFinite) { // one gray channel: a third of the file
            BufferedImage gray = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D gg = gray.createGraphics();
            gg.drawImage(img, 0, 0, null);
            gg.dispose();
            img = gray;
        }
        try {
            if (png.getParent() != null) Files.createDirectories(png.getParent());
            ImageIO.write(img, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + png, e);
        }
    }

    /** The codes of the manifold picture: an n × n grid over [−r, r]², z_1 along columns, z_2 down the rows. */
    static Tensor grid(int n, double r) {
        float[] z = new float[n * n * 2];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            z[2 * (i * n + j)] = (float) (-r + 2 * r * j / (n - 1));
            z[2 * (i * n + j) + 1] = (float) (r - 2 * r * i / (n - 1));
        }
        return Tensor.of(z, n * n, 2);
    }
}
