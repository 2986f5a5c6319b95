package jtorch.backend.cpu;

import static jtorch.backend.cpu.ElementwiseUnaryTest.CPU;
import static jtorch.backend.cpu.ElementwiseUnaryTest.REF;
import static jtorch.backend.cpu.ElementwiseUnaryTest.assertClose;
import static jtorch.backend.cpu.ElementwiseUnaryTest.data;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import jtorch.backend.ReduceOp;
import jtorch.backend.cpu.ElementwiseUnaryTest.Pair;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cpu back end's F32 reductions and arg-reductions against the ref back end in F64: every {@link ReduceOp} along
 * every dimension of contiguous, transposed, permuted and narrowed inputs; lines of 1, 7, 33, 1000 and 2^20 elements
 * (the last split across threads); NaN / inf propagation; argmax / argmin ties (first index) and NaN (first NaN wins).
 * Tolerances: MAX/MIN and arg-reductions exact; SUM/SUMSQ 1e-5 relative plus 1e-6·Σ|x| absolute (for cancelling
 * signs); PROD and LOGSUMEXP 1e-5 relative.
 */
class ReduceKernelTest {

    static Pair input(ReduceOp op, long seed, boolean specials, int... sizes) {
        Pair p = data(seed, op == ReduceOp.PROD ? 0.02 : 1, specials, sizes);
        // PROD near 1 so that long products stay finite
        return op == ReduceOp.PROD ? new Pair(p.cpu().add(1.0), p.ref().add(1.0)) : p;
    }

    static void check(ReduceOp op, Pair in, int dim, String layout) {
        int[] s = in.cpu().sizes();
        s[dim] = 1;
        Tensor oc = Tensor.zeros(CPU, DType.F32, s), or = Tensor.zeros(REF, DType.F64, s);
        CPU.reduce(op, oc, in.cpu(), dim);
        REF.reduce(op, or, in.ref(), dim);
        int len = in.cpu().size(dim);
        double atol = op == ReduceOp.SUM || op == ReduceOp.SUMSQ ? 1e-6 * len * (op == ReduceOp.SUMSQ ? 1 : 0.8) : 0;
        double rtol = op == ReduceOp.MAX || op == ReduceOp.MIN ? 0 : 1e-5;
        assertClose(op + " dim " + dim + " of " + in.cpu().shape() + " " + layout, or, oc, rtol, atol);
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void lines(ReduceOp op) {
        for (int n : new int[] {1, 7, 33, 1000, 1 << 20}) {
            check(op, input(op, n, false, n), 0, "1-d");
            check(op, input(op, n, false, 3, n), 1, "rows");
            check(op, input(op, n, false, n, 3), 0, "columns");
        }
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void everyDimOfViews(ReduceOp op) {
        List<UnaryOperator<Tensor>> views = List.of(t -> t, t -> t.permute(2, 0, 1), t -> t.transpose(0, 2),
                t -> t.narrow(2, 1, 70).narrow(0, 2, 5), t -> t.select(1, 3).unsqueeze(1));
        for (UnaryOperator<Tensor> v : views) {
            Pair in = input(op, 40, false, 9, 33, 71).map(v);
            for (int d = 0; d < in.cpu().dim(); d++) check(op, in, d, "strides " + java.util.Arrays.toString(in.cpu().strides()));
        }
        check(op, input(op, 41, false, 1024, 1024), 0, "[1024, 1024]");
        check(op, input(op, 41, false, 1024, 1024), 1, "[1024, 1024]");
        check(op, input(op, 42, false, 4099, 80), 0, "many rows");
        check(op, input(op, 43, false, 1, 300).map(t -> t.expand(50, 300)), 0, "broadcast rows");
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void nanAndInfinity(ReduceOp op) {
        Pair in = input(op, 44, true, 40, 130); // ~10% NaN/±inf/±0
        check(op, in, 0, "specials");
        check(op, in, 1, "specials");
        Pair inf = data(45, 1, false, 3, 100).map(t -> t);
        inf.cpu().set(Double.NEGATIVE_INFINITY, 0, 5); inf.ref().set(Double.NEGATIVE_INFINITY, 0, 5);
        inf.cpu().set(Double.POSITIVE_INFINITY, 1, 7); inf.ref().set(Double.POSITIVE_INFINITY, 1, 7);
        for (int j = 0; j < 100; j++) { inf.cpu().set(Double.NEGATIVE_INFINITY, 2, j); inf.ref().set(Double.NEGATIVE_INFINITY, 2, j); }
        check(op, inf, 1, "±inf lines");
        check(op, inf, 0, "±inf columns");
    }

    @Test
    void emptyReduction() {
        for (ReduceOp op : ReduceOp.values()) {
            Tensor in = Tensor.zeros(CPU, DType.F32, 4, 0), out = Tensor.zeros(CPU, DType.F32, 4, 1);
            Tensor ri = Tensor.zeros(REF, DType.F64, 4, 0), ro = Tensor.zeros(REF, DType.F64, 4, 1);
            CPU.reduce(op, out, in, 1);
            REF.reduce(op, ro, ri, 1);
            assertClose(op + " empty", ro, out, 0, 0);
        }
    }

    @Test
    void millionElementSumIsAccurate() {
        int n = 2 * Elementwise.REDUCE_GRAIN; // split across 2 threads
        float[] x = new float[n];
        var g = new jtorch.tensor.Generator(46);
        double exact = 0;
        for (int i = 0; i < n; i++) { x[i] = (float) g.nextDouble(); exact += x[i]; }
        Tensor t = Tensor.of(x, n).to(CPU), out = Tensor.zeros(CPU, DType.F32, 1);
        for (int threads : new int[] {1, 2}) {
            int old = Parallel.threads();
            Parallel.setThreads(threads);
            try {
                CPU.reduce(ReduceOp.SUM, out, t, 0);
            } finally {
                Parallel.setThreads(old);
            }
            double rel = Math.abs(out.item() - exact) / exact;
            assertTrue(rel < 1e-6, "sum of 2^20 uniforms with " + threads + " thread(s): relative error " + rel);
        }
        // and as columns: sum along dim 0 of [2^20 / 64, 64]
        Tensor cols = t.view(n / 64, 64), o2 = Tensor.zeros(CPU, DType.F32, 1, 64);
        CPU.reduce(ReduceOp.SUM, o2, cols, 0);
        for (int j = 0; j < 64; j++) {
            double e = 0;
            for (int i = 0; i < n / 64; i++) e += x[i * 64 + j];
            assertTrue(Math.abs(o2.get(0, j) - e) / e < 1e-6, "column " + j + ": " + o2.get(0, j) + " vs " + e);
        }
    }

    static void checkArg(boolean max, Pair in, int dim, String layout) {
        int[] s = in.cpu().sizes();
        s[dim] = 1;
        Tensor vc = Tensor.zeros(CPU, DType.F32, s), ic = Tensor.zeros(CPU, DType.I32, s);
        Tensor vr = Tensor.zeros(REF, DType.F64, s), ir = Tensor.zeros(REF, DType.I32, s);
        CPU.argReduce(max, vc, ic, in.cpu(), dim);
        REF.argReduce(max, vr, ir, in.ref(), dim);
        String what = (max ? "argmax" : "argmin") + " dim " + dim + " of " + in.cpu().shape() + " " + layout;
        assertArrayEquals(ir.toIntArray(), ic.toIntArray(), what + ": indices");
        assertClose(what + ": values", vr, vc, 0, 0);
    }

    @Test
    void argReduceAllLayouts() {
        for (boolean max : new boolean[] {true, false}) {
            for (int n : new int[] {1, 7, 33, 1000, 1 << 20}) {
                checkArg(max, data(n, 1, false, n), 0, "1-d");
                checkArg(max, data(n, 1, n > 1000, 3, n), 1, "rows");
                checkArg(max, data(n, 1, n > 1000, n, 3), 0, "columns");
            }
            for (UnaryOperator<Tensor> v : List.<UnaryOperator<Tensor>>of(t -> t, t -> t.permute(2, 0, 1), t -> t.narrow(2, 1, 70))) {
                Pair in = data(50, 1, false, 9, 33, 71).map(v);
                for (int d = 0; d < 3; d++) checkArg(max, in, d, "strides " + java.util.Arrays.toString(in.cpu().strides()));
            }
            checkArg(max, data(51, 1, true, 40, 130), 0, "specials");
            checkArg(max, data(51, 1, true, 40, 130), 1, "specials");
            checkArg(max, data(52, 1, false, 1024, 1024), 1, "[1024, 1024]");
            checkArg(max, data(52, 1, false, 1024, 1024), 0, "[1024, 1024]");
        }
    }

    @Test
    void argReduceTiesAndNaN() {
        // ties: first index; -0 and 0 tie; NaN wins at its first position
        float[] row = {1, 3, 3, -0f, 0f, 3, Float.NaN, 3, Float.NaN};
        float[] big = new float[100];
        java.util.Arrays.fill(big, 2f);
        big[70] = Float.NaN;
        big[90] = Float.NaN;
        Tensor r = Tensor.of(row, 9).to(CPU), b = Tensor.of(big, 100).to(CPU);
        Tensor v = Tensor.zeros(CPU, DType.F32, 1), i = Tensor.zeros(CPU, DType.I32, 1);
        CPU.argReduce(true, v, i, r.narrow(0, 0, 6), 0);
        assertEquals(1, i.get(0));
        CPU.argReduce(false, v, i, r.narrow(0, 3, 3), 0);
        assertEquals(0, i.get(0));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits((float) v.get(0)));
        CPU.argReduce(false, v, i, r, 0);
        assertEquals(6, i.get(0));
        assertTrue(Double.isNaN(v.get(0)));
        CPU.argReduce(true, v, i, b, 0);
        assertEquals(70, i.get(0));
        CPU.argReduce(true, v, i, b.narrow(0, 0, 64), 0);
        assertEquals(0, i.get(0));
    }
}
