package jtorch.examples;

import java.io.IOException;
import java.io.InputStream;
import jtorch.data.TensorDataset;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The examples' view of the embedded UCI digits set, a thin wrapper over {@link jtorch.data.Digits} (which owns the data
 * and the parser): {@code images} F32 [N, 64] in [0, 1], {@code labels} I32 [N].
 */
public record Digits(Tensor images, Tensor labels) {
    public static final String RESOURCE = jtorch.data.Digits.RESOURCE;

    /** Loads the embedded set. */
    public static Digits load() { return of(jtorch.data.Digits.load()); }

    /** Parses CSV rows of 64 pixels and a label; errors name the source, line and field. */
    static Digits parse(InputStream in, String source) throws IOException { return of(jtorch.data.Digits.parse(in, source)); }

    private static Digits of(TensorDataset d) { return new Digits(d.inputs(), d.targets()); }

    public int size() { return labels.size(0); }

    /**
     * {train, test}: a seeded random split in which {@code testFraction} of the images go to the test part (the name
     * says which share the number is; {@link TensorDataset#randomSplit} takes the first part's share).
     */
    public Digits[] trainTestSplit(double testFraction, long seed) {
        TensorDataset[] s = new TensorDataset(images, labels).randomSplit(1 - testFraction, seed);
        return new Digits[] {of(s[0]), of(s[1])};
    }

    public Digits subset(Tensor idx) { return new Digits(images.indexSelect(0, idx), labels.indexSelect(0, idx)); }

    /** Each pixel shifted and scaled by the mean and standard deviation of {@code stats}' pixels (constant pixels: scale 1). */
    public Digits standardize(Digits stats) {
        Tensor mean = stats.images.mean(0);
        Tensor std = stats.images.var(0, false, true).sqrtInPlace();
        std = Tensor.where(std.gt(1e-6), std, std.newZeros(1).addInPlace(1));
        return new Digits(images.sub(mean).divInPlace(std), labels);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
    public static int[] permutation(int n, Generator g) { return TensorDataset.permutation(n, g); }
}
