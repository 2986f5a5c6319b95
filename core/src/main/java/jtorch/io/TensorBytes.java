package jtorch.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import jtorch.backend.Backends;
import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Shape;
import jtorch.tensor.Tensor;

/** Streams a tensor's elements to and from a file as row-major little-endian bytes, through a reused chunk buffer. */
final class TensorBytes {
    private TensorBytes() {}

    /** Chunk size in bytes (a multiple of 8). */
    static final int CHUNK = 1 << 20;

    /** Appends {@code t}'s elements in row-major order. {@code buf} must be little-endian with capacity CHUNK. */
    static void write(WritableByteChannel ch, ByteBuffer buf, Tensor t) throws IOException {
        int n = t.numel();
        if (n == 0) return;
        Tensor c = t.contiguous();
        int off;
        HeapStorage hs;
        if (c.storage() instanceof HeapStorage h) { hs = h; off = c.offset(); }
        else {
            hs = switch (t.dtype()) {
                case F32 -> HeapStorage.wrap(t.toFloatArray());
                case F64 -> HeapStorage.wrap(t.toDoubleArray());
                case I32 -> HeapStorage.wrap(t.toIntArray());
            };
            off = 0;
        }
        int per = CHUNK / t.dtype().bytes();
        for (int start = 0; start < n; start += per) {
            int len = Math.min(per, n - start);
            buf.clear();
            switch (t.dtype()) {
                case F32 -> buf.asFloatBuffer().put(hs.floats(), off + start, len);
                case F64 -> buf.asDoubleBuffer().put(hs.doubles(), off + start, len);
                case I32 -> buf.asIntBuffer().put(hs.ints(), off + start, len);
            }
            buf.limit(len * t.dtype().bytes());
            while (buf.hasRemaining()) ch.write(buf);
        }
    }

    /**
     * CRC-32C of {@code header}'s UTF-8 bytes (when not null) followed by the tensors' bytes as written to a file
     * (row-major, little-endian, in map order), as 8 hex digits:
     * {@link Model} and {@link Checkpoint} store it to detect corrupted data, which the format itself cannot.
     */
    static String crc32c(String header, Iterable<Tensor> tensors) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        if (header != null) crc.update(header.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        WritableByteChannel sink = new WritableByteChannel() {
            @Override public int write(ByteBuffer src) { int n = src.remaining(); crc.update(src); return n; }
            @Override public boolean isOpen() { return true; }
            @Override public void close() {}
        };
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        try {
            for (Tensor t : tensors) write(sink, buf, t);
        } catch (IOException e) {
            throw new AssertionError(e); // the sink does not fail
        }
        return String.format("%08x", crc.getValue());
    }

    /** Reads a contiguous tensor of {@code dtype} and {@code shape} starting at byte {@code pos}. */
    static Tensor read(FileChannel ch, ByteBuffer buf, long pos, DType dtype, int[] shape, Path file) throws IOException {
        int n = Shape.numel(shape);
        HeapStorage hs = HeapStorage.allocate(dtype, n);
        int per = CHUNK / dtype.bytes();
        for (int start = 0; start < n; start += per) {
            int len = Math.min(per, n - start);
            buf.clear().limit(len * dtype.bytes());
            Safetensors.readFully(ch, buf, pos, file);
            pos += (long) len * dtype.bytes();
            buf.flip();
            switch (dtype) {
                case F32 -> buf.asFloatBuffer().get(hs.floats(), start, len);
                case F64 -> buf.asDoubleBuffer().get(hs.doubles(), start, len);
                case I32 -> buf.asIntBuffer().get(hs.ints(), start, len);
            }
        }
        return new Tensor(Backends.getDefault(), hs, 0, shape, Shape.contiguousStrides(shape));
    }
}
