package jtorch.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import jtorch.tensor.Tensor;

/**
 * Reader for IDX files (the MNIST / Fashion-MNIST format), plain or gzip-compressed. Layout, all big-endian:
 * bytes 0–1 are zero; byte 2 is the element type (0x08 unsigned byte, 0x09 signed byte, 0x0B int16, 0x0C int32,
 * 0x0D float32, 0x0E float64); byte 3 is the number of dimensions {@code d}; then {@code d} int32 sizes; then exactly
 * {@code prod(sizes) * elementSize} data bytes, nothing after. Anything else is a {@link DataFormatException} naming the
 * file, the byte offset (in the decompressed content) and what was expected there. Sizes are checked against the
 * remaining content before any data array is allocated (a plain file's size; for gzip, the most it may expand to:
 * max(100 × its size, 64 MiB) by default, raised with {@code -Djtorch.data.gzipMaxRatio=N}), so a header claiming
 * huge sizes, or a gzip bomb, cannot exhaust memory.
 */
public final class Idx {
    private Idx() {}

    /** Element types, by their type byte. */
    public enum Type {
        UBYTE(0x08, 1), BYTE(0x09, 1), SHORT(0x0B, 2), INT(0x0C, 4), FLOAT(0x0D, 4), DOUBLE(0x0E, 8);

        public final int code, bytes;

        Type(int code, int bytes) { this.code = code; this.bytes = bytes; }

        static Type of(int code) {
            for (Type t : values()) if (t.code == code) return t;
            return null;
        }
    }

    /** The parsed header: element type and sizes; the data starts at byte {@code 4 + 4 * sizes.length}. */
    public record Header(Type type, int[] sizes) {
        public long count() {
            long n = 1;
            for (int s : sizes) n *= s;
            return n;
        }
    }

    /** A whole file: header and raw big-endian data bytes. */
    record Raw(Path file, Header header, byte[] data) {}

    /**
     * Reads {@code file} as a tensor of its natural type: I32 for the four integer types, F32 for float32, F64 for
     * float64; shape = the header sizes.
     */
    public static Tensor read(Path file) { return tensor(readRaw(file)); }

    private static Tensor tensor(Raw r) {
        int[] s = r.header.sizes;
        ByteBuffer bb = ByteBuffer.wrap(r.data).order(ByteOrder.BIG_ENDIAN);
        int n = (int) r.header.count();
        return switch (r.header.type) {
            case UBYTE -> { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = r.data[i] & 0xFF; yield Sources.wrap(a, s); }
            case BYTE -> { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = r.data[i]; yield Sources.wrap(a, s); }
            case SHORT -> { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = bb.getShort(2 * i); yield Sources.wrap(a, s); }
            case INT -> { int[] a = new int[n]; bb.asIntBuffer().get(a); yield Sources.wrap(a, s); }
            case FLOAT -> { float[] a = new float[n]; bb.asFloatBuffer().get(a); yield Sources.wrap(a, s); }
            case DOUBLE -> { double[] a = new double[n]; bb.asDoubleBuffer().get(a); yield Sources.wrap(a, s); }
        };
    }

    /** Reads {@code file} as F32, each value multiplied by {@code scale} (e.g. 1/255 for pixels); shape = the header sizes. */
    public static Tensor readFloat(Path file, double scale) {
        Raw r = readRaw(file);
        int n = (int) r.header.count();
        float[] a = new float[n];
        float sc = (float) scale;
        if (r.header.type == Type.UBYTE) {
            for (int i = 0; i < n; i++) a[i] = (r.data[i] & 0xFF) * sc;
        } else {
            double[] d = tensor(r).toDoubleArray();
            for (int i = 0; i < n; i++) a[i] = (float) (d[i] * scale);
        }
        return Sources.wrap(a, r.header.sizes);
    }

    /** Only the header of {@code file} (validated like {@link #read}'s, without reading the data). */
    public static Header header(Path file) {
        try (InputStream in = Sources.open(file)) {
            return header(in, file.toString());
        } catch (IOException e) {
            throw Sources.fail(file, -1, e);
        }
    }

    static Raw readRaw(Path file) {
        String name = file.toString();
        try (InputStream in = Sources.open(file)) {
            Header h = header(in, name);
            long start = 4L + 4L * h.sizes.length, bytes = h.count() * h.type.bytes;
            checkAvailable(file, h, start, bytes);
            byte[] data = in.readNBytes((int) bytes);
            if (data.length < bytes) throw new DataFormatException(name, start + data.length, "truncated: header "
                    + describe(h) + " needs " + bytes + " data bytes after the " + start + "-byte header, the file has "
                    + data.length);
            if (in.read() != -1) throw new DataFormatException(name, start + bytes, "trailing bytes after the "
                    + bytes + " data bytes that header " + describe(h) + " describes");
            return new Raw(file, h, data);
        } catch (IOException e) {
            throw Sources.fail(file, -1, e);
        }
    }

    /**
     * Refuses, before allocating, a header that declares more data than the file can hold: more than the plain file's
     * remaining bytes, or more than a gzip file may expand to ({@link GzipLimit}).
     */
    private static void checkAvailable(Path file, Header h, long start, long bytes) {
        long max = Sources.maxContent(file);
        if (start + bytes <= max) return;
        if (!Sources.isGzip(file)) throw new DataFormatException(file.toString(), Math.max(start, max), "truncated: header "
                + describe(h) + " needs " + bytes + " data bytes after the " + start + "-byte header, the file has "
                + Math.max(0, max - start));
        long compressed;
        try {
            compressed = java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw Sources.unreadable(file, e);
        }
        throw GzipLimit.tooLarge(file, compressed, max, start, "header " + describe(h) + " declares " + bytes
                + " data bytes");
    }

    static Header header(InputStream in, String name) throws IOException {
        byte[] m = in.readNBytes(4);
        if (m.length < 4) throw new DataFormatException(name, m.length, "truncated: expected a 4-byte IDX magic number, "
                + "the file has " + m.length + " bytes");
        if (m[0] != 0 || m[1] != 0) throw new DataFormatException(name, m[0] != 0 ? 0 : 1, String.format(
                "not an IDX file: expected magic bytes 00 00, got %02X %02X", m[0] & 0xFF, m[1] & 0xFF));
        Type type = Type.of(m[2] & 0xFF);
        if (type == null) throw new DataFormatException(name, 2, String.format("expected an IDX type byte (0x08 ubyte, "
                + "0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double), got 0x%02X", m[2] & 0xFF));
        int d = m[3] & 0xFF;
        if (d == 0) throw new DataFormatException(name, 3, "expected at least one dimension, got 0");
        byte[] ds = in.readNBytes(4 * d);
        if (ds.length < 4 * d) throw new DataFormatException(name, 4 + ds.length, "truncated header: " + d
                + " dimension sizes need " + 4 * d + " bytes from byte 4, only " + ds.length + " present");
        ByteBuffer bb = ByteBuffer.wrap(ds).order(ByteOrder.BIG_ENDIAN);
        int[] sizes = new int[d];
        long total = type.bytes;
        for (int k = 0; k < d; k++) {
            sizes[k] = bb.getInt(4 * k);
            if (sizes[k] < 0) throw new DataFormatException(name, 4 + 4 * k, "dimension " + k + " size "
                    + Integer.toUnsignedString(sizes[k]) + " is too large (at most " + Integer.MAX_VALUE + ")");
            total = total * sizes[k];
            if (total > Sources.MAX_BYTES) throw new DataFormatException(name, 4 + 4 * k, "dimension sizes "
                    + java.util.Arrays.toString(java.util.Arrays.copyOf(sizes, k + 1)) + " of " + type
                    + " already exceed the " + Sources.MAX_BYTES + " data bytes one tensor can hold");
        }
        return new Header(type, sizes);
    }

    private static String describe(Header h) { return h.type + java.util.Arrays.toString(h.sizes); }
}
