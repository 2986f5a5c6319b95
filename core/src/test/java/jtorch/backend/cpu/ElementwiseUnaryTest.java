package jtorch.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.function.UnaryOperator;
import jtorch.backend.Backend;
import jtorch.backend.Backends;
import jtorch.backend.UnaryOp;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The cpu back end's F32 unary kernels against the ref back end in F64, for every {@link UnaryOp}, over sizes
 * 1, 7, 33, 1000 and 2^20 (multithreaded), non-contiguous views, broadcast inputs, in-place aliasing and NaN / inf.
 * Tolerances: exact ops bit-equal to the F64 result rounded to F32; arithmetic 1e-6 relative; exp, log, tanh,
 * sigmoid 1e-6 relative (≈ 8 ulps at worst; VectorMath states ≤ 2.5 ulp); pow 1e-5 relative.
 */
class ElementwiseUnaryTest {
    static final Backend CPU = Backends.cpu(), REF = Backends.ref();
    static final int[] SIZES = {1, 7, 33, 1000, 1 << 20};

    /** A cpu F32 tensor and a ref F64 tensor holding the same values. */
    record Pair(Tensor cpu, Tensor ref) {
        Pair map(UnaryOperator<Tensor> view) { return new Pair(view.apply(cpu), view.apply(ref)); }
    }

    /** Normal(0, scale) values, with NaN, ±inf, ±0 sprinkled in when {@code specials}. */
    static Pair data(long seed, double scale, boolean specials, int... sizes) {
        int n = 1;
        for (int s : sizes) n *= s;
        Generator g = new Generator(seed);
        float[] f = new float[n];
        double[] d = new double[n];
        float[] sp = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1f, -1f};
        for (int i = 0; i < n; i++) {
            f[i] = specials && g.nextInt(10) == 0 ? sp[g.nextInt(sp.length)] : (float) (g.nextGaussian() * scale);
            d[i] = f[i];
        }
        return new Pair(Tensor.of(f, sizes).to(CPU), Tensor.of(d, sizes).to(REF));
    }

    static Pair zeros(int... sizes) {
        return new Pair(Tensor.zeros(CPU, DType.F32, sizes), Tensor.zeros(REF, DType.F64, sizes));
    }

    /** |got - want| ≤ rtol·|want| + atol element-wise; NaN must match NaN, infinities must match exactly. */
    static void assertClose(String what, Tensor want, Tensor got, double rtol, double atol) {
        assertTrue(want.sameShape(got), what + ": shapes " + want.shape() + " vs " + got.shape());
        double[] w = want.toDoubleArray(), o = got.toDoubleArray();
        for (int i = 0; i < w.length; i++) {
            double e = (float) w[i], a = o[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                    : Double.isInfinite(e) ? e == a
                    : Math.abs(a - e) <= rtol * Math.abs(e) + atol;
            if (!ok) fail(what + ": element " + i + " of " + w.length + ": expected " + e + " (F64 " + w[i] + "), got " + a);
        }
    }

    static double rtol(UnaryOp op) {
        return switch (op) {
            case NEG, ABS, RELU, SQUARE, SQRT, SIGN, CLAMP, EQ, NE, LT, LE, GT, GE -> 0;
            case POW, RPOW -> 1e-5;
            default -> 1e-6;
        };
    }

    /** Scalar arguments exercising each op: (a, b). */
    static double[][] args(UnaryOp op) {
        return switch (op) {
            case CLAMP -> new double[][] {{-0.5, 0.75}, {-0.1, 0.3}, {1, -1}};
            case EQ, NE, LT, LE, GT, GE -> new double[][] {{0.5, 0}, {0.1, 0}, {0, 0}, {Double.NaN, 0}};
            case ADD, MUL, DIV, RSUB, RDIV -> new double[][] {{1.25, 0}, {-3, 0}};
            case POW -> new double[][] {{2, 0}, {0.5, 0}, {3, 0}, {1, 0}, {-1.5, 0}};
            case RPOW -> new double[][] {{2, 0}, {0.5, 0}};
            default -> new double[][] {{0, 0}};
        };
    }

    static void check(UnaryOp op, double a, double b, Pair in, Pair out, String layout) {
        CPU.unary(op, a, b, out.cpu(), in.cpu());
        REF.unary(op, a, b, out.ref(), in.ref());
        assertClose(op + "(" + a + ", " + b + ") " + layout, out.ref(), out.cpu(), rtol(op), 0);
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void contiguousAllSizes(UnaryOp op) {
        for (int n : SIZES) {
            for (double[] ab : args(op)) {
                Pair in = data(n, 2, false, n);
                check(op, ab[0], ab[1], in, zeros(n), "contiguous n=" + n);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void specialValues(UnaryOp op) {
        for (double[] ab : args(op)) check(op, ab[0], ab[1], data(7, 3, true, 1000), zeros(1000), "NaN/inf/±0");
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void stridedBroadcastAndAliased(UnaryOp op) {
        double a = args(op)[0][0], b = args(op)[0][1];
        List<UnaryOperator<Tensor>> views = List.of(
                t -> t.view(33, 40).t(),                       // transposed [40, 33]
                t -> t.view(33, 40).narrow(1, 3, 33).t(),      // narrowed then transposed [33, 33]
                t -> t.view(660, 2).select(1, 1),                 // [660], stride 2
                t -> t.view(33, 40).permute(1, 0).narrow(0, 1, 7)); // [7, 33], strides [1, 40]
        for (UnaryOperator<Tensor> v : views) {
            Pair in = data(3, 2, false, 1320).map(v);
            check(op, a, b, in, zeros(in.cpu().sizes()), "view " + in.cpu().shape() + " strides "
                    + java.util.Arrays.toString(in.cpu().strides()));
            // non-contiguous output too
            Pair out = zeros(in.cpu().size(in.cpu().dim() - 1), in.cpu().size(0)).map(t -> t.t());
            if (in.cpu().dim() == 2) check(op, a, b, in, out, "transposed out");
        }
        Pair row = data(4, 2, false, 1, 40).map(t -> t.expand(33, 40));
        check(op, a, b, row, zeros(33, 40), "broadcast row");
        Pair scalar = data(5, 2, false, 1).map(t -> t.expand(1 << 17));
        check(op, a, b, scalar, zeros(1 << 17), "broadcast scalar");
        Pair col = data(6, 2, false, 33, 1).map(t -> t.expand(33, 40));
        check(op, a, b, col, zeros(33, 40), "broadcast column");
        // in place, contiguous and transposed, large enough to split across threads
        for (UnaryOperator<Tensor> v : List.<UnaryOperator<Tensor>>of(t -> t, t -> t.view(1024, 512).t())) {
            Pair x = data(7, 2, false, 2 * Elementwise.GRAIN).map(v);
            Tensor want = x.ref().clone();
            REF.unary(op, a, b, want, x.ref());
            CPU.unary(op, a, b, x.cpu(), x.cpu());
            assertClose(op + " in place " + x.cpu().shape(), want, x.cpu(), rtol(op), 0);
        }
    }

    @Test
    void arithmeticWithNonF32Scalar() {
        Pair in = data(8, 2, false, 1000);
        for (UnaryOp op : new UnaryOp[] {UnaryOp.ADD, UnaryOp.MUL, UnaryOp.DIV, UnaryOp.RSUB, UnaryOp.RDIV}) {
            Pair out = zeros(1000);
            CPU.unary(op, 0.1, 0, out.cpu(), in.cpu());
            REF.unary(op, 0.1, 0, out.ref(), in.ref());
            // one extra rounding of a = 0.1 to F32: relative 6e-8 of a's contribution
            assertClose(op + " a=0.1", out.ref(), out.cpu(), 2e-6, 1e-6);
        }
    }

    @Test
    void exactOpsAreBitExact() {
        Pair in = data(9, 5, true, 4097);
        for (UnaryOp op : new UnaryOp[] {UnaryOp.NEG, UnaryOp.ABS, UnaryOp.RELU, UnaryOp.SQUARE, UnaryOp.SIGN}) {
            Pair out = zeros(4097);
            CPU.unary(op, 0, 0, out.cpu(), in.cpu());
            REF.unary(op, 0, 0, out.ref(), in.ref());
            float[] w = out.ref().toFloatArray(), g = out.cpu().toFloatArray();
            for (int i = 0; i < w.length; i++) {
                assertEquals(Float.floatToIntBits(w[i]), Float.floatToIntBits(g[i]), op + " element " + i + ": " + w[i] + " vs " + g[i]);
            }
        }
    }

    /** erf over [-5, 5] and over tiny magnitudes (relative precision near 0), against the F64 series. */
    @Test
    void erfWithinFewUlps() {
        int n = 1 << 17;
        float[] x = new float[n];
        for (int i = 0; i < n / 2; i++) x[i] = -5f + 10f * i / (n / 2);
        for (int i = n / 2; i < n; i++) x[i] = (float) Math.pow(10, -30 + 30.0 * (i - n / 2) / (n / 2)) * (i % 2 == 0 ? 1 : -1);
        Tensor in = Tensor.of(x, n).to(CPU), out = Tensor.zeros(CPU, DType.F32, n);
        CPU.unary(UnaryOp.ERF, 0, 0, out, in);
        float[] r = ((jtorch.tensor.HeapStorage) out.storage()).floats();
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double want = UnaryOp.ERF.apply(x[i], 0, 0);
            if (want == 0) continue;
            double ulps = Math.abs(r[i] - want) / Math.ulp((float) want);
            worst = Math.max(worst, ulps);
            assertTrue(ulps <= 3, "erf(" + x[i] + ") = " + r[i] + ", want " + want + ": " + ulps + " ulps");
        }
        assertTrue(worst > 0.3, "a suspiciously exact erf: worst " + worst + " ulps");
    }

    /** The F64 definition against erf values computed by C99 erf (Python 3.11 math.erf, 16 digits). */
    @Test
    void erfDefinitionMatchesKnownValues() {
        double[][] known = {{0.5, 0.5204998778130465}, {1, 0.8427007929497149}, {2, 0.9953222650189527},
                {3, 0.9999779095030014}, {5, 0.9999999999984626}, {1e-10, 1.1283791670955126e-10}, {7, 1}};
        for (double[] k : known) {
            assertEquals(k[1], UnaryOp.ERF.apply(k[0], 0, 0), 1e-15 * k[1], "erf(" + k[0] + ")");
            assertEquals(-k[1], UnaryOp.ERF.apply(-k[0], 0, 0), 1e-15 * k[1], "erf(" + -k[0] + ")");
        }
        assertTrue(Double.isNaN(UnaryOp.ERF.apply(Double.NaN, 0, 0)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(UnaryOp.ERF.apply(-0.0, 0, 0)));
    }

    @Test
    void transcendentalsWithinFewUlps() {
        // exp over its whole finite range, log over positives, tanh/sigmoid over the interesting range
        int n = 1 << 16;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = -87f + 175f * i / n;
        Tensor in = Tensor.of(x, n).to(CPU), out = Tensor.zeros(CPU, DType.F32, n);
        float[] r = ((jtorch.tensor.HeapStorage) out.storage()).floats();
        double worst = 0;
        for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.LOG, UnaryOp.ERF}) {
            CPU.unary(op, 0, 0, out, op == UnaryOp.LOG ? in.abs() : in);
            for (int i = 0; i < n; i++) {
                double xi = op == UnaryOp.LOG ? Math.abs(x[i]) : x[i], want = op.apply(xi, 0, 0);
                if (want == 0 || Double.isInfinite(want) || Math.abs(want) < Float.MIN_NORMAL) continue;
                double ulps = Math.abs(r[i] - want) / Math.ulp((float) want);
                worst = Math.max(worst, ulps);
                assertTrue(ulps <= 4, op + "(" + xi + ") = " + r[i] + ", want " + want + ": " + ulps + " ulps");
            }
        }
    }
}
