package jtorch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gzip files that expand far beyond their size fail with a clear error, allocating little. */
class GzipBombTest {
    @TempDir Path dir;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Writes {@code head} then {@code zeros} zero bytes, gzip-compressed, streaming (small on disk). */
    private static Path bomb(Path file, byte[] head, long zeros) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            o.write(head);
            byte[] z = new byte[1 << 16];
            for (long left = zeros; left > 0; left -= z.length) o.write(z, 0, (int) Math.min(z.length, left));
        }
        return file;
    }

    private static byte[] idxHeader(int... sizes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * sizes.length);
        b.put(new byte[] {0, 0, 0x08, (byte) sizes.length});
        for (int s : sizes) b.putInt(s);
        return b.array();
    }

    @Test void idxBombIsRefusedBeforeAllocating() throws IOException {
        long n = 300L << 20; // 300 MB of zeros: a ~300 KB file, 1000x
        Path f = bomb(dir.resolve("train-images-idx3-ubyte.gz"), idxHeader((int) (n / 784), 28, 28), n / 784 * 784);
        assertTrue(Files.size(f) < 1 << 20, "bomb is " + Files.size(f) + " bytes");
        long id = Thread.currentThread().threadId(), before = THREADS.getThreadAllocatedBytes(id);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.read(f));
        long used = THREADS.getThreadAllocatedBytes(id) - before;
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("-Djtorch.data.gzipMaxRatio="),
                e.getMessage());
        assertTrue(used < 16 << 20, "allocated " + used + " bytes");
        assertThrows(DataFormatException.class, () -> Idx.readFloat(f, 1 / 255.0));
    }

    @Test void streamBombIsCutAtTheLimit() throws IOException {
        // a CSV of 100 MB of zero bytes: no header to check, so the decompressing stream itself must stop
        Path f = bomb(dir.resolve("data.csv.gz"), "a,b\n".getBytes(), 100L << 20);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.read(f, 0, true));
        assertTrue(e.getMessage().contains("gzip data expands past " + GzipLimit.FLOOR_BYTES + " bytes")
                && e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test void plainIdxDeclaringMoreThanTheFileIsRefusedBeforeReading() throws IOException {
        Path f = Files.write(dir.resolve("x.idx"), idxHeader(1000, 1000, 100));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.read(f));
        assertTrue(e.getMessage().contains("needs 100000000 data bytes") && e.getMessage().contains("the file has 0"),
                e.getMessage());
    }

    @Test void realDataRatiosPassAndThePropertyRaisesTheLimit() {
        assertEquals(100L * 9_912_422, GzipLimit.maxBytes(9_912_422)); // MNIST train images: 47 MB needed, 991 MB allowed
        assertEquals(GzipLimit.FLOOR_BYTES, GzipLimit.maxBytes(1000));
        String old = System.getProperty(GzipLimit.RATIO_PROPERTY);
        try {
            System.setProperty(GzipLimit.RATIO_PROPERTY, "5000");
            assertEquals(5000L * 1_000_000, GzipLimit.maxBytes(1_000_000));
            System.setProperty(GzipLimit.RATIO_PROPERTY, "zero");
            assertThrows(IllegalArgumentException.class, () -> GzipLimit.maxBytes(1));
        } finally {
            if (old == null) System.clearProperty(GzipLimit.RATIO_PROPERTY);
            else System.setProperty(GzipLimit.RATIO_PROPERTY, old);
        }
    }
}
