package jtorch.examples;

import jtorch.data.FashionMnist;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Image patches for the sparse-coding example: 8×8 patches as rows of 64 values, each with its mean removed and
 * scaled to unit L2 norm; patches whose centred norm is below {@link #MIN_NORM} (flat background, most of a
 * Fashion-MNIST image) are skipped. From Fashion-MNIST: random positions in random images (seeded); from the digits
 * set: the 8×8 images themselves.
 */
final class SparsePatches {
    static final int SIZE = 8;
    static final double MIN_NORM = 0.5;

    private SparsePatches() {}

    /** {@code count} patches of the first {@code images} images of {@code pixels} [N, side²] (values in [0, 1]). */
    static Tensor random(Tensor pixels, int side, int images, int count, long seed) {
        float[] all = pixels.narrow(0, 0, Math.min(images, pixels.size(0))).contiguous().toFloatArray();
        int n = all.length / (side * side);
        Generator g = new Generator(seed);
        float[] out = new float[count * SIZE * SIZE];
        float[] p = new float[SIZE * SIZE];
        int made = 0, tries = 0;
        while (made < count) {
            if (++tries > 1000L * count + 1000) throw new IllegalStateException("SparsePatches: only " + made + " of "
                    + count + " patches have contrast (centred norm >= " + MIN_NORM + ")");
            int img = g.nextInt(n), r = g.nextInt(side - SIZE + 1), c = g.nextInt(side - SIZE + 1);
            for (int i = 0; i < SIZE; i++)
                for (int j = 0; j < SIZE; j++) p[i * SIZE + j] = all[img * side * side + (r + i) * side + c + j];
            if (normalise(p)) System.arraycopy(p, 0, out, made++ * SIZE * SIZE, p.length);
        }
        return Tensor.of(out, count, SIZE * SIZE);
    }

    /** The rows of {@code images} [N, 64] (8×8 images), normalised; rows without contrast are dropped. */
    static Tensor whole(Tensor images) {
        float[] all = images.contiguous().toFloatArray();
        int n = images.size(0), len = SIZE * SIZE, kept = 0;
        float[] out = new float[all.length], p = new float[len];
        for (int i = 0; i < n; i++) {
            System.arraycopy(all, i * len, p, 0, len);
            if (normalise(p)) System.arraycopy(p, 0, out, kept++ * len, len);
        }
        return Tensor.of(java.util.Arrays.copyOf(out, kept * len), kept, len);
    }

    /** Removes the mean and scales to unit norm in place; false when the centred norm is below MIN_NORM. */
    private static boolean normalise(float[] p) {
        double mean = 0;
        for (float v : p) mean += v;
        mean /= p.length;
        double ss = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] -= (float) mean;
            ss += p[i] * p[i];
        }
        double norm = Math.sqrt(ss);
        if (norm < MIN_NORM) return false;
        for (int i = 0; i < p.length; i++) p[i] /= (float) norm;
        return true;
    }

    /** Whether Fashion-MNIST is installed. */
    static boolean fashionAvailable() { return FashionMnist.available(FashionMnist.DEFAULT_DIR); }
}
