package jtorch.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import jtorch.backend.cpu.Parallel;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The per-channel (batch-norm) kernels {@link Backend#channelMoments}, {@link Backend#channelDots} and
 * {@link Backend#channelAffine}: cpu F32 against the ref oracle in F64 on the same F32-representable inputs [B, C, L]
 * (L a multiple of the vector length, with a tail, shorter than a vector, 1; a non-contiguous view), the same bits
 * with 1 and 2 threads, and shape errors that name the operation.
 */
class ChannelConformanceTest {
    static final int[][] SHAPES = {{64, 8, 49}, {3, 5, 32}, {4, 3, 7}, {6, 4, 1}, {2, 70, 20}};

    static Tensor data(Backend be, DType dt, long seed, double shift, int... sizes) {
        double[] v = Tensor.randn(DType.F64, new Generator(seed), sizes).toDoubleArray();
        for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] + shift);
        return Tensor.of(v, sizes).to(be).to(dt);
    }

    /** moments (mean, var), dots (Σg, Σg(x−μ)), affine without and with the second term. */
    static Tensor[] run(Backend be, DType dt, int[] s, boolean view) {
        int c = s[1];
        Tensor x = data(be, dt, 1, 3.0, s), g = data(be, dt, 2, 0.5, s);
        if (view) { // x as a transposed view of [L, C, B]
            x = data(be, dt, 1, 3.0, s[2], s[1], s[0]).transpose(0, 2);
        }
        Tensor a = data(be, dt, 3, 0, c), sh = data(be, dt, 4, 0, c), k = data(be, dt, 5, 0, c);
        Tensor mean = Tensor.zeros(be, dt, c), var = Tensor.zeros(be, dt, c), sg = Tensor.zeros(be, dt, c), sgx = Tensor.zeros(be, dt, c);
        be.channelMoments(x, mean, var);
        be.channelDots(g, x, mean, sg, sgx);
        Tensor y1 = Tensor.zeros(be, dt, s), y2 = Tensor.zeros(be, dt, s);
        be.channelAffine(y1, x, a, sh, null, null);
        be.channelAffine(y2, g, a, sh, x, k);
        Tensor inPlace = g.clone();
        be.channelAffine(inPlace, inPlace, a, sh, null, null);
        return new Tensor[] {mean, var, sg, sgx, y1, y2, inPlace};
    }

    @Test void cpuF32MatchesRefF64() {
        String[] what = {"mean", "var", "sumG", "sumGX", "affine", "affine with y", "affine in place"};
        for (int[] s : SHAPES) for (boolean view : new boolean[] {false, true}) {
            Tensor[] ref = run(Backends.ref(), DType.F64, s, view), cpu = run(Backends.cpu(), DType.F32, s, view);
            double n = (double) s[0] * s[2];
            for (int i = 0; i < ref.length; i++) {
                double[] r = ref[i].toDoubleArray(), c = cpu[i].toDoubleArray();
                // sums of n F32 terms of size ~4: relative error ~1e-7·n at worst, with margin
                double tol = i < 4 ? 8e-6 * n + 1e-5 : 1e-5;
                for (int j = 0; j < r.length; j++) {
                    if (!(Math.abs(c[j] - r[j]) <= tol * Math.max(1, Math.abs(r[j]) / (i < 4 ? n : 1)))) {
                        fail(java.util.Arrays.toString(s) + (view ? " view " : " ") + what[i] + " element " + j + ": cpu "
                                + c[j] + ", ref " + r[j] + ", tolerance " + tol);
                    }
                }
            }
        }
    }

    @Test void cpuBitsDoNotDependOnThreads() {
        int saved = Parallel.threads();
        try {
            for (int[] s : List.of(SHAPES[0], SHAPES[4])) {
                Parallel.setThreads(1);
                Tensor[] one = run(Backends.cpu(), DType.F32, s, false);
                Parallel.setThreads(2);
                Tensor[] two = run(Backends.cpu(), DType.F32, s, false);
                for (int i = 0; i < one.length; i++) {
                    assertArrayEquals(one[i].toFloatArray(), two[i].toFloatArray(), java.util.Arrays.toString(s) + " output " + i);
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test void shapesThatDoNotFitAreNamed() {
        for (Backend be : List.of(Backends.ref(), Backends.cpu())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> be.channelMoments(
                    Tensor.zeros(be, DType.F32, 2, 3, 4), Tensor.zeros(be, DType.F32, 4), Tensor.zeros(be, DType.F32, 3)));
            assertTrue(e.getMessage().contains("channelMoments") && e.getMessage().contains("[2, 3, 4]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> be.channelAffine(Tensor.zeros(be, DType.F32, 2, 3, 5),
                    Tensor.zeros(be, DType.F32, 2, 3, 4), Tensor.zeros(be, DType.F32, 3), Tensor.zeros(be, DType.F32, 3), null, null));
            assertTrue(e.getMessage().contains("channelAffine"), e.getMessage());
        }
    }
}
