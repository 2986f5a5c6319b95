package jtorch.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import jtorch.backend.Backends;
import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cpu back end's F32 GEMM against the ref back end in F64 (the oracle). Tolerance: relative Frobenius error
 * ||C_cpu − C_ref||_F / ||C_ref||_F ≤ 1e-5. Covers odd sizes (1, 7, 33, 100, 257, k = 0), all four transpose cases
 * (built with {@code .t()} views), alpha ≠ 1, beta ∈ {0, 0.5} (beta 0 with a NaN-filled C), C contiguous, transposed
 * and strided (inner stride ≠ 1), sizes past the blocking (KC, MC, NC) and threading thresholds, on 1 and 2 threads.
 */
class SgemmTest {
    static final double TOL = 1e-5;
    private final int savedThreads = Parallel.threads();

    @AfterEach void restoreThreads() { Parallel.setThreads(savedThreads); }

    /** C layouts: contiguous, transposed view, every third element of a [m, n, 3] tensor. */
    enum CKind { CONTIGUOUS, TRANSPOSED, STRIDED }

    static Stream<Arguments> smallShapes() {
        List<Arguments> out = new ArrayList<>();
        int[] d = {1, 7, 33};
        int i = 0;
        for (int m : d) for (int n : d) for (int k : d) for (int t = 0; t < 4; t++) {
            CKind ck = CKind.values()[i % 3];
            out.add(Arguments.of(m, n, k, (t & 1) != 0, (t & 2) != 0, ck, (i++ & 1) == 0 ? 0.0 : 0.5, 1 + (i % 2)));
        }
        return out.stream();
    }

    static Stream<Arguments> largerShapes() {
        int[][] shapes = {
            {100, 257, 33}, {257, 100, 300}, {33, 257, 7}, {17, 17, 17}, {100, 100, 1}, // blocked, KC edge, k = 1
            {400, 40, 20}, {20, 4100, 5}, {257, 257, 257}, {20, 40, 4500},               // past MC, NC, threading, KC
            {64, 10, 1500}, {1500, 10, 64}, {10, 64, 300}, {100, 16, 33}, {100, 17, 33},  // skinny n / m
            {33, 11, 600}, {7, 33, 1000},                                                // skinny as dot products
            {10, 1500, 64}, {6, 100, 50}, {16, 64, 7},                                   // short wide rows
            {257, 1, 300}, {1, 257, 300}, {1, 1, 1000}, {3000, 1, 700}, {1, 3000, 700},  // gemv, dot
        };
        List<Arguments> out = new ArrayList<>();
        int i = 0;
        for (int[] s : shapes) for (int t = 0; t < 4; t++) for (int threads = 1; threads <= 2; threads++) {
            out.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, CKind.values()[i % 3],
                    (i & 1) == 0 ? 0.0 : 0.5, threads));
            i++;
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4} C={5} beta={6} threads={7}")
    @MethodSource("smallShapes")
    void smallShapesMatchRef(int m, int n, int k, boolean ta, boolean tb, CKind ck, double beta, int threads) {
        check(m, n, k, ta, tb, ck, 1.5, beta, threads);
    }

    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4} C={5} beta={6} threads={7}")
    @MethodSource("largerShapes")
    void largerShapesMatchRef(int m, int n, int k, boolean ta, boolean tb, CKind ck, double beta, int threads) {
        check(m, n, k, ta, tb, ck, -0.7, beta, threads);
    }

    @Test void emptyInnerDimensionScalesC() {
        check(7, 33, 0, false, false, CKind.CONTIGUOUS, 1.5, 0.5, 1);
        check(33, 7, 0, true, true, CKind.STRIDED, 1.5, 0.0, 1);
    }

    @Test void columnViewOfVectorAsC() {
        SplittableRandom r = new SplittableRandom(5);
        Tensor a = rand(r, 300, 257), x = rand(r, 257, 1);
        Tensor y = rand(r, 300), yCol = y.unsqueeze(1);
        Tensor want = ref(2.0, a, x, 0.5, yCol);
        Backends.cpu().gemm(2.0, a, x, 0.5, yCol);
        assertClose(want, yCol);
    }

    @Test void noDoubleUnitStrideOperandIsCopied() {
        SplittableRandom r = new SplittableRandom(6);
        Tensor a3 = rand(r, 40, 50, 2), a = a3.select(2, 1); // strides (100, 2)
        Tensor b = rand(r, 50, 60), c = rand(r, 40, 60);
        Tensor want = ref(1.0, a, b, 0.0, c);
        Backends.cpu().gemm(1.0, a, b, 0.0, c);
        assertClose(want, c);
    }

    static void check(int m, int n, int k, boolean ta, boolean tb, CKind ck, double alpha, double beta, int threads) {
        Parallel.setThreads(threads);
        SplittableRandom r = new SplittableRandom(31L * m + 7L * n + k);
        Tensor a = ta ? rand(r, k, m).t() : rand(r, m, k);
        Tensor b = tb ? rand(r, n, k).t() : rand(r, k, n);
        Tensor base = switch (ck) {
            case CONTIGUOUS -> rand(r, m, n);
            case TRANSPOSED -> rand(r, n, m);
            case STRIDED -> rand(r, m, n, 3);
        };
        Tensor c = switch (ck) {
            case CONTIGUOUS -> base;
            case TRANSPOSED -> base.t();
            case STRIDED -> base.select(2, 1);
        };
        if (beta == 0) c.fillInPlace(Double.NaN);
        float[] before = ((HeapStorage) base.storage()).floats().clone();
        Tensor want = ref(alpha, a, b, beta, c);
        Backends.cpu().gemm(alpha, a, b, beta, c);
        assertClose(want, c);
        if (ck == CKind.STRIDED) { // the neighbouring slices are untouched
            float[] after = ((HeapStorage) base.storage()).floats();
            for (int i = 0; i < after.length; i++) {
                if (i % 3 != 1) assertEquals(before[i], after[i], "element " + i + " outside C changed");
            }
        }
    }

    /** alpha·A·B + beta·C computed by the ref back end in F64 (C is not modified). */
    static Tensor ref(double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        var refB = Backends.ref();
        Tensor want = c.to(refB).to(DType.F64).clone();
        refB.gemm(alpha, a.to(refB).to(DType.F64), b.to(refB).to(DType.F64), beta, want);
        return want;
    }

    static void assertClose(Tensor want, Tensor got) {
        double[] w = want.toDoubleArray(), g = got.toDoubleArray();
        double num = 0, den = 0;
        for (int i = 0; i < w.length; i++) {
            assertTrue(Double.isFinite(g[i]), () -> "non-finite result");
            num += (g[i] - w[i]) * (g[i] - w[i]);
            den += w[i] * w[i];
        }
        double rel = Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-30);
        assertTrue(rel <= TOL, () -> "relative Frobenius error " + rel + " > " + TOL);
    }

    /** Standard-normal F32 tensor on the cpu back end. */
    static Tensor rand(SplittableRandom r, int... sizes) {
        int n = 1;
        for (int s : sizes) n *= s;
        float[] data = new float[n];
        for (int i = 0; i < n; i++) data[i] = (float) (r.nextDouble() * 2 - 1);
        int[] strides = new int[sizes.length];
        for (int d = sizes.length - 1, s = 1; d >= 0; d--) { strides[d] = s; s *= sizes[d]; }
        return new Tensor(Backends.cpu(), HeapStorage.wrap(data), 0, sizes.clone(), strides);
    }
}
