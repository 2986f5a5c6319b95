package jtorch.backend.cpu;

import static jtorch.backend.cpu.ElementwiseUnaryTest.CPU;
import static jtorch.backend.cpu.ElementwiseUnaryTest.REF;
import static jtorch.backend.cpu.ElementwiseUnaryTest.SIZES;
import static jtorch.backend.cpu.ElementwiseUnaryTest.assertClose;
import static jtorch.backend.cpu.ElementwiseUnaryTest.data;
import static jtorch.backend.cpu.ElementwiseUnaryTest.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.function.UnaryOperator;
import jtorch.backend.BinaryOp;
import jtorch.backend.cpu.ElementwiseUnaryTest.Pair;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cpu back end's F32 binary, where, copy and fill kernels against the ref back end in F64: every {@link BinaryOp}
 * (ADD/SUB with alpha 1 and 0.5), sizes 1..2^20, the broadcast fast paths (bias row, scalar, column), strided and
 * transposed operands and outputs, aliasing (out = x, out = y), NaN / inf. Tolerances: MUL/DIV/ADD/SUB 1e-6 relative
 * (plus 1e-6 absolute for cancellation with alpha ≠ 1), MAX/MIN/comparisons/where/copy/fill exact, POW 1e-5 relative.
 */
class ElementwiseBinaryTest {

    static double rtol(BinaryOp op) {
        return switch (op) {
            case MAX, MIN, EQ, NE, LT, LE, GT, GE -> 0;
            case POW -> 1e-5;
            default -> 1e-6;
        };
    }

    static void check(BinaryOp op, double alpha, Pair x, Pair y, Pair out, String layout) {
        CPU.binary(op, alpha, out.cpu(), x.cpu(), y.cpu());
        REF.binary(op, alpha, out.ref(), x.ref(), y.ref());
        double atol = alpha == 1 || rtol(op) == 0 ? 0 : 1e-6;
        assertClose(op + " alpha=" + alpha + " " + layout, out.ref(), out.cpu(), rtol(op), atol);
    }

    /** POW gets positive bases (and small exponents) so that most results are finite. */
    static Pair base(BinaryOp op, long seed, boolean specials, int... sizes) {
        Pair p = data(seed, op == BinaryOp.POW ? 1 : 2, specials, sizes);
        return op == BinaryOp.POW ? new Pair(p.cpu().abs(), p.ref().abs()) : p;
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void contiguousAllSizes(BinaryOp op) {
        for (int n : SIZES) {
            Pair x = base(op, n, false, n), y = data(n + 1, 1, false, n);
            if (op == BinaryOp.EQ || op == BinaryOp.NE) y = data(n, 2, false, n); // equal values do occur
            check(op, 1, x, y, zeros(n), "contiguous n=" + n);
            if (op == BinaryOp.ADD || op == BinaryOp.SUB) check(op, 0.5, x, y, zeros(n), "contiguous n=" + n);
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void specialValues(BinaryOp op) {
        check(op, 1, base(op, 1, true, 4099), base(op, 2, true, 4099), zeros(4099), "NaN/inf/±0");
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void broadcastStridedAndAliased(BinaryOp op) {
        double alpha = op == BinaryOp.SUB ? 0.5 : 1;
        int r = 300, c = 517; // c not a multiple of any vector length
        Pair x = base(op, 3, false, r, c);
        check(op, alpha, x, data(4, 1, false, 1, c).map(t -> t.expand(r, c)), zeros(r, c), "bias row");
        check(op, alpha, data(4, 1, false, 1, c).map(t -> t.expand(r, c)), x, zeros(r, c), "bias row as x");
        check(op, alpha, x, data(5, 1, false, 1).map(t -> t.expand(r, c)), zeros(r, c), "scalar y");
        check(op, alpha, data(5, 1, false, 1).map(t -> t.expand(r, c)), x, zeros(r, c), "scalar x");
        check(op, alpha, x, data(6, 1, false, r, 1).map(t -> t.expand(r, c)), zeros(r, c), "column");
        Pair big = base(op, 7, false, 1024, 1024);
        check(op, alpha, big, data(8, 1, false, 1024).map(t -> t.expand(1024, 1024)), zeros(1024, 1024), "big bias row");
        List<UnaryOperator<Tensor>> views = List.of(
                t -> t.view(40, 33).t(),
                t -> t.view(20, 66).narrow(1, 0, 33).t(),
                t -> t.view(33, 20, 2).select(2, 1).t(),// [20, 33] with strides [2, 40]
                t -> t.view(2, 33, 20).permute(2, 1, 0).narrow(0, 0, 20).select(2, 1).t()); // [33, 20]
        for (UnaryOperator<Tensor> v : views) {
            Pair xv = base(op, 9, false, 1320).map(v);
            int[] s = xv.cpu().sizes();
            check(op, alpha, xv, data(10, 1, false, s), zeros(s), "x view " + xv.cpu().shape());
            check(op, alpha, data(10, 1, false, s), xv, zeros(s), "y view " + xv.cpu().shape());
            check(op, alpha, xv, xv, zeros(s[1], s[0]).map(Tensor::t), "x = y view, transposed out");
        }
        // aliasing: out = x and out = y, contiguous (multithreaded) and transposed
        for (UnaryOperator<Tensor> v : List.<UnaryOperator<Tensor>>of(t -> t, t -> t.view(512, 512).t())) {
            for (boolean intoX : new boolean[] {true, false}) {
                Pair a = base(op, 11, false, 1 << 18).map(v), b = data(12, 1, false, 1 << 18).map(v);
                Pair out = intoX ? a : b;
                Tensor want = out.ref().clone();
                REF.binary(op, alpha, want, a.ref(), b.ref());
                CPU.binary(op, alpha, out.cpu(), a.cpu(), b.cpu());
                assertClose(op + " in place into " + (intoX ? "x" : "y") + " " + a.cpu().shape(), want, out.cpu(), rtol(op),
                        alpha == 1 ? 0 : 1e-6);
            }
        }
    }

    @Test
    void whereAllLayouts() {
        for (int n : SIZES) {
            Pair c = data(20, 1, true, n), x = data(21, 1, true, n), y = data(22, 1, true, n);
            Pair out = zeros(n);
            CPU.where(out.cpu(), c.cpu(), x.cpu(), y.cpu());
            REF.where(out.ref(), c.ref(), x.ref(), y.ref());
            assertClose("where n=" + n, out.ref(), out.cpu(), 0, 0);
        }
        // NaN condition counts as true; broadcast condition row, scalar x, transposed y
        Pair c = data(23, 1, true, 1, 40).map(t -> t.expand(33, 40));
        Pair x = data(24, 1, false, 1).map(t -> t.expand(33, 40)), y = data(25, 1, false, 40, 33).map(Tensor::t);
        Pair out = zeros(33, 40);
        CPU.where(out.cpu(), c.cpu(), x.cpu(), y.cpu());
        REF.where(out.ref(), c.ref(), x.ref(), y.ref());
        assertClose("where broadcast", out.ref(), out.cpu(), 0, 0);
    }

    @Test
    void copyAndFill() {
        List<UnaryOperator<Tensor>> views = List.of(t -> t, t -> t.view(1024, 1024).t(), t -> t.view(64, 128, 128).permute(2, 0, 1),
                t -> t.view(1024, 1024).narrow(1, 1, 1000).t(), t -> t.view(1 << 19, 2).select(1, 0));
        for (UnaryOperator<Tensor> v : views) {
            Pair src = data(30, 1, true, 1 << 20).map(v);
            int[] s = src.cpu().sizes();
            Tensor dst = Tensor.zeros(CPU, jtorch.tensor.DType.F32, s);
            CPU.copy(dst, src.cpu());
            assertArrayEquals(src.cpu().toFloatArray(), dst.toFloatArray(), "copy of " + src.cpu().shape());
            assertArrayEquals(src.ref().toFloatArray(), dst.toFloatArray(), "copy vs ref " + src.cpu().shape());
            // copy into a transposed destination
            if (s.length == 2) {
                Tensor dt = Tensor.zeros(CPU, jtorch.tensor.DType.F32, s[1], s[0]).t();
                CPU.copy(dt, src.cpu());
                assertArrayEquals(src.ref().toFloatArray(), dt.toFloatArray(), "copy into transposed " + src.cpu().shape());
            }
            CPU.fill(src.cpu(), -2.5);
            REF.fill(src.ref(), -2.5);
            assertClose("fill " + src.cpu().shape(), src.ref(), src.cpu(), 0, 0);
        }
        // overlapping copy within one storage: shift by one
        Pair p = data(31, 1, false, 1000);
        CPU.copy(p.cpu().narrow(0, 1, 999), p.cpu().narrow(0, 0, 999));
        REF.copy(p.ref().narrow(0, 1, 999), p.ref().narrow(0, 0, 999));
        assertClose("overlapping copy", p.ref(), p.cpu(), 0, 0);
        // broadcast source
        Tensor dst = Tensor.zeros(CPU, jtorch.tensor.DType.F32, 300, 517);
        Pair row = data(32, 1, false, 1, 517).map(t -> t.expand(300, 517));
        CPU.copy(dst, row.cpu());
        assertArrayEquals(row.ref().toFloatArray(), dst.toFloatArray(), "copy of a broadcast row");
    }
}
