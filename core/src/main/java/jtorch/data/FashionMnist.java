package jtorch.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import jtorch.tensor.Tensor;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017; MIT licence), or MNIST, from its four IDX files
 * ({@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-...}) in a directory:
 * inputs F32 [N, 784] (28×28 pixels, row-major, scaled from 0..255 to [0, 1]), targets I32 [N] in 0..9; N = 60,000
 * for train, 10,000 for test. The image file must be UBYTE [N, 28, 28], the label file UBYTE [N] with the same N
 * and labels below 10; anything else is a {@link DataFormatException}. Debian's {@code dataset-fashion-mnist} package
 * installs the files in {@link #DEFAULT_DIR}.
 */
public final class FashionMnist {
    private FashionMnist() {}

    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The ten class names, by label. */
    public static final java.util.List<String> CLASSES = java.util.List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The 60,000 training examples in {@code dir}. */
    public static TensorDataset train(Path dir) { return load(dir, "train"); }

    /** The 10,000 test examples in {@code dir}. */
    public static TensorDataset test(Path dir) { return load(dir, "t10k"); }

    /** Whether {@code dir} holds the four files (plain or .gz). */
    public static boolean available(Path dir) {
        for (String p : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
            if (!Files.isRegularFile(dir.resolve(p)) && !Files.isRegularFile(dir.resolve(p + ".gz"))) return false;
        }
        return true;
    }

    private static TensorDataset load(Path dir, String prefix) {
        return read(find(dir, prefix + "-images-idx3-ubyte"), find(dir, prefix + "-labels-idx1-ubyte"));
    }

    private static Path find(Path dir, String name) {
        Path plain = dir.resolve(name), gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(plain)) return plain;
        if (Files.isRegularFile(gz)) return gz;
        throw new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException(plain.toString(), null,
                "neither " + plain + " nor " + gz + " exists (Debian: apt install dataset-fashion-mnist)"));
    }

    /** An image file UBYTE [N, H, W] and a label file UBYTE [N] as inputs F32 [N, H*W] / 255 and targets I32 [N]. */
    public static TensorDataset read(Path images, Path labels) {
        Idx.Raw lab = Idx.readRaw(labels);
        Idx.Header lh = lab.header();
        if (lh.type() != Idx.Type.UBYTE || lh.sizes().length != 1) throw new DataFormatException(labels.toString(), 2,
                "expected a label file UBYTE [N], got " + lh.type() + Arrays.toString(lh.sizes()));
        Idx.Header ih = Idx.header(images);
        if (ih.type() != Idx.Type.UBYTE || ih.sizes().length != 3) throw new DataFormatException(images.toString(), 2,
                "expected an image file UBYTE [N, H, W], got " + ih.type() + Arrays.toString(ih.sizes()));
        if (ih.sizes()[0] != lh.sizes()[0]) throw new DataFormatException(images.toString(), 4, "image count "
                + ih.sizes()[0] + " differs from the " + lh.sizes()[0] + " labels in " + labels);
        int n = lh.sizes()[0];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = lab.data()[i] & 0xFF;
            if (t[i] > 9) throw new DataFormatException(labels.toString(), 8 + i, "expected a label in 0..9, got " + t[i]);
        }
        Tensor x = Idx.readFloat(images, 1.0 / 255);
        return new TensorDataset(x.view(n, ih.sizes()[1] * ih.sizes()[2]), Sources.wrap(t, n));
    }
}
