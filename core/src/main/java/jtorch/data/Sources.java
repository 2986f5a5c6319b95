package jtorch.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import jtorch.backend.Backends;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Shape;
import jtorch.tensor.Tensor;

/**
 * File plumbing shared by the readers: whole-file reads of plain or gzip files ({@code .gz} suffix or the gzip magic
 * bytes 1F 8B), with a cap on the decompressed size (the reader's own and {@link GzipLimit}'s, relative to the
 * compressed size), and the translation of I/O failures: a corrupt gzip stream is a
 * {@link DataFormatException}, a missing or unreadable file an {@link UncheckedIOException} naming it.
 */
final class Sources {
    private Sources() {}

    /** Arrays past this length cannot be indexed by a tensor. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    static boolean isGzip(Path file) {
        if (file.getFileName() != null && file.getFileName().toString().endsWith(".gz")) return true;
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1F && in.read() == 0x8B;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Opens {@code file}, decompressing gzip; the stream's errors go through {@link #fail}. */
    static InputStream open(Path file) {
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            if (!isGzip(file)) return raw;
            try {
                return new BufferedInputStream(GzipLimit.bounded(new GZIPInputStream(raw, 1 << 16), file, Files.size(file)),
                        1 << 16);
            } catch (IOException e) {
                raw.close();
                throw fail(file, 0, e);
            }
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** All bytes of {@code file} (decompressed if gzip), failing past {@code cap} bytes without allocating that much. */
    static byte[] readAll(Path file, long cap) {
        try (InputStream in = open(file)) {
            byte[] b = in.readNBytes((int) Math.min(cap, MAX_BYTES) + 1);
            if (b.length > cap) throw new DataFormatException(file.toString(), cap, "file longer than the " + cap
                    + " bytes this reader accepts");
            return b;
        } catch (IOException e) {
            throw fail(file, -1, e);
        }
    }

    /**
     * How many content bytes {@code file} can give at most: its size when plain, {@link GzipLimit#maxBytes} when gzip.
     * Header-declared sizes are checked against it before anything is allocated.
     */
    static long maxContent(Path file) {
        try {
            long size = Files.size(file);
            return isGzip(file) ? GzipLimit.maxBytes(size) : size;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** An I/O exception met while reading: a corrupt or truncated gzip stream is a format error, the rest unreadable. */
    static RuntimeException fail(Path file, long offset, IOException e) {
        if (e instanceof ZipException || e instanceof EOFException) {
            return new DataFormatException(file.toString(), offset, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
        return unreadable(file, e);
    }

    static UncheckedIOException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) return new UncheckedIOException("data file not found: " + file, e);
        return new UncheckedIOException("cannot read " + file + ": " + e, e);
    }

    /** A tensor over {@code a} without copying it (on the default back end). */
    static Tensor wrap(float[] a, int... sizes) { return on(HeapStorage.wrap(a), sizes); }

    static Tensor wrap(double[] a, int... sizes) { return on(HeapStorage.wrap(a), sizes); }

    static Tensor wrap(int[] a, int... sizes) { return on(HeapStorage.wrap(a), sizes); }

    private static Tensor on(HeapStorage s, int[] sizes) {
        return new Tensor(Backends.ref(), s, 0, sizes.clone(), Shape.contiguousStrides(sizes)).to(Backends.getDefault());
    }
}
