package jtorch.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The bound on how far a gzip file may expand: at most {@code max(ratio · compressed size, }{@value #FLOOR_BYTES}
 * {@code )} decompressed bytes, with {@code ratio} = {@value #DEFAULT_RATIO} unless the system property
 * {@value #RATIO_PROPERTY} says otherwise. Real data sets stay far below it (MNIST's training images: 9.9 MB →
 * 47 MB, 4.8×; Fashion-MNIST's: 26 MB → 47 MB, 1.8×); a gzip bomb (a 583 KB file of zeros expands to 6 GB, 10,000×)
 * stops at the bound with a {@link DataFormatException} naming the file and the property, instead of exhausting
 * memory. The floor lets small, highly compressible files (synthetic test data) through.
 */
final class GzipLimit {
    private GzipLimit() {}

    static final String RATIO_PROPERTY = "jtorch.data.gzipMaxRatio";
    static final long DEFAULT_RATIO = 100;
    static final long FLOOR_BYTES = 64L << 20;

    /** The decompressed bytes {@code file} (of {@code compressedBytes}) may expand to. */
    static long maxBytes(long compressedBytes) {
        long ratio = ratio();
        long r = compressedBytes > Long.MAX_VALUE / ratio ? Long.MAX_VALUE : compressedBytes * ratio;
        return Math.max(r, FLOOR_BYTES);
    }

    static long ratio() {
        String v = System.getProperty(RATIO_PROPERTY);
        if (v == null) return DEFAULT_RATIO;
        try {
            long r = Long.parseLong(v.strip());
            if (r >= 1) return r;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("system property " + RATIO_PROPERTY + "=" + v + ": expected a whole number >= 1");
    }

    /** The error for {@code file} needing {@code needed} decompressed bytes (or more) past {@code max}. */
    static DataFormatException tooLarge(Path file, long compressed, long max, long offset, String needed) {
        return new DataFormatException(file.toString(), offset, "gzip data expands past " + max + " bytes, "
                + ratio() + "x its " + compressed + " compressed bytes (" + needed + "); a gzip bomb? If the file is "
                + "genuine, raise the ratio with -D" + RATIO_PROPERTY + "=N (JTORCH_JVM_OPTS for the jtorch command)");
    }

    /** A stream that fails once more than {@code max} bytes have been read through it. */
    static InputStream bounded(InputStream in, Path file, long compressed) {
        long max = maxBytes(compressed);
        return new FilterInputStream(in) {
            private long count;

            @Override public int read() throws IOException {
                int b = super.read();
                if (b >= 0) check(1);
                return b;
            }

            @Override public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, (int) Math.min(len, max + 1 - count));
                if (n > 0) check(n);
                return n;
            }

            @Override public long skip(long n) throws IOException {
                long k = super.skip(Math.min(n, max + 1 - count));
                if (k > 0) check(k);
                return k;
            }

            private void check(long n) {
                count += n;
                if (count > max) throw tooLarge(file, compressed, max, max, "more than that was read");
            }
        };
    }
}
