package jtorch.train.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import jtorch.train.ConfusionMatrix;
import jtorch.train.EpochMetrics;
import jtorch.train.History;

/**
 * Pictures of a training run, drawn with Java2D in headless mode (no display needed, no dependency):
 * <ul>
 *   <li>{@link #trainingCurves}: train and validation loss (left panel) and accuracy (right panel) per epoch, the best
 *       epoch marked, as a 1240 × 440 PNG and as a self-contained HTML page (inline SVG charts plus a table of every
 *       epoch; no scripts, nothing fetched from elsewhere).</li>
 *   <li>{@link #confusionMatrix}: a heat map of counts[true][predicted], each row shaded by its share of the row's
 *       total, with the counts, the class names and each class's accuracy.</li>
 *   <li>{@link #scoreMaps}: grey-scale images, each with a heat map of scores under it aligned to its columns (a
 *       sliding window's score map under the strip it slid over).</li>
 * </ul>
 * Files are written whole; a missing parent directory is created. I/O failures are {@link UncheckedIOException}s naming
 * the file.
 */
public final class Plots {
    static final int PANEL_W = 620, PANEL_H = 440;

    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    /** Writes the curves of {@code h} (see {@link #curves(History)}) to {@code png} and/or {@code html} (either may be null). */
    public static void trainingCurves(History h, Path png, Path html) { trainingCurves(curves(h), png, html); }

    /** The epochs, losses and accuracies of {@code h}, with its best epoch marked (none when empty). */
    public static Curves curves(History h) {
        List<EpochMetrics> es = h.epochs();
        int n = es.size();
        int[] e = new int[n];
        double[] tl = new double[n], vl = new double[n], ta = new double[n], va = new double[n];
        for (int i = 0; i < n; i++) {
            EpochMetrics m = es.get(i);
            e[i] = m.epoch();
            tl[i] = m.trainLoss();
            vl[i] = m.valLoss();
            ta[i] = m.trainAccuracy();
            va[i] = m.valAccuracy();
        }
        return new Curves(e, tl, vl, ta, va, h.bestEpoch());
    }

    /** The heat map of {@code m} (see {@link #confusionMatrix(int[][], List, Path)}); null names take m's class names. */
    public static void confusionMatrix(ConfusionMatrix m, List<String> classNames, Path png) {
        confusionMatrix(m.counts(), classNames == null ? m.classNames() : classNames, png);
    }

    /** Writes the curves of {@code c} to {@code png} and/or {@code html} (either may be null to skip it). */
    public static void trainingCurves(Curves c, Path png, Path html) {
        if (png != null) writePng(curvesImage(c), png);
        if (html != null) writeText(HtmlReport.page(c, "jtorch training curves"), html);
    }

    /** The two panels (loss, accuracy) side by side. */
    static BufferedImage curvesImage(Curves c) {
        BufferedImage img = new BufferedImage(2 * PANEL_W, PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        PngChart.draw(g, c.lossChart(), 0, 0, PANEL_W, PANEL_H);
        PngChart.draw(g, c.accuracyChart(), PANEL_W, 0, PANEL_W, PANEL_H);
        g.dispose();
        return img;
    }

    /**
     * Writes the heat map of {@code counts} (counts[true][predicted], square) to {@code png}; {@code classNames} has one
     * name per class, or is null for "0", "1", ...
     */
    public static void confusionMatrix(int[][] counts, List<String> classNames, Path png) {
        int n = counts.length;
        for (int[] row : counts) {
            if (row.length != n) throw new IllegalArgumentException("Plots.confusionMatrix: counts must be square, got "
                    + n + " rows and a row of " + row.length);
        }
        if (classNames == null) classNames = java.util.stream.IntStream.range(0, n).mapToObj(Integer::toString).toList();
        if (classNames.size() != n) throw new IllegalArgumentException("Plots.confusionMatrix: " + n + " classes but "
                + classNames.size() + " class names");
        writePng(ConfusionPng.render(counts, classNames), png);
    }

    /**
     * One line chart of several series to {@code png} (e.g. accuracy against seconds for several runs):
     * series i is {@code ys.get(i)[k]} at {@code xs.get(i)[k]}, named {@code labels.get(i)} in the legend.
     * {@code yMax} caps the y axis (1 for accuracies), NaN for none.
     */
    public static void lineChart(String title, String xLabel, String yLabel, List<String> labels, List<double[]> xs,
                                 List<double[]> ys, double yMax, Path png) {
        if (labels.size() != xs.size() || labels.size() != ys.size()) throw new IllegalArgumentException(
                "Plots.lineChart: " + labels.size() + " labels, " + xs.size() + " x arrays, " + ys.size() + " y arrays");
        int[] palette = {0x1F77B4, 0xE8590C, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0x17BECF, 0x7F7F7F};
        List<Chart.Series> series = new java.util.ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            series.add(new Chart.Series(labels.get(i), xs.get(i), ys.get(i), palette[i % palette.length], i >= palette.length));
        }
        Chart c = new Chart(title, xLabel, yLabel, series, Double.NaN, "", yMax);
        BufferedImage img = new BufferedImage(2 * PANEL_W, (int) (1.4 * PANEL_H), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        PngChart.draw(g, c, 0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        writePng(img, png);
    }

    /** Writes {@code maps} one under another to {@code png} (see {@link ScoreMap} for what each shows). */
    public static void scoreMaps(List<ScoreMap> maps, Path png) { writePng(ScoreMapPng.render(maps), png); }

    static void writePng(BufferedImage img, Path png) {
        try {
            createParent(png);
            // our own stream: ImageIO.write(img, fmt, File) prints a stack trace to stderr when it cannot open the file
            try (java.io.OutputStream os = Files.newOutputStream(png);
                 javax.imageio.stream.ImageOutputStream ios = new javax.imageio.stream.MemoryCacheImageOutputStream(os)) {
                if (!ImageIO.write(img, "png", ios)) throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    static void writeText(String text, Path file) {
        try {
            createParent(file);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createParent(Path p) throws IOException {
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
    }
}
