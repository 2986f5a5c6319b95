package jtorch.examples;

import java.util.Arrays;
import java.util.SplittableRandom;
import jtorch.data.TensorDataset;
import jtorch.tensor.Tensor;

/**
 * The pictures of the sliding-window example, cut from 28×28 items (pixels in [0, 1], background 0):
 * <ul>
 *   <li>{@link #strip}: a test strip 28 × {@code width}: k items side by side, left margin and the gap before each
 *       further item drawn uniformly from 0..{@code maxGap} pixels, zeros to the right end.</li>
 *   <li>{@link #itemWindows}: training windows 28 × 28 labelled with their item's class: the item shifted by a jitter
 *       in −3..3 pixels, with neighbours left and right at gaps 0..maxGap (each neighbour blank with probability 0.2,
 *       as at a strip's ends), so that the net sees what the strips show at the positions it must recognise.</li>
 *   <li>{@link #backgroundWindows}: windows labelled {@link #BACKGROUND} (class 10): a window whose centre lies at
 *       least 8 pixels from every item's centre (between two items, or past the last one).</li>
 * </ul>
 * Everything is drawn from a seeded SplittableRandom, so a seed gives the same pictures on every machine.
 */
final class Strips {
    static final int SIDE = 28, PIXELS = SIDE * SIDE, BACKGROUND = 10, JITTER = 3, MIN_OFFSET = 8;

    private final float[] images;
    private final int[] labels;
    private final int maxGap;

    /** The items of {@code d} (inputs [N, 784] in [0, 1], targets [N] in 0..9); gaps up to {@code maxGap} pixels. */
    Strips(TensorDataset d, int maxGap) {
        this.images = d.inputs().toFloatArray();
        this.labels = d.targets().toIntArray();
        this.maxGap = maxGap;
    }

    int size() { return labels.length; }

    /** A generated strip: pixels [28 × width] row-major, the items' classes and their left columns. */
    record Strip(float[] pixels, int width, int[] classes, int[] lefts) {}

    /** The widest strip of up to {@code maxItems} items. */
    int width(int maxItems) { return maxItems * SIDE + maxItems * maxGap; }

    /** A strip of {@code k} random items, {@code width} columns wide (at least {@link #width(int) width(k)}). */
    Strip strip(int k, int width, SplittableRandom r) {
        if (width < width(k)) throw new IllegalArgumentException("Strips.strip: " + k + " items with gaps up to "
                + maxGap + " need width " + width(k) + ", got " + width);
        float[] px = new float[SIDE * width];
        int[] classes = new int[k], lefts = new int[k];
        int x = r.nextInt(maxGap + 1);
        for (int i = 0; i < k; i++) {
            int item = r.nextInt(labels.length);
            classes[i] = labels[item];
            lefts[i] = x;
            paste(px, width, item, x, 0, width);
            x += SIDE + r.nextInt(maxGap + 1);
        }
        return new Strip(px, width, classes, lefts);
    }

    /** One training window per item index in {@code items}: inputs [n, 784], targets [n] (the item's class). */
    TensorDataset itemWindows(int[] items, SplittableRandom r) {
        int n = items.length;
        float[] x = new float[n * PIXELS];
        int[] t = new int[n];
        float[] ctx = new float[SIDE * 3 * SIDE * 2];
        int cw = 3 * SIDE * 2, mid = cw / 2 - SIDE / 2; // context strip, item at columns [mid, mid + 28)
        for (int i = 0; i < n; i++) {
            Arrays.fill(ctx, 0f);
            paste(ctx, cw, items[i], mid, 0, cw);
            if (r.nextDouble() >= 0.2) paste(ctx, cw, r.nextInt(labels.length), mid - SIDE - r.nextInt(maxGap + 1), 0, cw);
            if (r.nextDouble() >= 0.2) paste(ctx, cw, r.nextInt(labels.length), mid + SIDE + r.nextInt(maxGap + 1), 0, cw);
            crop(ctx, cw, mid + r.nextInt(-JITTER, JITTER + 1), x, i);
            t[i] = labels[items[i]];
        }
        return new TensorDataset(Tensor.of(x, n, PIXELS), Tensor.of(t, n));
    }

    /** {@code n} background windows: inputs [n, 784], targets [n] all {@link #BACKGROUND}. */
    TensorDataset backgroundWindows(int n, SplittableRandom r) {
        float[] x = new float[n * PIXELS];
        int[] t = new int[n];
        int cw = 3 * SIDE + maxGap;
        float[] ctx = new float[SIDE * cw];
        for (int i = 0; i < n; i++) {
            Arrays.fill(ctx, 0f);
            int gap = r.nextInt(maxGap + 1);
            boolean left = r.nextDouble() >= 0.1, right = r.nextDouble() >= 0.3;
            if (left) paste(ctx, cw, r.nextInt(labels.length), 0, 0, cw);
            if (right) paste(ctx, cw, r.nextInt(labels.length), SIDE + gap, 0, cw);
            // window start s: its centre is s from the left item's centre and SIDE + gap - s from the right one's
            int hi = right ? SIDE + gap - MIN_OFFSET : 2 * SIDE;
            crop(ctx, cw, r.nextInt(MIN_OFFSET, hi + 1), x, i);
            t[i] = BACKGROUND;
        }
        return new TensorDataset(Tensor.of(x, n, PIXELS), Tensor.of(t, n));
    }

    /** Copies item {@code item} into {@code dst} (SIDE rows, {@code w} columns) at column {@code x}, clipped. */
    private void paste(float[] dst, int w, int item, int x, int from, int to) {
        for (int row = 0; row < SIDE; row++) {
            for (int col = 0; col < SIDE; col++) {
                int c = x + col;
                if (c >= from && c < to) dst[row * w + c] = images[item * PIXELS + row * SIDE + col];
            }
        }
    }

    private static void crop(float[] src, int w, int x0, float[] dst, int i) {
        for (int row = 0; row < SIDE; row++) {
            for (int col = 0; col < SIDE; col++) {
                int c = x0 + col;
                dst[i * PIXELS + row * SIDE + col] = c >= 0 && c < w ? src[row * w + c] : 0f;
            }
        }
    }
}
