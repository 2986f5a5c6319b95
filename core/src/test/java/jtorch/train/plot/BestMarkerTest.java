package jtorch.train.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/** The dotted best-epoch line stays visible when the best epoch is the last one (not hidden under the frame). */
class BestMarkerTest {
    @Test void bestEpochOnTheLastEpochIsDrawnInsideThePlot() {
        int n = 5;
        Curves c = PlotsTest.sample(n, true);
        c = new Curves(c.epochs(), c.trainLoss(), c.valLoss(), c.trainAccuracy(), c.valAccuracy(), n);
        Chart chart = c.lossChart();
        Frame f = new Frame(chart, 0, 0, Plots.PANEL_W, Plots.PANEL_H);
        double x = f.px(n);
        assertTrue(x < f.plotX + f.plotW - 3, "marker at x " + x + " lies on the right border " + (f.plotX + f.plotW));
        BufferedImage img = Plots.curvesImage(c);
        int gray = 0, col = (int) Math.round(x);
        for (int y = (int) f.plotY + 2; y < f.plotY + f.plotH - 2; y++) {
            for (int dx = -1; dx <= 1; dx++) {
                int rgb = img.getRGB(col + dx, y) & 0xFFFFFF;
                int r = rgb >> 16, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
                if (Math.abs(r - g) < 12 && Math.abs(g - b) < 12 && r > 0x40 && r < 0xC0) { gray++; break; }
            }
        }
        assertTrue(gray > 40, "dotted gray marker pixels in column " + col + ": " + gray);
    }

    @TempDir Path tmp;

    @Test void anUnwritablePngIsOneExceptionAndNothingOnStderr() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("ro"));
        Path png = dir.resolve("curves.png");
        Files.createDirectory(png); // a directory where the file should go: cannot be opened for writing
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> Plots.trainingCurves(PlotsTest.sample(3, true), png, null));
            assertTrue(e.getMessage().contains(png.toString()), e.getMessage());
        } finally {
            System.setErr(saved);
        }
        assertEquals("", err.toString(), "the image writer printed to stderr");
    }
}
