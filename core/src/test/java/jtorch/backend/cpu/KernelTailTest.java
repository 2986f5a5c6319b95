package jtorch.backend.cpu;

import static org.junit.jupiter.api.Assertions.fail;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * The scalar tails compute exactly what the vector lanes compute: for every {@link UnaryOp} and {@link BinaryOp}, each
 * element of a contiguous kernel call over 64·L inputs (vector path) must equal {@link UnaryKernels#one} /
 * {@link BinaryKernels#one} (the tail formula) on the same input, bit for bit. Inputs: the specials (±0, ±inf, NaN,
 * subnormals, extremes) and uniform values over [-100, 100] and [-2, 2].
 */
class KernelTailTest {
    static final int N = 64 * UnaryKernels.S.length();

    static float[] inputs(long seed) {
        float[] sp = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
            -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f, 0.3f, 89f, -104f, 9.02f, -9.5f};
        float[] x = new float[N];
        long z = seed;
        for (int i = 0; i < N; i++) {
            z = z * 6364136223846793005L + 1442695040888963407L;
            float u = (z >>> 40) / (float) (1 << 24) * 2 - 1;
            x[i] = i < sp.length ? sp[i] : i % 2 == 0 ? 100 * u : 2 * u;
        }
        return x;
    }

    static void same(String what, float[] x, int i, float vec, float tail) {
        if (Float.floatToRawIntBits(vec) != Float.floatToRawIntBits(tail)) {
            fail(what + "(" + x[i] + "): vector lane " + vec + " (0x" + Integer.toHexString(Float.floatToRawIntBits(vec))
                    + ") but scalar tail " + tail + " (0x" + Integer.toHexString(Float.floatToRawIntBits(tail)) + ")");
        }
    }

    @Test
    void unaryTailsEqualVectorLanes() {
        float[] x = inputs(1), o = new float[N];
        for (UnaryOp op : UnaryOp.values()) {
            double[] args = KernelDigest.unaryArgs(op);
            float a = (float) args[0], b = (float) args[1];
            UnaryKernels.run(op, args[0], args[1], o, 0, x, 0, N);
            for (int i = 0; i < N; i++) same(op.name(), x, i, o[i], UnaryKernels.one(op, x[i], a, b, args[0]));
        }
    }

    @Test
    void binaryTailsEqualVectorLanes() {
        float[] x = inputs(2), y = inputs(3), o = new float[N];
        for (BinaryOp op : BinaryOp.values()) {
            if (op == BinaryOp.ADD || op == BinaryOp.SUB) continue; // tails inline: fma(y, ±alpha, x)
            BinaryKernels.run(op, 1, o, 0, x, 0, y, 0, N);
            for (int i = 0; i < N; i++) same(op.name(), x, i, o[i], BinaryKernels.one(op, x[i], y[i]));
        }
        for (double alpha : new double[] {1, -1, 0.3}) {
            BinaryKernels.run(BinaryOp.ADD, alpha, o, 0, x, 0, y, 0, N);
            for (int i = 0; i < N; i++) same("ADD " + alpha, x, i, o[i], Math.fma(y[i], (float) alpha, x[i]));
        }
    }
}
