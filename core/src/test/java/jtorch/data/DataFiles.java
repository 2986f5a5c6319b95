package jtorch.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small valid files of each format, written by the tests. */
final class DataFiles {
    private DataFiles() {}

    /** An IDX file of {@code type} and {@code sizes} whose k-th element is {@code value(k)}. */
    static byte[] idx(Idx.Type type, int[] sizes, java.util.function.IntToDoubleFunction value) {
        long n = 1;
        for (int s : sizes) n *= s;
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * sizes.length + (int) n * type.bytes);
        b.put((byte) 0).put((byte) 0).put((byte) type.code).put((byte) sizes.length);
        for (int s : sizes) b.putInt(s);
        for (int k = 0; k < n; k++) {
            double v = value.applyAsDouble(k);
            switch (type) {
                case UBYTE, BYTE -> b.put((byte) v);
                case SHORT -> b.putShort((short) v);
                case INT -> b.putInt((int) v);
                case FLOAT -> b.putFloat((float) v);
                case DOUBLE -> b.putDouble(v);
            }
        }
        return b.array();
    }

    /** {@code n} CIFAR records: label k % 10, pixel j of record k = (k + j) % 256. */
    static byte[] cifar(int n) {
        byte[] b = new byte[n * Cifar10.RECORD];
        for (int k = 0; k < n; k++) {
            b[k * Cifar10.RECORD] = (byte) (k % 10);
            for (int j = 0; j < 3072; j++) b[k * Cifar10.RECORD + 1 + j] = (byte) (k + j);
        }
        return b;
    }

    static byte[] gzip(byte[] b) {
        try {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(o)) { g.write(b); }
            return o.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, byte[] b) {
        try {
            return Files.write(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
