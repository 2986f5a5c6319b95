package jtorch.train.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    /** Set the environment variable JTORCH_PLOT_KEEP=DIR to keep the pictures for a look. */
    @TempDir Path tmp;

    Path dir() {
        String keep = System.getenv("JTORCH_PLOT_KEEP");
        return keep == null ? tmp : Path.of(keep);
    }

    static Curves sample(int n, boolean validation) {
        int[] e = new int[n];
        double[] tl = new double[n], vl = new double[n], ta = new double[n], va = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = i + 1;
            tl[i] = 0.25 + 1.8 * Math.exp(-0.35 * i);
            vl[i] = validation ? 0.33 + 1.7 * Math.exp(-0.33 * i) + 0.004 * i : Double.NaN;
            ta[i] = 0.97 - 0.6 * Math.exp(-0.4 * i);
            va[i] = validation ? 0.93 - 0.6 * Math.exp(-0.38 * i) : Double.NaN;
        }
        return new Curves(e, tl, vl, ta, va, validation ? n - 3 : 0);
    }

    @Test
    void curvesPngAndHtml() throws IOException {
        Path png = dir().resolve("curves.png"), html = dir().resolve("curves.html");
        Plots.trainingCurves(sample(25, true), png, html);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(2 * Plots.PANEL_W, img.getWidth());
        assertEquals(Plots.PANEL_H, img.getHeight());
        // both line colours appear in both panels
        for (int panel = 0; panel < 2; panel++) {
            assertTrue(countNear(img, panel * Plots.PANEL_W, Plots.PANEL_W, Curves.TRAIN_RGB) > 200, "train line in panel " + panel);
            assertTrue(countNear(img, panel * Plots.PANEL_W, Plots.PANEL_W, Curves.VAL_RGB) > 100, "validation line in panel " + panel);
        }
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertEquals(2, count(page, "<svg "));
        assertFalse(page.contains("<script"), "no scripts");
        assertFalse(page.contains("src=") || page.contains("href="), "nothing fetched from elsewhere");
        assertEquals(25, count(page, "<tr><td>") + count(page, "<tr class=\"best\"><td>"));
        assertTrue(page.contains("<tr class=\"best\"><td>22</td>"));
        assertTrue(page.contains("validation"));
    }

    @Test
    void curvesWithoutValidationLeaveNoValidationLine() throws IOException {
        Path png = dir().resolve("curves-train-only.png"), html = dir().resolve("curves-train-only.html");
        Plots.trainingCurves(sample(1, false), png, html);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(0, countNear(img, 0, img.getWidth(), Curves.VAL_RGB));
        assertTrue(countNear(img, 0, img.getWidth(), Curves.TRAIN_RGB) > 20, "a single epoch still shows its point");
        String page = Files.readString(html);
        assertFalse(page.contains("NaN"));
        assertFalse(page.contains("stroke=\"#e8590c\""), "no validation path");
    }

    @Test
    void confusionHeatMap() throws IOException {
        List<String> names = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
        int[][] counts = new int[10][10];
        for (int r = 0; r < 10; r++) for (int c = 0; c < 10; c++) counts[r][c] = r == c ? 850 + 10 * r : (r * 7 + c * 3) % 11;
        counts[6][0] = 120;
        Path png = dir().resolve("confusion.png");
        Plots.confusionMatrix(counts, names, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > 600 && img.getHeight() > 600, img.getWidth() + "x" + img.getHeight());
        // darkest cells on the diagonal: the heat map's dark blue appears
        assertTrue(countNear(img, 0, img.getWidth(), 0x08306B) > 10 * 400);
    }

    @Test
    void fromHistoryAndConfusionMatrix() throws IOException {
        jtorch.train.History h = new jtorch.train.History();
        h.add(new jtorch.train.EpochMetrics(1, 1.0, 0.5, 1.2, 0.4, 0.1, 1, 100));
        h.add(new jtorch.train.EpochMetrics(2, 0.5, 0.8, 0.7, 0.7, 0.1, 1, 100));
        h.add(new jtorch.train.EpochMetrics(3, 0.4, 0.9, 0.8, 0.72, 0.1, 1, 100));
        Curves c = Plots.curves(h);
        assertEquals(2, c.bestEpoch());
        assertEquals(0.7, c.valLoss()[1], 0);
        assertEquals(0.9, c.trainAccuracy()[2], 0);
        Plots.trainingCurves(h, tmp.resolve("h.png"), tmp.resolve("h.html"));
        assertTrue(Files.readString(tmp.resolve("h.html")).contains("<tr class=\"best\"><td>2</td><td>0.5000</td><td>0.8000</td><td>0.7000</td><td>0.7000</td>"));
        jtorch.train.ConfusionMatrix m = new jtorch.train.ConfusionMatrix(List.of("cat", "dog"));
        m.add(0, 0).add(1, 0).add(1, 1);
        Plots.confusionMatrix(m, null, tmp.resolve("m.png"));
        assertEquals(ImageIO.read(tmp.resolve("m.png").toFile()).getType() != 0, true);
    }

    @Test
    void confusionChecksItsArguments() {
        Path png = tmp.resolve("x.png");
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.confusionMatrix(new int[][] {{1, 2}, {3}}, null, png));
        assertTrue(e.getMessage().contains("square"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Plots.confusionMatrix(new int[][] {{1, 2}, {3, 4}}, List.of("a"), png));
        assertTrue(e.getMessage().contains("2 classes but 1 class names"), e.getMessage());
        Plots.confusionMatrix(new int[][] {{1, 2}, {3, 4}}, null, png);
        assertTrue(Files.exists(png));
    }

    @Test
    void curvesCheckLengths() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Curves(new int[] {1, 2}, new double[2], new double[2], new double[1], new double[2], 0));
        assertTrue(e.getMessage().contains("2 epochs but"), e.getMessage());
    }

    @Test
    void niceTicks() {
        Ticks t = Ticks.nice(0.23, 1.97, 6, false);
        assertEquals(0.0, t.lo(), 1e-12);
        assertEquals(2.0, t.hi(), 1e-12);
        assertEquals(0.5, t.step(), 1e-12);
        assertEquals("0.5", t.label(0.5));
        assertEquals("1.0", t.label(1.0));
        Ticks fine = Ticks.nice(0.23, 1.97, 10, false);
        assertEquals(0.2, fine.lo(), 1e-12);
        assertEquals(0.2, fine.step(), 1e-12);
        Ticks e = Ticks.nice(1, 30, 8, true);
        assertEquals(5, e.step(), 0);
        assertEquals(0, e.lo(), 0);
        assertEquals(30, e.hi(), 0);
        assertEquals("15", e.label(15));
        Ticks one = Ticks.nice(1, 2, 8, true);
        assertEquals(1, one.step(), 0);
        Ticks flat = Ticks.nice(0.5, 0.5, 6, false);
        assertTrue(flat.lo() < 0.5 && flat.hi() > 0.5);
        Ticks small = Ticks.nice(0.881, 0.894, 6, false);
        assertEquals("0.882", small.label(0.882));
        assertNotEquals(small.label(small.lo()), small.label(small.lo() + small.step()));
    }

    @Test
    void writeFailureNamesTheFile() throws IOException {
        Path blocker = tmp.resolve("file");
        Files.writeString(blocker, "x");
        Path png = blocker.resolve("sub/curves.png");
        var e = assertThrows(java.io.UncheckedIOException.class, () -> Plots.trainingCurves(sample(3, true), png, null));
        assertTrue(e.getMessage().contains(png.toString()), e.getMessage());
    }

    static int countNear(BufferedImage img, int x0, int w, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = x0; x < x0 + w; x++) {
                int p = img.getRGB(x, y);
                if (Math.abs(((p >> 16) & 255) - ((rgb >> 16) & 255)) < 12 && Math.abs(((p >> 8) & 255) - ((rgb >> 8) & 255)) < 12
                        && Math.abs((p & 255) - (rgb & 255)) < 12) n++;
            }
        }
        return n;
    }

    static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) n++;
        return n;
    }
}
