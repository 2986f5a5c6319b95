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
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import jtorch.nn.Sequential;
import jtorch.tensor.Tensor;

/**
 * The picture of the {@link AutoEncoders} run: one row of clean test images (the first of each class), one row of
 * reconstructions per auto-encoder and one for PCA (pixels 0 black to 1 white, clamped), then the first 16 encoder
 * filters of each auto-encoder (rows of W as 28 × 28 images, each scaled to its own range).
 */
final class AutoEncoderPng {
    private AutoEncoderPng() {}

    private static final int TILE = 56, GAP = 4, LABEL = 250, ROW = TILE + GAP;

    static void write(Path file, Tensor xt, Tensor yt, List<Sequential> models, String[] names, Tensor pcaRecon, int k) {
        int[] y = yt.toIntArray();
        int[] pick = new int[10];
        java.util.Arrays.fill(pick, -1);
        for (int i = 0; i < y.length; i++) if (pick[y[i]] < 0) pick[y[i]] = i;
        List<String> labels = new ArrayList<>();
        List<float[][]> rows = new ArrayList<>();
        List<Boolean> ownRange = new ArrayList<>();
        labels.add("test images");
        rows.add(select(xt, pick));
        ownRange.add(false);
        for (int m = 0; m < models.size(); m++) {
            labels.add(label(names[m]) + " reconstruction");
            rows.add(select(AutoEncoders.apply(models.get(m), xt), pick));
            ownRange.add(false);
        }
        labels.add("PCA reconstruction");
        rows.add(select(pcaRecon, pick));
        ownRange.add(false);
        for (int m = 0; m < models.size(); m++) {
            Tensor w = DeepAutoEncoders.firstFilters(models.get(m).get(0));
            int f = Math.min(16, w.size(0));
            float[][] tiles = new float[f][];
            for (int i = 0; i < f; i++) tiles[i] = w.select(0, i).toFloatArray();
            labels.add(label(names[m]) + " filters");
            rows.add(tiles);
            ownRange.add(true);
        }
        int width = LABEL + 16 * ROW + GAP, height = 34 + rows.size() * ROW + GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0xD8, 0xDE, 0xE6));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Fashion-MNIST auto-encoders with a code of " + k + " sigmoid units vs PCA-" + k, GAP, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int r = 0; r < rows.size(); r++) {
            int top = 34 + r * ROW;
            g.drawString(labels.get(r), GAP, top + TILE / 2 + 5);
            float[][] tiles = rows.get(r);
            for (int t = 0; t < tiles.length; t++) draw(img, tiles[t], LABEL + t * ROW, top, ownRange.get(r));
        }
        g.dispose();
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    /** A model's name without its architecture and settings ("deep sparse 784-512-64 (KL ...), bce" → "deep sparse"). */
    private static String label(String name) { return name.replaceAll(" \\(.*", "").replaceAll(" \\d+(-\\d+)+", ""); }

    private static float[][] select(Tensor images, int[] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) out[i] = images.select(0, rows[i]).toFloatArray();
        return out;
    }

    /** A 28 × 28 tile at (x0, y0), each pixel a 2 × 2 block. */
    private static void draw(BufferedImage img, float[] v, int x0, int y0, boolean ownRange) {
        float lo = 0, hi = 1;
        if (ownRange) {
            lo = Float.MAX_VALUE;
            hi = -Float.MAX_VALUE;
            for (float f : v) { lo = Math.min(lo, f); hi = Math.max(hi, f); }
        }
        for (int i = 0; i < 784; i++) {
            float u = hi > lo ? (v[i] - lo) / (hi - lo) : 0.5f;
            int gray = Math.round(255 * Math.max(0, Math.min(1, u)));
            int rgb = gray << 16 | gray << 8 | gray;
            int px = x0 + 2 * (i % 28), py = y0 + 2 * (i / 28);
            for (int dy = 0; dy < 2; dy++) for (int dx = 0; dx < 2; dx++) img.setRGB(px + dx, py + dy, rgb);
        }
    }
}
