package jtorch.train.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scatter PNG: size, each cluster drawn in its class's colour where it lies, legend swatches, bad input. */
class ScatterPngTest {
    @TempDir Path tmp;

    @Test
    void clustersAreDrawnInTheirColoursWhereTheyLie() throws Exception {
        int per = 50;
        double[] x = new double[3 * per], y = new double[3 * per];
        int[] c = new int[3 * per];
        double[][] centre = {{0, 0}, {10, 0}, {0, 10}};
        for (int i = 0; i < x.length; i++) { c[i] = i / per; x[i] = centre[c[i]][0]; y[i] = centre[c[i]][1]; }
        Path png = tmp.resolve("s.png");
        ScatterPng.write("three clusters", x, y, c, List.of("a", "b", "c"), png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(ScatterPng.W, img.getWidth());
        assertEquals(ScatterPng.H, img.getHeight());
        Ticks tx = Ticks.nice(-0.3, 10.3, 8, false), ty = tx;
        double x0 = Frame.MARGIN_LEFT, y0 = Frame.MARGIN_TOP;
        double pw = ScatterPng.W - ScatterPng.LEGEND - x0 - Frame.MARGIN_RIGHT, ph = ScatterPng.H - y0 - Frame.MARGIN_BOTTOM;
        for (int k = 0; k < 3; k++) {
            int px = (int) Math.round(x0 + (centre[k][0] - tx.lo()) / (tx.hi() - tx.lo()) * pw);
            int py = (int) Math.round(y0 + ph - (centre[k][1] - ty.lo()) / (ty.hi() - ty.lo()) * ph);
            int got = img.getRGB(px, py) & 0xFFFFFF, want = ScatterPng.colour(k);
            for (int sh = 0; sh <= 16; sh += 8) {
                assertTrue(Math.abs((got >> sh & 0xFF) - (want >> sh & 0xFF)) <= 6, "cluster " + k + " at (" + px + ", "
                        + py + "): " + Integer.toHexString(got) + " vs " + Integer.toHexString(want));
            }
        }
        // legend swatch of class 1
        assertEquals(ScatterPng.colour(1), img.getRGB(ScatterPng.W - ScatterPng.LEGEND + 12, (int) y0 + 6 + 24 + 7) & 0xFFFFFF);
    }

    @Test
    void rejectsBadInput() {
        Path png = tmp.resolve("bad.png");
        assertThrows(IllegalArgumentException.class, () -> ScatterPng.write("t", new double[2], new double[3], new int[2], List.of("a"), png));
        var e = assertThrows(IllegalArgumentException.class, () -> ScatterPng.write("t", new double[2], new double[2],
                new int[] {0, 2}, List.of("a", "b"), png));
        assertTrue(e.getMessage().contains("class 2"), e.getMessage());
    }
}
