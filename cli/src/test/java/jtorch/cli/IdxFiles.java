package jtorch.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/** Writes MNIST-layout IDX directories for the CLI's {@code --data DIR}: random images, or a prefix of a real set. */
final class IdxFiles {
    private IdxFiles() {}

    /** The four files with random 28×28 images (pixel values 0-255) and labels 0-9, seeded. */
    static Path random(Path dir, int train, int test, long seed) throws IOException {
        Random r = new Random(seed);
        for (String split : new String[] {"train", "t10k"}) {
            int n = split.equals("train") ? train : test;
            byte[] px = new byte[n * 784], lab = new byte[n];
            r.nextBytes(px);
            for (int i = 0; i < n; i++) lab[i] = (byte) r.nextInt(10);
            write(dir, split, n, px, lab);
        }
        return dir;
    }

    /** The first {@code train} training and first {@code test} test examples of the IDX set in {@code from} (.gz files). */
    static Path prefix(Path from, Path dir, int train, int test) throws IOException {
        for (String split : new String[] {"train", "t10k"}) {
            int n = split.equals("train") ? train : test;
            byte[] px = read(from.resolve(split + "-images-idx3-ubyte.gz"), 16, n * 784);
            byte[] lab = read(from.resolve(split + "-labels-idx1-ubyte.gz"), 8, n);
            write(dir, split, n, px, lab);
        }
        return dir;
    }

    private static byte[] read(Path gz, int header, int bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            in.readNBytes(header);
            byte[] b = in.readNBytes(bytes);
            if (b.length != bytes) throw new IOException(gz + ": only " + b.length + " of " + bytes + " bytes");
            return b;
        }
    }

    private static void write(Path dir, String split, int n, byte[] px, byte[] lab) throws IOException {
        Files.createDirectories(dir);
        ByteArrayOutputStream img = new ByteArrayOutputStream();
        img.write(ByteBuffer.allocate(16).putInt(0x0803).putInt(n).putInt(28).putInt(28).array());
        img.write(px);
        Files.write(dir.resolve(split + "-images-idx3-ubyte"), img.toByteArray());
        ByteArrayOutputStream l = new ByteArrayOutputStream();
        l.write(ByteBuffer.allocate(8).putInt(0x0801).putInt(n).array());
        l.write(lab);
        Files.write(dir.resolve(split + "-labels-idx1-ubyte"), l.toByteArray());
    }
}
