package jtorch.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import jtorch.backend.Backends;
import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Shape;
import jtorch.tensor.Tensor;

/**
 * The safetensors element types that {@link Safetensors#read} accepts and the jtorch dtype each becomes.
 * <ul>
 * <li>{@code F32}, {@code F64}, {@code I32}: as stored.</li>
 * <li>{@code F16} (IEEE 754 binary16) and {@code BF16} (bfloat16, the upper 16 bits of a binary32) become F32
 * exactly: every binary16 and bfloat16 value, subnormals, signed zeros, infinities and NaN included, is a binary32
 * value ({@link Float#float16ToFloat}; bfloat16 bits {@code b} are the binary32 bits {@code b << 16}).</li>
 * <li>{@code I64} (PyTorch's default integer type) becomes I32, jtorch's integer type; a value outside
 * [-2<sup>31</sup>, 2<sup>31</sup> - 1] is an {@link IllegalArgumentException} naming the file, the tensor, the element
 * and its value.</li>
 * </ul>
 */
enum SafetensorsDType {
    F32(4, DType.F32), F64(8, DType.F64), I32(4, DType.I32), F16(2, DType.F32), BF16(2, DType.F32), I64(8, DType.I32);

    /** Bytes per stored element. */
    final int bytes;
    /** The dtype of the tensor that {@link #read} returns. */
    final DType target;

    SafetensorsDType(int bytes, DType target) {
        this.bytes = bytes;
        this.target = target;
    }

    /** The names accepted, for error messages. */
    static final String SUPPORTED = "F32, F64, I32, F16 and BF16 (read as F32), I64 (read as I32)";

    /** The stored type called {@code name} in a header, or null when jtorch cannot read it. */
    static SafetensorsDType of(String name) {
        for (SafetensorsDType d : values()) if (d.name().equals(name)) return d;
        return null;
    }

    /** Reads tensor {@code tensor} of this stored type and {@code shape} from byte {@code pos}, converted to {@link #target}. */
    Tensor read(FileChannel ch, ByteBuffer buf, long pos, int[] shape, Path file, String tensor) throws IOException {
        if (target.name().equals(name())) return TensorBytes.read(ch, buf, pos, target, shape, file);
        int n = Shape.numel(shape);
        HeapStorage hs = HeapStorage.allocate(target, n);
        int per = TensorBytes.CHUNK / bytes;
        for (int start = 0; start < n; start += per) {
            int len = Math.min(per, n - start);
            buf.clear().limit(len * bytes);
            Safetensors.readFully(ch, buf, pos, file);
            pos += (long) len * bytes;
            buf.flip(); // little-endian, as Safetensors.read made it
            switch (this) {
                case F16 -> {
                    float[] f = hs.floats();
                    for (int i = 0; i < len; i++) f[start + i] = Float.float16ToFloat(buf.getShort());
                }
                case BF16 -> {
                    float[] f = hs.floats();
                    for (int i = 0; i < len; i++) f[start + i] = Float.intBitsToFloat((buf.getShort() & 0xffff) << 16);
                }
                case I64 -> {
                    int[] a = hs.ints();
                    for (int i = 0; i < len; i++) {
                        long v = buf.getLong();
                        if (v != (int) v) throw overflow(file, tensor, shape, start + i, v);
                        a[start + i] = (int) v;
                    }
                }
                default -> throw new AssertionError(this);
            }
        }
        return new Tensor(Backends.getDefault(), hs, 0, shape, Shape.contiguousStrides(shape));
    }

    private static IllegalArgumentException overflow(Path file, String tensor, int[] shape, int flat, long v) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1, rest = flat; d >= 0; d--) {
            index[d] = rest % shape[d];
            rest /= shape[d];
        }
        return Safetensors.bad(file, "tensor '" + tensor + "' (I64, shape " + Arrays.toString(shape) + ") holds " + v
                + " at index " + Arrays.toString(index) + ", outside the I32 range [-2147483648, 2147483647] that jtorch"
                + " reads I64 tensors into; store it as F64 or rescale it before saving");
    }
}
