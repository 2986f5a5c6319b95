package jtorch.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir Path dir;

    static Map<String, Tensor> sample() {
        Generator g = new Generator(3);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("w", Tensor.randn(g, 3, 5));
        m.put("d", Tensor.randn(DType.F64, g, 7));
        m.put("labels", Tensor.of(new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}, 2, 2));
        m.put("scalar", Tensor.scalar(DType.F32, -2.5));
        m.put("empty", Tensor.zeros(0, 4));
        m.put("empty64", Tensor.zeros(DType.F64, 0));
        m.put("transposed", Tensor.randn(g, 4, 3).t()); // not contiguous: written in row-major order
        m.put("special", Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0f, Float.MIN_VALUE}));
        return m;
    }

    static void assertSameTensor(String name, Tensor expected, Tensor actual) {
        assertEquals(expected.dtype(), actual.dtype(), name);
        assertArrayEquals(expected.sizes(), actual.sizes(), name);
        assertTrue(actual.isContiguous(), name);
        switch (expected.dtype()) {
            case F32 -> {
                float[] a = expected.toFloatArray(), b = actual.toFloatArray();
                for (int i = 0; i < a.length; i++) assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), name);
            }
            case F64 -> {
                double[] a = expected.toDoubleArray(), b = actual.toDoubleArray();
                for (int i = 0; i < a.length; i++) assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), name);
            }
            case I32 -> assertArrayEquals(expected.toIntArray(), actual.toIntArray(), name);
        }
    }

    @Test void roundTripIsBitExact() {
        Path f = dir.resolve("t.safetensors");
        Map<String, Tensor> in = sample();
        Safetensors.write(f, in, Map.of("k", "v \"quoted\" ü", "empty", ""));
        Safetensors.Loaded out = Safetensors.read(f);
        assertEquals(List.copyOf(in.keySet()), List.copyOf(out.tensors().keySet()));
        in.forEach((k, t) -> assertSameTensor(k, t, out.tensors().get(k)));
        assertEquals(Map.of("k", "v \"quoted\" ü", "empty", ""), out.metadata());
        assertEquals(0, out.tensors().get("scalar").dim());
    }

    @Test void layoutFollowsTheSpec() throws IOException {
        Path f = dir.resolve("small.safetensors");
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("a", Tensor.of(new float[] {1, 2}));
        in.put("b", Tensor.of(new int[] {7}));
        Safetensors.write(f, in, Map.of());
        byte[] b = Files.readAllBytes(f);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long n = bb.getLong();
        assertEquals(0, n % 8);
        String header = new String(b, 8, (int) n, StandardCharsets.UTF_8).strip();
        assertEquals("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[8,12]}}", header);
        assertEquals(8 + n + 12, b.length);
        bb.position((int) (8 + n));
        assertEquals(1f, bb.getFloat());
        assertEquals(2f, bb.getFloat());
        assertEquals(7, bb.getInt());
    }

    @Test void emptyFileHasNoTensors() {
        Path f = dir.resolve("none.safetensors");
        Safetensors.write(f, Map.of(), Map.of());
        assertEquals(0, Safetensors.read(f).tensors().size());
    }

    @Test void writeRejectsBadNames() {
        Path f = dir.resolve("x.safetensors");
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(f, Map.of("__metadata__", Tensor.zeros(1)), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(f, Map.of("", Tensor.zeros(1)), Map.of()));
    }

    @Test void missingFileIsAnIoError() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Safetensors.read(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    /** A file with the given header JSON (padded) and data bytes. */
    private Path raw(String name, String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path f = dir.resolve(name);
        Files.write(f, b.array());
        return f;
    }

    private static void assertBad(Path f, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test void rejectsMalformedFiles() throws IOException {
        assertBad(raw("unknown-dtype", "{\"a\":{\"dtype\":\"U16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), "dtype \"U16\"");
        assertBad(raw("wrong-count", "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "needs 12");
        assertBad(raw("past-end", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4), "past the end");
        assertBad(raw("hole", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "hole");
        assertBad(raw("overlap", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "overlap");
        assertBad(raw("trailing", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8), "cover 4 bytes");
        assertBad(raw("reversed", "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", 4), "begin <= end");
        assertBad(raw("neg-shape", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", 0), "shape");
        assertBad(raw("no-offsets", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "data_offsets");
        assertBad(raw("extra-field", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", 4), "unknown field");
        assertBad(raw("not-json", "{\"a\":", 0), "not a valid JSON object");
        assertBad(raw("array", "[1]", 0), "not a valid JSON object");
        assertBad(raw("meta", "{\"__metadata__\":{\"k\":1}}", 0), "must be a string");
        Path shortFile = dir.resolve("short");
        Files.write(shortFile, new byte[] {1, 2, 3});
        assertBad(shortFile, "shorter than the 8-byte header length");
        Path hugeHeader = dir.resolve("huge");
        Files.write(hugeHeader, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        assertBad(hugeHeader, "does not fit in the file");
    }

    @Test void everyTruncationAndByteFlipIsCaughtOrHarmless() throws IOException {
        Path f = dir.resolve("good.safetensors");
        Safetensors.write(f, sample(), Map.of("a", "b"));
        byte[] good = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.safetensors");
        for (int len = 0; len < good.length; len++) {
            Files.write(cut, java.util.Arrays.copyOf(good, len));
            assertThrows(IllegalArgumentException.class, () -> Safetensors.read(cut), "truncated to " + len);
        }
        // a flipped byte in the header or length is either rejected with IllegalArgumentException or still a valid file
        int headerEnd = 8 + (int) ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong();
        java.util.Random r = new java.util.Random(11);
        for (int i = 0; i < 500; i++) {
            byte[] bad = good.clone();
            int pos = r.nextInt(headerEnd);
            bad[pos] ^= (byte) (1 + r.nextInt(255));
            Files.write(cut, bad);
            try {
                Safetensors.read(cut);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains(cut.toString()), expected.getMessage());
            }
        }
    }
}
