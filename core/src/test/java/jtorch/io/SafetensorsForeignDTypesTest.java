package jtorch.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F16, BF16 and I64 tensors as other tools (PyTorch, Hugging Face) write them, from hand-made bytes. */
class SafetensorsForeignDTypesTest {
    @TempDir Path dir;

    /** A safetensors file: the header JSON (not padded: the format does not require it) and the data bytes. */
    private Path file(String name, String header, ByteBuffer data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.position()).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data.flip());
        Path f = dir.resolve(name);
        Files.write(f, b.array());
        return f;
    }

    private static ByteBuffer le(int bytes) { return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN); }

    /** IEEE binary16 by its definition, independently of {@link Float#float16ToFloat}. */
    static float half(int h) {
        int sign = h >>> 15 & 1, exp = h >>> 10 & 0x1f, mant = h & 0x3ff;
        double v;
        if (exp == 0x1f) v = mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        else if (exp == 0) v = mant * Math.pow(2, -24);                  // subnormal: mant · 2^-14 · 2^-10
        else v = (1024 + mant) * Math.pow(2, exp - 25);                  // (1 + mant/1024) · 2^(exp-15)
        return (float) (sign == 1 ? -v : v);
    }

    @Test void everyF16ValueReadsAsTheExactF32() throws IOException {
        ByteBuffer d = le(2 * 65536);
        for (int h = 0; h < 65536; h++) d.putShort((short) h);
        Tensor t = Safetensors.read(file("f16", "{\"h\":{\"dtype\":\"F16\",\"shape\":[256,256],\"data_offsets\":[0,131072]}}",
                d)).tensors().get("h");
        assertEquals(DType.F32, t.dtype());
        assertArrayEquals(new int[] {256, 256}, t.sizes());
        float[] f = t.toFloatArray();
        for (int h = 0; h < 65536; h++) {
            float want = half(h);
            if (Float.isNaN(want)) assertTrue(Float.isNaN(f[h]), "F16 0x" + Integer.toHexString(h));
            else assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(f[h]), "F16 0x" + Integer.toHexString(h));
        }
        assertEquals(1.0f, f[0x3c00]);
        assertEquals(65504f, f[0x7bff]);
        assertEquals(0x1p-24f, f[0x0001]);
        assertEquals(0.333251953125f, f[0x3555]);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(f[0x8000]));
        assertEquals(Float.NEGATIVE_INFINITY, f[0xfc00]);
    }

    @Test void everyBf16ValueReadsAsTheExactF32() throws IOException {
        ByteBuffer d = le(2 * 65536);
        for (int b = 0; b < 65536; b++) d.putShort((short) b);
        float[] f = Safetensors.read(file("bf16", "{\"b\":{\"dtype\":\"BF16\",\"shape\":[65536],\"data_offsets\":[0,131072]}}",
                d)).tensors().get("b").toFloatArray();
        for (int b = 0; b < 65536; b++) {
            // bfloat16 is binary32 with the low 16 mantissa bits cut: sign, 8-bit exponent, 7-bit mantissa
            int sign = b >>> 15, exp = b >>> 7 & 0xff, mant = b & 0x7f;
            double v = exp == 0xff ? (mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
                    : exp == 0 ? mant * Math.pow(2, -133) : (128 + mant) * Math.pow(2, exp - 134);
            float want = (float) (sign == 1 ? -v : v);
            if (Float.isNaN(want)) assertTrue(Float.isNaN(f[b]), "BF16 0x" + Integer.toHexString(b));
            else assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(f[b]), "BF16 0x" + Integer.toHexString(b));
        }
        assertEquals(1.0f, f[0x3f80]);
        assertEquals(3.140625f, f[0x4049]);
        assertEquals(Float.floatToRawIntBits(Float.intBitsToFloat(0x7fc00000)), Float.floatToRawIntBits(f[0x7fc0]));
    }

    @Test void i64ReadsAsI32AndMixedFilesTile() throws IOException {
        ByteBuffer d = le(5 * 8 + 2 * 2 + 4);
        for (long v : new long[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 7}) d.putLong(v);
        d.putShort((short) 0x3c00).putShort((short) 0xc000); // F16 1, -2
        d.putFloat(0.1f);
        Safetensors.Loaded l = Safetensors.read(file("mixed", "{\"idx\":{\"dtype\":\"I64\",\"shape\":[5],\"data_offsets\":[0,40]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2,1],\"data_offsets\":[40,44]},"
                + "\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[44,48]}}", d));
        Tensor idx = l.tensors().get("idx");
        assertEquals(DType.I32, idx.dtype());
        assertArrayEquals(new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 7}, idx.toIntArray());
        assertArrayEquals(new float[] {1, -2}, l.tensors().get("h").toFloatArray());
        assertEquals(0.1f, (float) l.tensors().get("s").item());
    }

    @Test void i64OutsideI32IsAClearError() throws IOException {
        for (long v : new long[] {1L << 31, Integer.MIN_VALUE - 1L, Long.MAX_VALUE}) {
            ByteBuffer d = le(6 * 8);
            for (int i = 0; i < 6; i++) d.putLong(i == 4 ? v : i);
            Path f = file("big" + v, "{\"labels\":{\"dtype\":\"I64\",\"shape\":[2,3],\"data_offsets\":[0,48]}}", d);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Safetensors.read(f));
            String m = e.getMessage();
            assertTrue(m.contains(f.toString()) && m.contains("'labels'") && m.contains(Long.toString(v))
                    && m.contains("index [1, 1]") && m.contains("I32"), m);
        }
    }

    @Test void sizesAreCheckedInStoredBytes() throws IOException {
        ByteBuffer d = le(8);
        d.putLong(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Safetensors.read(
                file("short16", "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,8]}}", d)));
        assertTrue(e.getMessage().contains("needs 6"), e.getMessage());
        ByteBuffer u = le(2);
        u.putShort((short) 1);
        e = assertThrows(IllegalArgumentException.class, () -> Safetensors.read(
                file("u8", "{\"b\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]}}", u)));
        assertTrue(e.getMessage().contains("\"U8\"") && e.getMessage().contains("BF16"), e.getMessage());
    }
}
