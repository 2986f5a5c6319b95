package jtorch.train.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvPlotsTest {
    @TempDir Path tmp;

    static int gray(int v) { return v << 16 | v << 8 | v; }

    static int rgb(BufferedImage img, int x, int y) { return img.getRGB(x, y) & 0xFFFFFF; }

    /** Filter t of a [4, 1, 2, 2] weight holds t·10 + (0, 1, 2, 3); filter 3 is constant. */
    static Tensor weight() {
        float[] w = new float[16];
        for (int t = 0; t < 4; t++) for (int k = 0; k < 4; k++) w[4 * t + k] = t == 3 ? 5 : 10 * t + k;
        return Tensor.of(w, 4, 1, 2, 2);
    }

    @Test
    void filterGridShadesEachFilterByItsOwnRangeInTheWrittenPng() throws IOException {
        Path png = tmp.resolve("filters.png");
        ConvPlots.filterGrid(weight(), "filters", png);
        BufferedImage img = ImageIO.read(png.toFile());
        TileGrid.Layout l = ConvPlots.filterImage(weight(), "filters");
        assertEquals(l.image().getWidth(), img.getWidth());
        assertEquals(l.image().getHeight(), img.getHeight());
        int s = ConvPlots.FILTER_TILE / 2; // 2x2 filters: each weight a 20-pixel block
        assertEquals(2 * (2 * s + TileGrid.GAP) + TileGrid.GAP, img.getWidth(), "a 2 x 2 grid of 4 filters");
        for (int t = 0; t < 3; t++) {
            int x = l.x()[0][t], y = l.y()[0][t];
            assertEquals(gray(0), rgb(img, x, y), "filter " + t + " minimum is black");
            assertEquals(gray(85), rgb(img, x + s + s / 2, y + s / 2), "filter " + t + " (1 - 0) / 3 of the range");
            assertEquals(gray(170), rgb(img, x + s - 1, y + s), "filter " + t + " second row, first column");
            assertEquals(gray(255), rgb(img, x + 2 * s - 1, y + 2 * s - 1), "filter " + t + " maximum is white");
            assertEquals(TileGrid.BACKGROUND.getRGB() & 0xFFFFFF, rgb(img, x + 2 * s, y + s), "the gap right of tile " + t);
        }
        assertEquals(gray(128), rgb(img, l.x()[0][3] + 3, l.y()[0][3] + 3), "a constant filter is mid-gray");
        assertEquals(l.x()[0][0], l.x()[0][2]);
        assertTrue(l.y()[0][2] > l.y()[0][0] + 2 * s, "filter 2 starts the second row");
    }

    @Test
    void filtersWithSeveralInputPlanesGetOneRowPerFilter() {
        TileGrid.Layout l = ConvPlots.filterImage(Tensor.zeros(3, 2, 5, 5), null);
        assertEquals(6, l.x()[0].length);
        assertEquals(l.y()[0][0], l.y()[0][1]);
        assertTrue(l.y()[0][2] > l.y()[0][1]);
        assertEquals(l.x()[0][0], l.x()[0][2]);
    }

    @Test
    void featureMapsShowTheInputThenEachLayerAndMarkNonFiniteValuesRed() {
        Tensor image = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, 1, 3, 3);
        Tensor maps = Tensor.of(new float[] {1, 2, 3, 4, -1, Float.NaN, -3, -1}, 1, 2, 2, 2);
        TileGrid.Layout l = ConvPlots.featureImage(image, List.of(maps), List.of("block 1"), "one input");
        BufferedImage img = l.image();
        int si = Math.round(ConvPlots.MAP_TILE / 3f), sm = ConvPlots.MAP_TILE / 2; // 19- and 28-pixel blocks
        assertEquals(gray(0), rgb(img, l.x()[0][0], l.y()[0][0]));
        assertEquals(gray(255), rgb(img, l.x()[0][0] + 3 * si - 1, l.y()[0][0] + 3 * si - 1));
        assertEquals(gray(159), rgb(img, l.x()[0][0] + 2 * si, l.y()[0][0] + si), "5 is 5/8 of the range: 159.4, rounded");
        assertEquals(gray(255), rgb(img, l.x()[1][0] + 2 * sm - 1, l.y()[1][0] + 2 * sm - 1), "map 0 maximum 4");
        assertEquals(TileGrid.NON_FINITE_RGB, rgb(img, l.x()[1][1] + sm, l.y()[1][1]), "the NaN");
        assertEquals(gray(0), rgb(img, l.x()[1][1], l.y()[1][1] + sm), "map 1 minimum -3 (the NaN left out)");
        assertEquals(gray(255), rgb(img, l.x()[1][1], l.y()[1][1]), "map 1 maximum -1");
        assertTrue(l.y()[1][0] >= l.y()[0][0] + 3 * si + TileGrid.CAPTION_H, "the layer's section lies below the input, under its caption");
    }

    @Test
    void badShapesNameTheFunctionAndTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvPlots.filterGrid(Tensor.zeros(4, 9), null, tmp.resolve("x.png")));
        assertTrue(e.getMessage().contains("ConvPlots.filterGrid") && e.getMessage().contains("[4, 9]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvPlots.featureImage(Tensor.zeros(2, 3, 3),
                List.of(), List.of(), null));
        assertTrue(e.getMessage().contains("[2, 3, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConvPlots.featureImage(Tensor.zeros(3, 3),
                List.of(Tensor.zeros(4, 4)), List.of("conv"), null));
        assertTrue(e.getMessage().contains("conv") && e.getMessage().contains("[4, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvPlots.featureImage(Tensor.zeros(3, 3),
                List.of(Tensor.zeros(1, 4, 4)), List.of(), null));
    }
}
