package jtorch.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The pooling kernels: cpu F32 against the ref F64 oracle (same F32-representable inputs) for max, average (padding
 * counted or not), log-sum-exp and adaptive windows; odd sizes, 1×1 kernels, kernel = input, stride > kernel,
 * dilation, ceil mode, batch 1, non-contiguous input views; forward values and argmax indices, backward gradients, and
 * the same bits on a second cpu call. Tolerance: |cpu - ref| ≤ 1e-5·(1 + |ref|).
 */
class PoolConformanceTest {

    record Case(String name, Pool pool, int[] in, int[] out, boolean ceil, int layout) {}

    private static int[] outSizes(Pool p, int[] in, boolean ceil) {
        int[] o = in.clone();
        for (int d = 0; d < 3; d++) o[2 + d] = Pool.outputSize("test", in[2 + d], p.kernel()[d], p.stride()[d],
                p.pad()[d], p.dilation()[d], ceil);
        return o;
    }

    private static List<Case> cases() {
        List<Case> cs = new ArrayList<>();
        int[][] shapes = {{2, 3, 1, 7, 9}, {1, 2, 1, 5, 5}, {2, 2, 3, 6, 5}, {1, 1, 1, 1, 13}, {3, 5, 1, 28, 28}};
        for (Pool.Kind kind : Pool.Kind.values()) {
            for (int[] s : shapes) {
                int[][][] geos = {
                        {{1, 2, 2}, {1, 2, 2}, {0, 0, 0}}, {{1, 3, 3}, {1, 2, 2}, {0, 1, 1}}, {{1, 1, 1}, {1, 1, 1}, {0, 0, 0}},
                        {{1, 2, 3}, {1, 3, 4}, {0, 1, 1}}, {{1, s[3], s[4]}, {1, 1, 1}, {0, 0, 0}},
                        {{Math.min(2, s[2]), 2, 2}, {2, 1, 2}, {Math.min(1, s[2] / 2), 1, 0}}};
                for (int[][] g : geos) {
                    for (boolean ceil : new boolean[] {false, true}) {
                        boolean include = ceil; // vary count-include-pad with the mode
                        Pool p = Pool.of(kind, g[0], g[1], g[2], new int[] {1, 1, 1}, include, 1.7);
                        int[] out;
                        try {
                            out = outSizes(p, s, ceil);
                        } catch (IllegalArgumentException e) {
                            continue;
                        }
                        cs.add(new Case(kind + " " + java.util.Arrays.deepToString(g) + (ceil ? " ceil" : "") + " on "
                                + java.util.Arrays.toString(s), p, s, out, ceil, cs.size() % 3));
                    }
                }
            }
        }
        Pool dil = Pool.of(Pool.Kind.MAX, new int[] {1, 3, 2}, new int[] {1, 2, 1}, new int[] {0, 1, 1}, new int[] {1, 2, 3}, false, 0);
        cs.add(new Case("MAX dilated", dil, new int[] {2, 3, 1, 11, 10}, outSizes(dil, new int[] {2, 3, 1, 11, 10}, true), true, 1));
        for (Pool.Kind kind : new Pool.Kind[] {Pool.Kind.MAX, Pool.Kind.AVG}) {
            cs.add(new Case("adaptive " + kind, Pool.adaptive(kind), new int[] {2, 3, 1, 10, 7}, new int[] {2, 3, 1, 4, 3}, false, 1));
            cs.add(new Case("adaptive up " + kind, Pool.adaptive(kind), new int[] {1, 2, 3, 5, 4}, new int[] {1, 2, 2, 7, 4}, false, 2));
            cs.add(new Case("global " + kind, Pool.adaptive(kind), new int[] {2, 5, 1, 9, 9}, new int[] {2, 5, 1, 1, 1}, false, 0));
        }
        return cs;
    }

    /** A tensor of the given sizes in layout 0 (contiguous), 1 (H and W swapped in memory) or 2 (a narrowed view). */
    private static Tensor laidOut(Tensor src, int layout, Backend b) {
        int[] s = src.sizes();
        Tensor t;
        if (layout == 1) {
            t = Tensor.zeros(b, src.dtype(), s[0], s[1], s[2], s[4], s[3]).transpose(3, 4);
        } else if (layout == 2) {
            t = Tensor.zeros(b, src.dtype(), s[0], s[1] + 2, s[2], s[3] + 1, s[4] + 3).narrow(1, 1, s[1]).narrow(3, 1, s[3])
                    .narrow(4, 2, s[4]);
        } else {
            t = Tensor.zeros(b, src.dtype(), s);
        }
        return t.copy(src);
    }

    @TestFactory
    Stream<DynamicTest> cpuMatchesTheReference() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Generator g = new Generator(c.name().hashCode());
            Tensor x32 = Tensor.randn(DType.F32, g, c.in()), g32 = Tensor.randn(DType.F32, g, c.out());
            Tensor x64 = laidOut(x32.to(DType.F64).to(Backends.ref()), c.layout(), Backends.ref());
            Tensor gy64 = g32.to(DType.F64).to(Backends.ref());
            Tensor xc = laidOut(x32.to(Backends.cpu()), c.layout(), Backends.cpu()), gyc = g32.to(Backends.cpu());
            boolean max = c.pool().kind() == Pool.Kind.MAX;
            Tensor y64 = Tensor.zeros(Backends.ref(), DType.F64, c.out()), yc = Tensor.zeros(Backends.cpu(), DType.F32, c.out());
            Tensor i64 = max ? Tensor.zeros(Backends.ref(), DType.I32, c.out()) : null;
            Tensor ic = max ? Tensor.zeros(Backends.cpu(), DType.I32, c.out()) : null;
            Backends.ref().pool(c.pool(), y64, i64, x64);
            Backends.cpu().pool(c.pool(), yc, ic, xc);
            close("forward", y64, yc);
            if (max) assertArrayEquals(i64.toIntArray(), ic.toIntArray(), "argmax indices");
            Tensor gi64 = laidOut(Tensor.zeros(Backends.ref(), DType.F64, c.in()).fillInPlace(7), c.layout(), Backends.ref());
            Tensor gic = laidOut(Tensor.zeros(Backends.cpu(), DType.F32, c.in()).fillInPlace(7), c.layout(), Backends.cpu());
            Backends.ref().poolBackward(c.pool(), gi64, gy64, i64, x64, y64);
            Backends.cpu().poolBackward(c.pool(), gic, gyc, ic, xc, yc);
            close("backward", gi64, gic);
            // the same bits again
            Tensor yc2 = Tensor.zeros(Backends.cpu(), DType.F32, c.out()), gic2 = Tensor.zeros(Backends.cpu(), DType.F32, c.in());
            Backends.cpu().pool(c.pool(), yc2, ic, xc);
            Backends.cpu().poolBackward(c.pool(), gic2, gyc, ic, xc, yc2);
            assertArrayEquals(yc.toFloatArray(), yc2.toFloatArray(), "forward bits");
            assertArrayEquals(gic.toFloatArray(), gic2.toFloatArray(), "backward bits");
        }));
    }

    private static void close(String what, Tensor ref, Tensor cpu) {
        double[] r = ref.toDoubleArray(), c = cpu.toDoubleArray();
        assertEquals(r.length, c.length);
        for (int i = 0; i < r.length; i++) assertTrue(Math.abs(r[i] - c[i]) <= 1e-5 * (1 + Math.abs(r[i])),
                what + " element " + i + ": ref " + r[i] + ", cpu " + c[i]);
    }

    @Test
    void nanIsTheMaximumOnBothBackEnds() {
        float[] v = new float[2 * 4 * 6];
        for (int i = 0; i < v.length; i++) v[i] = i % 7 - 3;
        v[0] = Float.NaN; v[7] = Float.NaN; v[13] = Float.NaN; v[30] = Float.NaN; v[31] = Float.NaN;
        Tensor x = Tensor.of(v, 1, 2, 1, 4, 6);
        for (int[] pad : new int[][] {{0, 0, 0}, {0, 1, 1}}) { // the dense path and the general one
            Pool p = Pool.of(Pool.Kind.MAX, new int[] {1, 2, 2}, new int[] {1, 2, 2}, pad, new int[] {1, 1, 1}, false, 0);
            int[] out = outSizes(p, x.sizes(), false);
            Tensor yr = Tensor.zeros(Backends.ref(), DType.F64, out), ir = Tensor.zeros(Backends.ref(), DType.I32, out);
            Tensor yc = Tensor.zeros(Backends.cpu(), DType.F32, out), ic = Tensor.zeros(Backends.cpu(), DType.I32, out);
            Backends.ref().pool(p, yr, ir, x.to(DType.F64).to(Backends.ref()));
            Backends.cpu().pool(p, yc, ic, x.to(Backends.cpu()));
            assertArrayEquals(ir.toIntArray(), ic.toIntArray(), "argmax with NaN, pad " + java.util.Arrays.toString(pad));
            assertArrayEquals(yr.toFloatArray(), yc.toFloatArray());
            assertTrue(Double.isNaN(yc.toDoubleArray()[0]), "a window holding NaN gives NaN");
        }
    }

    @Test
    void referenceValuesByHand() {
        // 1×1×1×3×4 input 0..11; 2×2 windows stride 2, padding (0, 1): columns -1..0, 1..2, 3..4
        Tensor x = Tensor.arange(DType.F64, 0, 12, 1).to(Backends.ref()).view(1, 1, 1, 3, 4);
        Pool max = Pool.of(Pool.Kind.MAX, new int[] {1, 2, 2}, new int[] {1, 2, 2}, new int[] {0, 0, 1}, new int[] {1, 1, 1}, false, 0);
        Tensor y = Tensor.zeros(Backends.ref(), DType.F64, 1, 1, 1, 1, 3), idx = Tensor.zeros(Backends.ref(), DType.I32, 1, 1, 1, 1, 3);
        Backends.ref().pool(max, y, idx, x);
        assertArrayEquals(new double[] {4, 6, 7}, y.toDoubleArray());
        assertArrayEquals(new int[] {4, 6, 7}, idx.toIntArray());
        Pool avgIn = Pool.of(Pool.Kind.AVG, new int[] {1, 2, 2}, new int[] {1, 2, 2}, new int[] {0, 0, 1}, new int[] {1, 1, 1}, true, 0);
        Pool avgEx = Pool.of(Pool.Kind.AVG, new int[] {1, 2, 2}, new int[] {1, 2, 2}, new int[] {0, 0, 1}, new int[] {1, 1, 1}, false, 0);
        Backends.ref().pool(avgIn, y, null, x);
        assertArrayEquals(new double[] {4 / 4.0, 14 / 4.0, 10 / 4.0}, y.toDoubleArray(), 1e-15);
        Backends.ref().pool(avgEx, y, null, x);
        assertArrayEquals(new double[] {4 / 2.0, 14 / 4.0, 10 / 2.0}, y.toDoubleArray(), 1e-15);
        assertEquals(2, Pool.outputSize("t", 5, 2, 2, 0, 1, false));
        assertEquals(3, Pool.outputSize("t", 5, 2, 2, 0, 1, true));
        assertEquals(4, Pool.outputSize("t", 6, 2, 2, 1, 1, true)); // last window starts at 5: inside
        assertEquals(3, Pool.outputSize("t", 5, 2, 2, 1, 1, true)); // a 4th window would start in the right padding
    }
}
