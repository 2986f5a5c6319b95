package jtorch.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 (Krizhevsky 2009) from its binary batches ({@code data_batch_1.bin} .. {@code data_batch_5.bin},
 * {@code test_batch.bin}, plain or .gz): records of 3,073 bytes, one label byte 0..9 followed by 3,072 pixel bytes
 * (1,024 red, 1,024 green, 1,024 blue, each 32×32 row-major). Inputs F32 [N, 3, 32, 32] (NCHW) scaled to [0, 1],
 * targets I32 [N]. A file whose length is not a positive multiple of 3,073, or a label above 9, is a
 * {@link DataFormatException} naming the file and byte offset.
 */
public final class Cifar10 {
    private Cifar10() {}

    public static final int RECORD = 1 + 3 * 32 * 32;
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    /** The five training batches in {@code dir} (or in {@code dir/cifar-10-batches-bin}): 50,000 examples. */
    public static TensorDataset train(Path dir) {
        Path d = folder(dir);
        Path[] files = new Path[5];
        for (int i = 0; i < 5; i++) files[i] = d.resolve("data_batch_" + (i + 1) + ".bin");
        return read(files);
    }

    /** The test batch in {@code dir} (or in {@code dir/cifar-10-batches-bin}): 10,000 examples. */
    public static TensorDataset test(Path dir) { return read(folder(dir).resolve("test_batch.bin")); }

    private static Path folder(Path dir) {
        Path sub = dir.resolve("cifar-10-batches-bin");
        return Files.isDirectory(sub) ? sub : dir;
    }

    /** The records of {@code files}, concatenated in order. */
    public static TensorDataset read(Path... files) {
        if (files.length == 0) throw new IllegalArgumentException("Cifar10.read: no files");
        List<byte[]> parts = new ArrayList<>();
        long n = 0;
        for (Path f : files) {
            Path file = Files.isRegularFile(f) || !Files.isRegularFile(Path.of(f + ".gz")) ? f : Path.of(f + ".gz");
            byte[] b = Sources.readAll(file, Sources.MAX_BYTES);
            if (b.length == 0) throw new DataFormatException(file.toString(), 0, "expected " + RECORD + "-byte records, "
                    + "the file is empty");
            if (b.length % RECORD != 0) throw new DataFormatException(file.toString(), b.length - b.length % RECORD,
                    "expected a whole number of " + RECORD + "-byte records (1 label + 3072 pixels), the file has "
                    + b.length + " bytes: " + b.length / RECORD + " records and " + b.length % RECORD + " extra bytes");
            for (int r = 0; r < b.length; r += RECORD) {
                if ((b[r] & 0xFF) > 9) throw new DataFormatException(file.toString(), r, "record " + r / RECORD
                        + ": expected a label byte 0..9, got " + (b[r] & 0xFF));
            }
            parts.add(b);
            n += b.length / RECORD;
            if (n * (RECORD - 1) > Sources.MAX_BYTES) throw new IllegalArgumentException("Cifar10.read: " + n
                    + " records exceed one tensor");
        }
        float[] x = new float[(int) n * (RECORD - 1)];
        int[] y = new int[(int) n];
        int i = 0;
        for (byte[] b : parts) {
            for (int r = 0; r < b.length; r += RECORD, i++) {
                y[i] = b[r];
                int o = i * (RECORD - 1);
                for (int k = 0; k < RECORD - 1; k++) x[o + k] = (b[r + 1 + k] & 0xFF) * (1f / 255);
            }
        }
        return new TensorDataset(Sources.wrap(x, (int) n, 3, 32, 32), Sources.wrap(y, (int) n));
    }
}
