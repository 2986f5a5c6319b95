package jtorch.backend;

import static jtorch.testing.Layout.CONTIGUOUS;
import static jtorch.testing.Layout.EXPANDED;
import static jtorch.testing.Layout.NARROWED;
import static jtorch.testing.Layout.PERMUTED;
import static jtorch.testing.Layout.STRIDED;
import static jtorch.testing.Layout.TRANSPOSED;
import static jtorch.testing.OpInput.Kind.INTS;
import static jtorch.testing.OpInput.Kind.NEAR_ONE;
import static jtorch.testing.OpInput.Kind.NORMAL;
import static jtorch.testing.OpInput.Kind.POSITIVE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.testing.Layout;
import jtorch.testing.OpInput;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Back-end conformance: one table of ops, each run on the ref back end in F64 (the oracle) and on the cpu back end in
 * F32 with the same (F32-representable) inputs, odd sizes, non-contiguous layouts and broadcasting.
 * A cpu result c passes against the oracle r when |c - r| <= atol + rtol·|r| element-wise (NaN matches NaN; infinities
 * must match exactly); each case states its rtol/atol. I32 results (indices, comparisons to I32) must match exactly.
 */
class ConformanceTest {
    static final int BIG = (1 << 18) + 3;
    static final int[] SIZES = {1, 7, 33, 1000};
    /** One F32 rounding of the result (plus one for ops a fast kernel may do as two roundings). */
    static final double ROUND = 2.5e-7;
    /** Transcendental functions: a few ulp. */
    static final double TRANS = 1e-6;

    record Case(String name, double rtol, double atol, List<OpInput> inputs, Function<Tensor[], Tensor> op) {}

    private final List<Case> table = new ArrayList<>();

    private void add(String name, double rtol, double atol, Function<Tensor[], Tensor> op, OpInput... in) {
        table.add(new Case(name + " " + Arrays.toString(in).replace(" ", ""), rtol, atol, List.of(in), op));
    }

    private static OpInput in(OpInput.Kind k, Layout l, int... shape) { return OpInput.of(k, l, shape); }

    private static Tensor s(double v) { return Tensor.scalar(DType.F64, v); }

    /** Rounds of Σ over L elements: error grows with L. */
    private static double sumTol(int len) { return 1e-5 * (1 + len / 1000.0); }

    // ------------------------------------------------------------------ the table

    private void unaryOps() {
        for (UnaryOp op : UnaryOp.values()) {
            record P(OpInput.Kind kind, double a, double b, double rtol, double atol) {}
            P p = switch (op) {
                case NEG, ABS, RELU, SIGN -> new P(NORMAL, 0, 0, 0, 0);
                case SQUARE, RECIPROCAL -> new P(op == UnaryOp.SQUARE ? NORMAL : POSITIVE, 0, 0, ROUND, 0);
                case EXP -> new P(NORMAL, 0, 0, TRANS, 0);
                case LOG -> new P(POSITIVE, 0, 0, TRANS, 1e-7);
                case SQRT -> new P(POSITIVE, 0, 0, TRANS, 0);
                case TANH, SIGMOID -> new P(NORMAL, 0, 0, TRANS, 1e-7);
                case ERF -> new P(NORMAL, 0, 0, TRANS, 1e-7);
                case ADD -> new P(NORMAL, 0.75, 0, ROUND, 1e-7);
                case MUL -> new P(NORMAL, -1.5, 0, ROUND, 0);
                case DIV -> new P(NORMAL, 3, 0, ROUND, 0);
                case RSUB -> new P(NORMAL, 0.25, 0, ROUND, 1e-7);
                case RDIV -> new P(POSITIVE, 2, 0, ROUND, 0);
                case POW -> new P(POSITIVE, 1.7, 0, 4 * TRANS, 0);
                case RPOW -> new P(NORMAL, 1.5, 0, 4 * TRANS, 0);
                case CLAMP -> new P(NORMAL, -0.5, 0.75, 0, 0);
                case EQ, NE, LT, LE, GT, GE -> new P(INTS, 1, 0, 0, 0);
            };
            String n = op.name().toLowerCase();
            Function<Tensor[], Tensor> f = t -> t[0].apply(op, p.a, p.b);
            for (int size : SIZES) add(n, p.rtol, p.atol, f, in(p.kind, CONTIGUOUS, size));
            add(n, p.rtol, p.atol, f, in(p.kind, CONTIGUOUS, BIG));
            add(n, p.rtol, p.atol, f, in(p.kind, NARROWED, 1000));
            add(n, p.rtol, p.atol, f, in(p.kind, TRANSPOSED, 33, 7));
            add(n, p.rtol, p.atol, f, in(p.kind, STRIDED, 7, 33));
            add(n, p.rtol, p.atol, f, in(p.kind, PERMUTED, 5, 7, 33));
            add(n, p.rtol, p.atol, f, in(p.kind, EXPANDED, 7, 33));
            add(n, p.rtol, p.atol, f, in(p.kind, CONTIGUOUS));
            add(n + "InPlace", p.rtol, p.atol, t -> t[0].applyInPlace(op, p.a, p.b), in(p.kind, TRANSPOSED, 33, 7));
            add(n + "InPlace", p.rtol, p.atol, t -> t[0].applyInPlace(op, p.a, p.b), in(p.kind, CONTIGUOUS, 1000));
            add(n + " out=strided", p.rtol, p.atol,
                    t -> t[0].apply(op, p.a, p.b, t[0].newZeros(7, 33, 2).select(2, 1)), in(p.kind, CONTIGUOUS, 7, 33));
        }
        // bounds and scales below are exact in F32, so both back ends see the same operands
        // exponents a fast pow may special-case, on bases of either sign where the result is real
        for (double a : new double[] {2, 3, 0.5, -1, 0, 1}) {
            OpInput.Kind k = a == 0.5 ? POSITIVE : NORMAL;
            add("pow a=" + a, 4 * TRANS, 1e-7, t -> t[0].pow(a), in(k, CONTIGUOUS, 1000));
        }
        add("sigmoid of large |x|", TRANS, 1e-7, t -> t[0].mul(32).sigmoid(), in(NORMAL, CONTIGUOUS, 1000));
        add("tanh of large |x|", TRANS, 1e-7, t -> t[0].mul(16).tanh(), in(NORMAL, CONTIGUOUS, 1000));
        add("exp of large |x|", TRANS, 0, t -> t[0].mul(16).exp(), in(NORMAL, CONTIGUOUS, 1000));
    }

    private void binaryOps() {
        for (BinaryOp op : BinaryOp.values()) {
            record P(OpInput.Kind x, OpInput.Kind y, double rtol, double atol) {}
            P p = switch (op) {
                case ADD, SUB, MUL -> new P(NORMAL, NORMAL, ROUND, 1e-7);
                case DIV -> new P(NORMAL, POSITIVE, ROUND, 0);
                case POW -> new P(POSITIVE, NORMAL, 4 * TRANS, 0);
                case MAX, MIN -> new P(NORMAL, NORMAL, 0, 0);
                case EQ, NE, LT, LE, GT, GE -> new P(INTS, INTS, 0, 0);
            };
            for (double alpha : op == BinaryOp.ADD || op == BinaryOp.SUB ? new double[] {1, 0.5} : new double[] {1}) {
                String n = op.name().toLowerCase() + (alpha == 1 ? "" : " alpha=" + alpha);
                Function<Tensor[], Tensor> f = t -> t[0].apply(op, alpha, t[1]);
                double r = p.rtol, a = p.atol;
                for (int size : SIZES) add(n, r, a, f, in(p.x, CONTIGUOUS, size), in(p.y, CONTIGUOUS, size));
                add(n, r, a, f, in(p.x, CONTIGUOUS, BIG), in(p.y, CONTIGUOUS, BIG));
                add(n, r, a, f, in(p.x, CONTIGUOUS, BIG), in(p.y, CONTIGUOUS));
                add(n, r, a, f, in(p.x, TRANSPOSED, 33, 7), in(p.y, CONTIGUOUS, 33, 7));
                add(n, r, a, f, in(p.x, CONTIGUOUS, 7, 33), in(p.y, STRIDED, 7, 33));
                add(n, r, a, f, in(p.x, PERMUTED, 5, 7, 33), in(p.y, NARROWED, 5, 7, 33));
                add(n, r, a, f, in(p.x, CONTIGUOUS, 33, 1), in(p.y, CONTIGUOUS, 1, 7));
                add(n, r, a, f, in(p.x, CONTIGUOUS, 7, 33), in(p.y, CONTIGUOUS, 33));
                add(n, r, a, f, in(p.x, CONTIGUOUS), in(p.y, TRANSPOSED, 7, 33));
                add(n, r, a, f, in(p.x, CONTIGUOUS, 5, 1, 33), in(p.y, CONTIGUOUS, 7, 1));
                add(n + "InPlace", r, a, t -> t[0].applyInPlace(op, alpha, t[1]), in(p.x, TRANSPOSED, 33, 7), in(p.y, CONTIGUOUS, 7));
                add(n + " out=strided", r, a, t -> t[0].apply(op, alpha, t[1], t[0].newZeros(33, 7, 2).select(2, 0)),
                        in(p.x, CONTIGUOUS, 33, 7), in(p.y, NARROWED, 33, 7));
            }
        }
        add("x op x (same tensor)", ROUND, 0, t -> t[0].mul(t[0]), in(NORMAL, TRANSPOSED, 33, 7));
        add("addInPlace self", ROUND, 0, t -> t[0].addInPlace(t[0]), in(NORMAL, CONTIGUOUS, 1000));
    }

    private void whereOps() {
        Function<Tensor[], Tensor> f = t -> Tensor.where(t[0].gt(0), t[1], t[2]);
        for (int size : SIZES) add("where", 0, 0, f, in(INTS, CONTIGUOUS, size), in(NORMAL, CONTIGUOUS, size), in(NORMAL, CONTIGUOUS, size));
        add("where", 0, 0, f, in(INTS, CONTIGUOUS, BIG), in(NORMAL, CONTIGUOUS, BIG), in(NORMAL, CONTIGUOUS));
        add("where", 0, 0, f, in(INTS, CONTIGUOUS, 7, 1), in(NORMAL, CONTIGUOUS, 33), in(NORMAL, TRANSPOSED, 7, 33));
        add("where", 0, 0, f, in(INTS, PERMUTED, 5, 7, 33), in(NORMAL, STRIDED, 5, 7, 33), in(NORMAL, NARROWED, 5, 7, 33));
    }

    private void reductions() {
        record R(String name, OpInput.Kind kind, boolean exact, Function<Integer, Function<Tensor[], Tensor>> op) {}
        List<R> along = List.of(
                new R("sum", NORMAL, false, d -> t -> t[0].sum(d)),
                new R("sum (whole numbers, exact)", INTS, true, d -> t -> t[0].sum(d)),
                new R("mean", NORMAL, false, d -> t -> t[0].mean(d, false)),
                new R("max values", NORMAL, true, d -> t -> t[0].max(d).values()),
                new R("max indices", INTS, true, d -> t -> t[0].max(d).indices()),
                new R("min values", INTS, true, d -> t -> t[0].min(d, false).values()),
                new R("min indices", NORMAL, true, d -> t -> t[0].min(d).indices()),
                new R("argmax", NORMAL, true, d -> t -> t[0].argmax(d, false)),
                new R("logsumexp", NORMAL, false, d -> t -> t[0].logsumexp(d)),
                new R("var unbiased", NORMAL, false, d -> t -> t[0].var(d)),
                new R("var biased", NORMAL, false, d -> t -> t[0].var(d, false, false)),
                new R("norm p=1", NORMAL, false, d -> t -> t[0].norm(1, d)),
                new R("norm p=2", NORMAL, false, d -> t -> t[0].norm(2, d)),
                new R("norm p=3", NORMAL, false, d -> t -> t[0].norm(3, d)),
                new R("norm p=inf", NORMAL, true, d -> t -> t[0].norm(Double.POSITIVE_INFINITY, d)),
                new R("prod", NEAR_ONE, false, d -> t -> t[0].prod(d, true)));
        List<Object[]> shapes = List.of(
                new Object[] {CONTIGUOUS, new int[] {7, 33}}, new Object[] {TRANSPOSED, new int[] {33, 7}},
                new Object[] {PERMUTED, new int[] {5, 7, 33}}, new Object[] {CONTIGUOUS, new int[] {1000, 7}},
                new Object[] {NARROWED, new int[] {7, 1000}}, new Object[] {CONTIGUOUS, new int[] {1, 33}},
                new Object[] {EXPANDED, new int[] {5, 33}}, new Object[] {CONTIGUOUS, new int[] {3, (1 << 16) + 1}},
                new Object[] {CONTIGUOUS, new int[] {BIG}});
        for (R r : along) {
            for (Object[] sh : shapes) {
                int[] shape = (int[]) sh[1];
                for (int d = 0; d < shape.length; d++) {
                    int len = shape[d];
                    if (r.name.equals("prod") && len > 1000) continue;
                    double tol = r.exact ? 0 : r.name.equals("prod") ? 2e-4 : sumTol(len);
                    add(r.name + " dim=" + d, tol, tol, r.op.apply(d), in(r.kind, (Layout) sh[0], shape));
                }
            }
        }
        int[][] allShapes = {{1}, {7}, {33}, {1000}, {BIG}, {5, 7, 33}};
        for (int[] shape : allShapes) {
            int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            Layout l = shape.length == 3 ? PERMUTED : CONTIGUOUS;
            double tol = sumTol(n);
            add("sum()", tol, tol, t -> s(t[0].sum()), in(NORMAL, l, shape));
            add("sum() whole numbers", 0, 0, t -> s(t[0].sum()), in(INTS, l, shape));
            add("mean()", tol, tol, t -> s(t[0].mean()), in(NORMAL, l, shape));
            add("max()", 0, 0, t -> s(t[0].max()), in(NORMAL, l, shape));
            add("min()", 0, 0, t -> s(t[0].min()), in(INTS, l, shape));
            add("argmax()", 0, 0, t -> s(t[0].argmax()), in(INTS, l, shape));
            add("argmin()", 0, 0, t -> s(t[0].argmin()), in(NORMAL, l, shape));
            add("logsumexp()", tol, tol, t -> s(t[0].logsumexp()), in(NORMAL, l, shape));
            if (n > 1) add("var()", tol, tol, t -> s(t[0].var()), in(NORMAL, l, shape));
            for (double p : new double[] {1, 2, 3, Double.POSITIVE_INFINITY}) {
                add("norm(" + p + ")", tol, tol, t -> s(t[0].norm(p)), in(NORMAL, l, shape));
            }
            if (n <= 1000) add("prod()", 2e-4, 2e-4, t -> s(t[0].prod()), in(NEAR_ONE, l, shape));
        }
        add("logsumexp of large values", 1e-6, 1e-4, t -> t[0].mul(1024).logsumexp(0), in(NORMAL, CONTIGUOUS, 33, 7));
    }

    private void linearAlgebra() {
        int[][] mkn = {{1, 1, 1}, {1, 7, 33}, {7, 1, 33}, {33, 7, 1}, {7, 33, 100}, {100, 33, 7}, {33, 100, 33},
                {100, 100, 100}, {1, 100, 1}, {100, 1, 100}};
        for (int[] s : mkn) {
            int m = s[0], k = s[1], n = s[2];
            double atol = 2e-6 * k;
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    OpInput a = ta ? in(NORMAL, CONTIGUOUS, k, m) : in(NORMAL, CONTIGUOUS, m, k);
                    OpInput b = tb ? in(NORMAL, CONTIGUOUS, n, k) : in(NORMAL, CONTIGUOUS, k, n);
                    String name = "mm " + m + "x" + k + "x" + n + " " + (ta ? "T" : "N") + (tb ? "T" : "N");
                    add(name, 1e-5, atol, t -> (ta ? t[0].t() : t[0]).mm(tb ? t[1].t() : t[1]), a, b);
                }
            }
            add("mm narrowed " + m + "x" + k + "x" + n, 1e-5, atol, t -> t[0].mm(t[1]), in(NORMAL, NARROWED, m, k), in(NORMAL, NARROWED, k, n));
            add("mm strided " + m + "x" + k + "x" + n, 1e-5, atol, t -> t[0].mm(t[1]), in(NORMAL, STRIDED, m, k), in(NORMAL, EXPANDED, k, n));
        }
        for (int[] s : new int[][] {{33, 7, 100}, {100, 33, 7}, {7, 100, 33}, {1, 33, 1}}) {
            int m = s[0], k = s[1], n = s[2];
            double atol = 4e-6 * k;
            OpInput c = in(NORMAL, CONTIGUOUS, m, n), a = in(NORMAL, CONTIGUOUS, k, m), b = in(NORMAL, CONTIGUOUS, n, k);
            String dims = " " + m + "x" + k + "x" + n;
            add("addmm beta=0 (C NaN) TN" + dims, 1e-5, atol,
                    t -> t[0].clone().fillInPlace(Double.NaN).addmmInPlace(0, 1.5, t[1].t(), t[2].t().contiguous()), c, a, b);
            add("addmm beta=0.5 NT" + dims, 1e-5, atol, t -> t[0].addmm(0.5, 1.5, t[1].t().contiguous(), t[2].t()), c, a, b);
            add("addmm beta=0.5 into transposed C" + dims, 1e-5, atol,
                    t -> t[0].addmmInPlace(0.5, -1, t[1].t(), t[2].t()), in(NORMAL, TRANSPOSED, m, n), a, b);
        }
        for (int[] s : new int[][] {{1, 1}, {7, 33}, {33, 7}, {100, 1000}, {1000, 100}}) {
            int m = s[0], n = s[1];
            double atol = 2e-6 * n;
            add("mv " + m + "x" + n, 1e-5, atol, t -> t[0].mv(t[1]), in(NORMAL, CONTIGUOUS, m, n), in(NORMAL, CONTIGUOUS, n));
            add("mv transposed " + m + "x" + n, 1e-5, atol, t -> t[0].mv(t[1]), in(NORMAL, TRANSPOSED, m, n), in(NORMAL, STRIDED, n));
            add("addmv beta=0.5 " + m + "x" + n, 1e-5, atol, t -> t[2].addmv(0.5, 2, t[0], t[1]),
                    in(NORMAL, CONTIGUOUS, m, n), in(NORMAL, CONTIGUOUS, n), in(NORMAL, CONTIGUOUS, m));
            add("dot " + n, 1e-5, atol, t -> s(t[0].dot(t[1])), in(NORMAL, CONTIGUOUS, n), in(NORMAL, NARROWED, n));
            add("addr " + m + "x" + n, 1e-5, 1e-6, t -> t[0].addr(0.5, 2, t[1], t[2]),
                    in(NORMAL, TRANSPOSED, m, n), in(NORMAL, CONTIGUOUS, m), in(NORMAL, STRIDED, n));
        }
        for (int[] s : new int[][] {{3, 7, 33, 5}, {2, 1, 7, 1}, {3, 33, 100, 7}}) {
            int bt = s[0], m = s[1], k = s[2], n = s[3];
            String dims = " " + bt + "x" + m + "x" + k + "x" + n;
            add("bmm" + dims, 1e-5, 2e-6 * k, t -> t[0].bmm(t[1]), in(NORMAL, CONTIGUOUS, bt, m, k), in(NORMAL, CONTIGUOUS, bt, k, n));
            add("bmm transposed" + dims, 1e-5, 2e-6 * k, t -> t[0].bmm(t[1]), in(NORMAL, TRANSPOSED, bt, m, k), in(NORMAL, PERMUTED, bt, k, n));
        }
    }

    private void indexingAndCopies() {
        add("indexSelect dim=0", 0, 0, t -> t[0].indexSelect(0, t[1]), in(NORMAL, CONTIGUOUS, 7, 33), OpInput.index(7, 10));
        add("indexSelect dim=1", 0, 0, t -> t[0].indexSelect(1, t[1]), in(NORMAL, TRANSPOSED, 7, 33), OpInput.index(33, 50));
        add("indexSelect dim=2", 0, 0, t -> t[0].indexSelect(2, t[1]), in(NORMAL, PERMUTED, 5, 7, 33), OpInput.index(33, 9));
        add("indexSelect big", 0, 0, t -> t[0].indexSelect(0, t[1]), in(NORMAL, CONTIGUOUS, 1000, 33), OpInput.index(1000, 500));
        add("gather dim=1", 0, 0, t -> t[0].gather(1, t[1]), in(NORMAL, CONTIGUOUS, 7, 33), OpInput.index(33, 7, 20));
        add("gather dim=0", 0, 0, t -> t[0].gather(0, t[1]), in(NORMAL, TRANSPOSED, 7, 33), OpInput.index(7, 12, 33));
        add("gather dim=1 3-d", 0, 0, t -> t[0].gather(1, t[1]), in(NORMAL, PERMUTED, 5, 7, 33), OpInput.index(7, 5, 9, 33));
        add("scatterAdd dim=0", ROUND, 1e-6, t -> t[0].scatterAdd(0, t[1], t[2]),
                in(NORMAL, CONTIGUOUS, 7, 33), OpInput.index(7, 20, 33), in(NORMAL, CONTIGUOUS, 20, 33));
        add("scatterAdd dim=1", ROUND, 1e-6, t -> t[0].scatterAdd(1, t[1], t[2]),
                in(NORMAL, CONTIGUOUS, 7, 33), OpInput.index(33, 7, 50), in(NORMAL, TRANSPOSED, 7, 50));
        add("scatterAddInPlace transposed", ROUND, 1e-6, t -> t[0].scatterAddInPlace(0, t[1], t[2]),
                in(NORMAL, TRANSPOSED, 7, 33), OpInput.index(7, 3, 33), in(NORMAL, STRIDED, 3, 33));
        for (Layout l : new Layout[] {PERMUTED, TRANSPOSED, NARROWED, STRIDED, EXPANDED}) {
            add("contiguous", 0, 0, t -> t[0].contiguous(), in(NORMAL, l, 5, 7, 33));
            add("clone", 0, 0, t -> t[0].clone(), in(NORMAL, l, 33, 100));
        }
        add("contiguous big", 0, 0, t -> t[0].contiguous(), in(NORMAL, PERMUTED, 7, 33, 1000));
        add("copy broadcast", 0, 0, t -> t[0].newZeros(7, 33).copy(t[0]), in(NORMAL, CONTIGUOUS, 33));
        add("copy into transposed", 0, 0, t -> t[0].newZeros(33, 7).t().copy(t[0]), in(NORMAL, PERMUTED, 7, 33));
        add("copy overlapping forward", 0, 0, t -> {
            t[0].narrow(0, 1, 999).copy(t[0].narrow(0, 0, 999));
            return t[0];
        }, in(NORMAL, CONTIGUOUS, 1000));
        add("copy overlapping transpose", 0, 0, t -> t[0].copy(t[0].t()), in(NORMAL, CONTIGUOUS, 33, 33));
        add("to(I32)", 0, 0, t -> t[0].to(DType.I32), in(NORMAL, TRANSPOSED, 33, 7));
        add("fill", 0, 0, t -> t[0].fillInPlace(-2.5), in(NORMAL, TRANSPOSED, 33, 7));
    }

    // ------------------------------------------------------------------ running

    @TestFactory Stream<DynamicTest> refF64VersusCpuF32() {
        unaryOps();
        binaryOps();
        whereOps();
        reductions();
        linearAlgebra();
        indexingAndCopies();
        return table.stream().map(c -> DynamicTest.dynamicTest(c.name, () -> run(c)));
    }

    private static void run(Case c) {
        Generator g = new Generator(c.name.hashCode());
        Tensor[] ref = new Tensor[c.inputs.size()], cpu = new Tensor[c.inputs.size()];
        for (int i = 0; i < ref.length; i++) {
            Tensor[] pair = c.inputs.get(i).make(g);
            ref[i] = pair[0];
            cpu[i] = pair[1];
        }
        Tensor want = c.op.apply(ref), got = c.op.apply(cpu);
        assertArrayEquals(want.sizes(), got.sizes(), "result shape");
        if (want.dtype() == DType.I32) assertEquals(DType.I32, got.dtype(), "result dtype");
        else if (got.dim() > 0) assertEquals(DType.F32, got.dtype(), "result dtype");
        compare(c, want, got);
    }

    private static void compare(Case c, Tensor want, Tensor got) {
        double[] w = want.toDoubleArray(), h = got.toDoubleArray();
        int bad = 0, first = -1;
        double worst = 0;
        for (int i = 0; i < w.length; i++) {
            double e = w[i], a = h[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                    : Double.isInfinite(e) || Double.isInfinite(a) ? e == a
                    : Math.abs(a - e) <= c.atol + c.rtol * Math.abs(e);
            if (!ok) {
                if (first < 0) first = i;
                bad++;
                worst = Math.max(worst, Double.isNaN(a) ? Double.POSITIVE_INFINITY : Math.abs(a - e));
            }
        }
        if (bad > 0) {
            fail(c.name + ": " + bad + " of " + w.length + " elements off (rtol " + c.rtol + ", atol " + c.atol
                    + "); first at " + Arrays.toString(coords(want.sizes(), first)) + ": ref " + w[first] + " cpu " + h[first]
                    + "; largest error " + worst);
        }
    }

    private static int[] coords(int[] sizes, int linear) {
        int[] c = new int[sizes.length];
        for (int d = sizes.length - 1; d >= 0; d--) {
            c[d] = linear % sizes[d];
            linear /= sizes[d];
        }
        return c;
    }
}
