package jtorch.data;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Training-time augmentation for {@link DataLoader#withTransform}: each example of a batch is mirrored left to right
 * (x'[c, i, j] = x[c, i, W − 1 − j]) with probability p, independently, the decisions drawn in batch order from the
 * transform's own {@link Generator}; targets are kept. Inputs are [B, C, H, W], or [B, H·W] / [B, C·H·W] rows holding
 * images of the width given to the constructor (row-major, each run of {@code width} values one image row). The result
 * is a new F32 tensor of the input's shape; the input is not changed. For images whose class survives mirroring
 * (Fashion-MNIST's clothes, CIFAR's objects; not digits or text).
 * <p>One generator, one stream: the draws depend on how many examples were flipped before, so a run resumed from a
 * checkpoint sees other flips than the uninterrupted run would have (the shuffle order is still the same).
 */
public final class RandomFlip implements UnaryOperator<Batch> {
    private final int width;
    private final double p;
    private final Generator generator;

    /** Flips with probability {@code p} images {@code width} values wide, drawing from a generator seeded with {@code seed}. */
    public RandomFlip(int width, double p, long seed) {
        if (width < 1) throw new IllegalArgumentException("RandomFlip: width must be >= 1, got " + width);
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("RandomFlip: p must be in [0, 1], got " + p);
        this.width = width;
        this.p = p;
        this.generator = new Generator(seed);
    }

    /** Flips half of the images, on average. */
    public RandomFlip(int width, long seed) { this(width, 0.5, seed); }

    @Override public synchronized Batch apply(Batch b) {
        Tensor x = b.input();
        int n = x.size(0), per = x.numel() / Math.max(n, 1);
        int w = x.dim() == 4 ? x.size(3) : width;
        if (x.dim() < 2 || per % w != 0 || (x.dim() == 4 && x.size(3) != width)) {
            throw new IllegalArgumentException("RandomFlip: input must be [B, C, H, " + width + "] or [B, F] rows of images "
                    + width + " wide (F a multiple of " + width + "), got " + Arrays.toString(x.sizes()));
        }
        float[] v = x.toFloatArray();
        for (int e = 0; e < n; e++) {
            if (generator.nextDouble() >= p) continue;
            for (int row = e * per; row < (e + 1) * per; row += w) {
                for (int i = row, j = row + w - 1; i < j; i++, j--) {
                    float t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                }
            }
        }
        return new Batch(Tensor.of(v, x.sizes()), b.target());
    }
}
