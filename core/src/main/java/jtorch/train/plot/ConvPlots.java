package jtorch.train.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jtorch.tensor.Tensor;

/**
 * Pictures of a convolutional net, drawn with Java2D (headless) as PNG grids of gray tiles, each tile scaled to its
 * own range (its minimum black, its maximum white; non-finite values pure red):
 * <ul>
 *   <li>{@link #filterGrid}: the filters of a convolution, weight [O, I, kH, kW] (a first layer has I = 1): one tile
 *       per (output, input) plane pair, output filter o in row-major order (I tiles per filter side by side when
 *       I &gt; 1, else a near-square grid), each weight a block of about 40 / k pixels.</li>
 *   <li>{@link #featureMaps}: one input image [H, W] (or [1, H, W]) followed by the feature maps of that input at
 *       some layers, each [C, H', W'] (or [1, C, H', W']), one section per layer, up to 16 maps per row.</li>
 * </ul>
 */
public final class ConvPlots {
    static final int FILTER_TILE = 40, MAP_TILE = 56, MAPS_PER_ROW = 16;

    private ConvPlots() {}

    /** Writes the grid of {@code weight}'s filters to {@code png} under {@code title} (null: none). */
    public static void filterGrid(Tensor weight, String title, Path png) { Plots.writePng(filterImage(weight, title).image(), png); }

    /**
     * Writes {@code image} and the feature maps {@code maps.get(i)} (captioned {@code captions.get(i)}) to {@code png}
     * under {@code title} (null: none).
     */
    public static void featureMaps(Tensor image, List<Tensor> maps, List<String> captions, String title, Path png) {
        Plots.writePng(featureImage(image, maps, captions, title).image(), png);
    }

    static TileGrid.Layout filterImage(Tensor weight, String title) {
        if (weight.dim() != 4) throw new IllegalArgumentException("ConvPlots.filterGrid: weight must be [O, I, kH, kW], got "
                + Arrays.toString(weight.sizes()));
        int o = weight.size(0), in = weight.size(1), kh = weight.size(2), kw = weight.size(3);
        float[] all = weight.toFloatArray();
        float[][] tiles = new float[o * in][];
        for (int t = 0; t < tiles.length; t++) tiles[t] = Arrays.copyOfRange(all, t * kh * kw, (t + 1) * kh * kw);
        int cols = in > 1 ? in : (int) Math.ceil(Math.sqrt(o));
        int scale = Math.max(1, Math.round((float) FILTER_TILE / Math.max(kh, kw)));
        return TileGrid.render(title, List.of(new TileGrid.Section(null, tiles, kh, kw, cols, scale)));
    }

    static TileGrid.Layout featureImage(Tensor image, List<Tensor> maps, List<String> captions, String title) {
        if (maps.size() != captions.size()) throw new IllegalArgumentException("ConvPlots.featureMaps: " + maps.size()
                + " map tensors but " + captions.size() + " captions");
        Tensor img = image.dim() == 3 && image.size(0) == 1 ? image.select(0, 0) : image;
        if (img.dim() != 2) throw new IllegalArgumentException("ConvPlots.featureMaps: the image must be [H, W] or [1, H, W], got "
                + Arrays.toString(image.sizes()));
        List<TileGrid.Section> sections = new ArrayList<>();
        sections.add(section("input", img.view(1, img.size(0), img.size(1))));
        for (int i = 0; i < maps.size(); i++) {
            Tensor m = maps.get(i);
            if (m.dim() == 4 && m.size(0) == 1) m = m.select(0, 0);
            if (m.dim() != 3) throw new IllegalArgumentException("ConvPlots.featureMaps: maps " + i + " (" + captions.get(i)
                    + ") must be [C, H, W] or [1, C, H, W], got " + Arrays.toString(maps.get(i).sizes()));
            sections.add(section(captions.get(i), m));
        }
        return TileGrid.render(title, sections);
    }

    private static TileGrid.Section section(String caption, Tensor maps) {
        int c = maps.size(0), h = maps.size(1), w = maps.size(2);
        float[] all = maps.toFloatArray();
        float[][] tiles = new float[c][];
        for (int t = 0; t < c; t++) tiles[t] = Arrays.copyOfRange(all, t * h * w, (t + 1) * h * w);
        int scale = Math.max(1, Math.round((float) MAP_TILE / Math.max(h, w)));
        return new TileGrid.Section(caption, tiles, h, w, Math.min(c, MAPS_PER_ROW), scale);
    }
}
