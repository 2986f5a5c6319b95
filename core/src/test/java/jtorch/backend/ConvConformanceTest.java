package jtorch.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import jtorch.backend.cpu.Parallel;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The convolution kernels in the conformance table: ref in F64 (the oracle) against cpu in F32 on the same
 * F32-representable inputs, for forward, backward-input and backward-weight. A cpu value c passes against the oracle r
 * when |c − r| ≤ 1e-5 · Σ|terms| + 1e-6, where Σ|terms| is the oracle run on |inputs| (the F32 rounding bound of a dot
 * product of that size, with margin). Cases: 1-d/2-d/3-d, odd sizes, 1×1 kernels, kernel = input, stride > kernel,
 * dilation 2–3, groups = channels (depthwise), batch 1, non-contiguous input views, output padding (input larger than
 * the minimal size for its output), problems large enough to be split into several im2col tiles, strided problems
 * small enough to put several samples into one tile (in groups of unequal size), and stride-1 problems
 * for the direct kernels (padding, dilation, groups, odd channel counts, batches not a multiple of the 8 partials).
 */
class ConvConformanceTest {

    /** One problem: x [b, cin, s...], w [cout, cin/groups, k...]; view: 0 contiguous, 1 narrowed, 2 transposed. */
    record P(String name, int b, int cin, int cout, int groups, int[] s, int[] k, int[] stride, int[] pad, int[] dil,
             int view) {
        ConvSpec spec() { return new ConvSpec(k, stride, pad, dil, groups); }
        int[] out() {
            int[] o = new int[s.length + 2];
            o[0] = b; o[1] = cout;
            for (int d = 0; d < s.length; d++) o[d + 2] = spec().outputSize(d, s[d]);
            return o;
        }
        @Override public String toString() { return name + " x" + Arrays.toString(s) + " k" + Arrays.toString(k) + " s"
                + Arrays.toString(stride) + " p" + Arrays.toString(pad) + " d" + Arrays.toString(dil) + " g" + groups; }
    }

    private static int[] a(int... v) { return v; }

    static List<P> cases() {
        List<P> l = new ArrayList<>();
        // 1-d
        l.add(new P("1d odd", 3, 2, 3, 1, a(11), a(3), a(1), a(0), a(1), 0));
        l.add(new P("1d stride/pad/dil", 2, 4, 6, 2, a(13), a(3), a(2), a(2), a(3), 1));
        l.add(new P("1d depthwise", 2, 5, 5, 5, a(9), a(4), a(3), a(1), a(1), 0));
        // 2-d
        l.add(new P("2d lenet1", 2, 1, 6, 1, a(28, 28), a(5, 5), a(1, 1), a(0, 0), a(1, 1), 0));
        l.add(new P("2d lenet2", 3, 6, 16, 1, a(12, 12), a(5, 5), a(1, 1), a(0, 0), a(1, 1), 0));
        l.add(new P("2d 1x1", 2, 3, 4, 1, a(5, 7), a(1, 1), a(1, 1), a(0, 0), a(1, 1), 1));
        l.add(new P("2d kernel=input", 2, 3, 2, 1, a(5, 4), a(5, 4), a(1, 1), a(0, 0), a(1, 1), 0));
        l.add(new P("2d stride>kernel", 2, 2, 3, 1, a(11, 9), a(2, 2), a(3, 4), a(1, 0), a(1, 1), 0));
        l.add(new P("2d dilation 2-3", 1, 3, 4, 1, a(13, 12), a(3, 3), a(1, 2), a(2, 1), a(2, 3), 2));
        l.add(new P("2d depthwise", 2, 4, 8, 4, a(7, 9), a(3, 3), a(2, 1), a(1, 1), a(1, 1), 1));
        l.add(new P("2d output padding", 1, 2, 3, 1, a(8, 9), a(3, 3), a(2, 2), a(1, 1), a(1, 1), 0));
        l.add(new P("2d batch 1 tiled", 1, 8, 5, 1, a(40, 37), a(3, 3), a(1, 1), a(1, 1), a(1, 1), 0));
        l.add(new P("2d tiled strided view", 2, 8, 4, 2, a(35, 41), a(3, 5), a(1, 2), a(1, 2), a(2, 1), 2));
        // 3-d
        l.add(new P("3d odd", 2, 2, 3, 1, a(5, 6, 7), a(2, 3, 2), a(1, 2, 1), a(1, 0, 1), a(1, 1, 2), 1));
        l.add(new P("3d depthwise", 1, 3, 3, 3, a(4, 5, 5), a(3, 3, 3), a(1, 1, 2), a(1, 1, 1), a(1, 1, 1), 0));
        l.add(new P("3d tiled", 1, 4, 3, 1, a(9, 20, 21), a(3, 3, 3), a(1, 1, 1), a(1, 1, 1), a(1, 1, 1), 0));
        // stride 1: the direct (extended-grid) kernels, with padding, dilation, groups, odd channel counts, views
        l.add(new P("direct dilation 2-3 padded", 2, 3, 5, 1, a(13, 12), a(3, 3), a(1, 1), a(2, 1), a(2, 3), 2));
        l.add(new P("direct depthwise", 3, 4, 4, 4, a(9, 10), a(3, 3), a(1, 1), a(1, 1), a(1, 1), 1));
        l.add(new P("direct grouped odd, batch 9", 9, 6, 9, 3, a(7, 11), a(2, 3), a(1, 1), a(1, 0), a(1, 1), 0));
        l.add(new P("direct 1d padded dilated", 2, 3, 3, 1, a(17), a(4), a(1), a(3), a(2), 2));
        l.add(new P("direct kernel > input, padded", 1, 2, 3, 1, a(3, 4), a(5, 6), a(1, 1), a(1, 1), a(1, 1), 1));
        l.add(new P("direct 1x1 batch 1", 1, 7, 3, 1, a(6, 5), a(1, 1), a(1, 1), a(0, 0), a(1, 1), 2));
        l.add(new P("direct wide rows", 2, 2, 3, 1, a(5, 70), a(3, 5), a(1, 1), a(1, 2), a(1, 1), 0));
        // strided with small outputs: several whole samples per column tile (DCGAN's 4x4 stride-2 layers)
        l.add(new P("multi-sample tiles, uneven groups", 17, 32, 6, 1, a(14, 14), a(4, 4), a(2, 2), a(1, 1), a(1, 1), 0));
        l.add(new P("multi-sample tiles, grouped view", 5, 8, 6, 2, a(9, 10), a(4, 4), a(2, 2), a(1, 1), a(1, 1), 2));
        l.add(new P("multi-sample tiles, 1 input plane", 6, 1, 5, 1, a(28, 28), a(4, 4), a(2, 2), a(1, 1), a(1, 1), 0));
        l.add(new P("multi-sample tiles, wide columns", 3, 64, 4, 1, a(14, 14), a(4, 4), a(2, 2), a(1, 1), a(1, 1), 0));
        l.add(new P("multi-sample tiles, 1d stride 2", 5, 7, 6, 1, a(32), a(2), a(2), a(0), a(1), 0));
        l.add(new P("multi-sample tiles, 1d to one position", 9, 6, 5, 1, a(2), a(2), a(2), a(0), a(1), 1));
        return l;
    }

    /** Random values rounded to F32 so that both back ends see the same numbers. */
    static Tensor data(Backend be, DType dt, long seed, int view, int... sizes) {
        double[] v = Tensor.randn(DType.F64, new Generator(seed), sizes).toDoubleArray();
        for (int i = 0; i < v.length; i++) v[i] = (float) v[i];
        Tensor src = Tensor.of(v, sizes);
        int n = sizes.length;
        Tensor t;
        if (view == 1) { // narrowed along the last dimension
            int[] big = sizes.clone();
            big[n - 1] += 3;
            t = Tensor.zeros(be, dt, big).narrow(n - 1, 2, sizes[n - 1]);
        } else if (view == 2) { // the last two dimensions stored transposed
            int[] sw = sizes.clone();
            sw[n - 1] = sizes[n - 2];
            sw[n - 2] = sizes[n - 1];
            t = Tensor.zeros(be, dt, sw).transpose(n - 2, n - 1);
        } else {
            t = Tensor.zeros(be, dt, sizes);
        }
        return t.copy(src.to(be).to(dt));
    }

    /** forward, backward-input, backward-weight (scale 0.5 onto an initial gradient) on one back end and dtype. */
    static Tensor[] run(P p, Backend be, DType dt, boolean abs) {
        ConvSpec s = p.spec();
        int[] ws = new int[p.k.length + 2];
        ws[0] = p.cout; ws[1] = p.cin / p.groups;
        System.arraycopy(p.k, 0, ws, 2, p.k.length);
        int[] xs = new int[p.s.length + 2];
        xs[0] = p.b; xs[1] = p.cin;
        System.arraycopy(p.s, 0, xs, 2, p.s.length);
        Tensor x = data(be, dt, 1, p.view, xs), w = data(be, dt, 2, 0, ws), bias = data(be, dt, 3, 0, p.cout);
        Tensor gy = data(be, dt, 4, 0, p.out()), gw = data(be, dt, 5, 0, ws);
        if (abs) { x.absInPlace(); w.absInPlace(); bias.absInPlace(); gy.absInPlace(); gw.absInPlace(); }
        Tensor y = Tensor.zeros(be, dt, p.out()).fillInPlace(Double.NaN);
        be.convForward(s, y, x, w, bias);
        Tensor gx = Tensor.zeros(be, dt, xs).fillInPlace(Double.NaN);
        be.convBackwardInput(s, gx, gy, w);
        be.convBackwardWeight(s, gw, gy, x, 0.5);
        return new Tensor[] {y, gx, gw};
    }

    @TestFactory Stream<DynamicTest> cpuF32MatchesRefF64() {
        return cases().stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> {
            Tensor[] ref = run(p, Backends.ref(), DType.F64, false), bound = run(p, Backends.ref(), DType.F64, true);
            Tensor[] cpu = run(p, Backends.cpu(), DType.F32, false);
            String[] what = {"forward", "backward input", "backward weight"};
            for (int i = 0; i < 3; i++) {
                double[] r = ref[i].toDoubleArray(), b = bound[i].toDoubleArray(), c = cpu[i].toDoubleArray();
                for (int j = 0; j < r.length; j++) {
                    double tol = 1e-5 * b[j] + 1e-6;
                    if (!(Math.abs(c[j] - r[j]) <= tol)) fail(p + " " + what[i] + " element " + j + ": cpu " + c[j]
                            + ", ref " + r[j] + ", tolerance " + tol);
                }
            }
        }));
    }

    /** A hand-computed case for the oracle itself: 1-d, stride 2, padding 1, dilation 2. */
    @Test void refMatchesHandComputedValues() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5}, 1, 1, 5), w = Tensor.of(new double[] {1, 10}, 1, 1, 2);
        ConvSpec s = new ConvSpec(a(2), a(2), a(1), a(2), 1);
        Tensor y = Tensor.zeros(DType.F64, 1, 1, 3);
        Backends.ref().convForward(s, y, x, w, Tensor.of(new double[] {0.5}, 1));
        // i = 2j - 1 + 2k: j=0: x[-1]·1 + x[1]·10; j=1: x[1]·1 + x[3]·10; j=2: x[3]·1 + x[5]·10 (x[5] = 0)
        assertArrayEquals(new double[] {20.5, 42.5, 4.5}, y.toDoubleArray());
        Tensor gy = Tensor.of(new double[] {1, 2, 3}, 1, 1, 3), gx = Tensor.zeros(DType.F64, 1, 1, 5);
        Backends.ref().convBackwardInput(s, gx, gy, w);
        assertArrayEquals(new double[] {0, 10 + 2, 0, 20 + 3, 0}, gx.toDoubleArray());
        Tensor gw = Tensor.zeros(DType.F64, 1, 1, 2);
        Backends.ref().convBackwardWeight(s, gw, gy, x, 1);
        assertArrayEquals(new double[] {2 * 2 + 3 * 4, 1 * 2 + 2 * 4}, gw.toDoubleArray());
    }

    /** The same bits with 1 and 2 threads, and on repeated calls. */
    @Test void cpuBitsDoNotDependOnThreads() {
        int saved = Parallel.threads();
        try {
            for (P p : List.of(cases().get(3), cases().get(4), cases().get(11), cases().get(15), cases().get(18),
                    cases().get(23), cases().get(24), cases().get(26))) {
                Parallel.setThreads(1);
                Tensor[] one = run(p, Backends.cpu(), DType.F32, false);
                Parallel.setThreads(2);
                Tensor[] two = run(p, Backends.cpu(), DType.F32, false), again = run(p, Backends.cpu(), DType.F32, false);
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(one[i].toFloatArray(), two[i].toFloatArray(), p + " output " + i);
                    assertArrayEquals(two[i].toFloatArray(), again[i].toFloatArray(), p + " output " + i);
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test void shapesThatDoNotFitAreNamed() {
        ConvSpec s = new ConvSpec(a(3, 3), a(1, 1), a(0, 0), a(1, 1), 1);
        for (Backend be : List.of(Backends.ref(), Backends.cpu())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> be.convForward(s,
                    Tensor.zeros(be, DType.F32, 1, 2, 4, 4), Tensor.zeros(be, DType.F32, 1, 3, 5, 5),
                    Tensor.zeros(be, DType.F32, 2, 3, 3, 3), null));
            assertTrue(e.getMessage().contains("convForward") && e.getMessage().contains("[1, 2, 4, 4]"), e.getMessage());
        }
    }
}
