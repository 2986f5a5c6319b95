package jtorch.train.plot;

import java.util.List;

/**
 * A grey-scale image with a score map under it, for {@link Plots#scoreMaps}: {@code image} holds height × width pixels
 * row-major, 0 drawn black and 1 white (clipped outside [0, 1]); {@code scores[r][t]} in [0, 1] is drawn as a cell of
 * row r (named {@code rowNames.get(r)}) under image columns [offset + stride·t − stride/2, offset + stride·t + stride/2),
 * white for 0 to dark blue for 1, so that a sliding window's score lines up with the centre of the window it came from.
 * Columns listed in {@code marked} get a red frame (e.g. the positions a decoder chose); {@code caption} is printed above (one line per {@code '\n'}-separated line).
 */
public record ScoreMap(float[] image, int height, int width, double[][] scores, int stride, int offset,
                       List<String> rowNames, String caption, int[] marked) {
    public ScoreMap {
        if (height < 1 || width < 1 || image.length != height * width) throw new IllegalArgumentException(
                "ScoreMap: image of " + image.length + " pixels is not height " + height + " × width " + width);
        if (stride < 1) throw new IllegalArgumentException("ScoreMap: stride must be >= 1, got " + stride);
        if (scores.length != rowNames.size()) throw new IllegalArgumentException("ScoreMap: " + scores.length
                + " score rows but " + rowNames.size() + " row names");
        for (double[] row : scores) {
            if (row.length != scores[0].length) throw new IllegalArgumentException("ScoreMap: score rows of "
                    + scores[0].length + " and " + row.length + " positions");
        }
        if (marked == null) marked = new int[0];
        if (caption == null) caption = "";
    }

    /** The number of positions (columns of the score map). */
    public int positions() { return scores.length == 0 ? 0 : scores[0].length; }
}
