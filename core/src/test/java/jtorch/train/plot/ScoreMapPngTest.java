package jtorch.train.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The score-map picture, checked on its pixels: the magnified image, the heat cells under their columns, the marks. */
class ScoreMapPngTest {
    // a 2 × 8 image: pixel (0, 0) white, (1, 7) grey 0.5, the rest black; two score rows over 4 positions of stride 2
    private static ScoreMap map() {
        float[] px = new float[16];
        px[0] = 1f;
        px[15] = 0.5f;
        double[][] s = {{1, 0, 0, 0}, {0, 0.5, 0, 1}};
        return new ScoreMap(px, 2, 8, s, 2, 1, List.of("a", "bb"), "caption", new int[] {2});
    }

    @Test void imagePixelsAreMagnifiedGreyLevels() {
        ScoreMap m = map();
        BufferedImage img = ScoreMapPng.render(List.of(m));
        int left = ScoreMapPng.left(List.of(m)), top = ScoreMapPng.MARGIN + ScoreMapPng.CAPTION_H, k = ScoreMapPng.SCALE;
        for (int d = 0; d < k; d++) {
            assertEquals(0xFFFFFF, img.getRGB(left + d, top + d) & 0xFFFFFF, "white pixel (0, 0)");
            assertEquals(0x000000, img.getRGB(left + k + d, top + d) & 0xFFFFFF, "black pixel (0, 1)");
            assertEquals(0x808080, img.getRGB(left + 7 * k + d, top + k + d) & 0xFFFFFF, "grey pixel (1, 7)");
        }
        assertEquals(left + 8 * k + ScoreMapPng.MARGIN, img.getWidth());
        assertEquals(ScoreMapPng.MARGIN + ScoreMapPng.blockHeight(m), img.getHeight());
    }

    @Test void heatCellsLieUnderTheirWindowCentres() {
        ScoreMap m = map();
        BufferedImage img = ScoreMapPng.render(List.of(m));
        int left = ScoreMapPng.left(List.of(m)), k = ScoreMapPng.SCALE;
        int rows = ScoreMapPng.MARGIN + ScoreMapPng.CAPTION_H + 2 * k, h = ScoreMapPng.ROW_H;
        // position t covers image columns [1 + 2t - 1, 1 + 2t + 1) = [2t, 2t + 2)
        int high = ScoreMapPng.HIGH.getRGB() & 0xFFFFFF, low = 0xFFFFFF;
        assertEquals(high, img.getRGB(left + 1, rows + h / 2) & 0xFFFFFF, "row a, position 0 = 1");
        assertEquals(low, img.getRGB(left + 2 * k + 1, rows + h / 2) & 0xFFFFFF, "row a, position 1 = 0");
        assertEquals(ScoreMapPng.colour(0.5).getRGB() & 0xFFFFFF, img.getRGB(left + 2 * k + 2, rows + h + h / 2) & 0xFFFFFF,
                "row bb, position 1 = 0.5");
        assertEquals(high, img.getRGB(left + 6 * k + 2, rows + h + h / 2) & 0xFFFFFF, "row bb, position 3 = 1");
        // the marked position 2 (columns [4, 6)) has a red frame: its left edge is red
        assertEquals(ScoreMapPng.MARK.getRGB() & 0xFFFFFF, img.getRGB(left + 4 * k, rows + h) & 0xFFFFFF, "mark");
    }

    @Test void writesAPngAndRejectsMismatchedShapes(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("sub/map.png");
        Plots.scoreMaps(List.of(map(), map()), png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(ScoreMapPng.MARGIN + 2 * ScoreMapPng.blockHeight(map()), back.getHeight());
        assertTrue(Files.size(png) > 100);
        ScoreMap m = map(), twoLines = new ScoreMap(m.image(), 2, 8, m.scores(), 2, 1, m.rowNames(), "one\ntwo", null);
        assertEquals(ScoreMapPng.blockHeight(m) + ScoreMapPng.CAPTION_H, ScoreMapPng.blockHeight(twoLines));
        assertThrows(IllegalArgumentException.class, () -> new ScoreMap(new float[15], 2, 8, new double[1][4], 2, 1,
                List.of("a"), "", null));
        assertThrows(IllegalArgumentException.class, () -> new ScoreMap(new float[16], 2, 8, new double[2][4], 2, 1,
                List.of("a"), "", null));
        assertThrows(IllegalArgumentException.class, () -> Plots.scoreMaps(List.of(), png));
    }
}
