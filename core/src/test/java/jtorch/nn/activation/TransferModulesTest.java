package jtorch.nn.activation;

import static jtorch.nn.Jacobian.TOLERANCE;
import static jtorch.nn.Jacobian.check;
import static jtorch.tensor.DType.F64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import jtorch.backend.Backends;
import jtorch.nn.Module;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TransferModulesTest {

    static Tensor f64(double[] v, int... sizes) { return Tensor.of(v, sizes).to(Backends.ref()); }

    /** Normal values pushed at least 0.05 away from every kink in {@code kinks}. */
    static Tensor awayFrom(long seed, double[] kinks, int... sizes) {
        Tensor t = Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()).mulInPlace(2);
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) for (double k : kinks) if (Math.abs(v[i] - k) < 0.05) v[i] = k + 0.1;
        return f64(v, sizes);
    }

    static Tensor positive(long seed, int... sizes) {
        return Tensor.rand(DType.F64, new Generator(seed), sizes).to(Backends.ref()).mulInPlace(2).addInPlace(0.1);
    }

    static void forwardEquals(Module m, double[] in, double[] expected, double tol) {
        double[] got = m.forward(f64(in, 1, in.length)).tensor().toDoubleArray();
        assertArrayEquals(expected, got, tol, m.name());
    }

    @Test
    void jacobians() {
        double[] zero = {0};
        check(new ReLU().to(F64), awayFrom(1, zero, 3, 5)).assertBelow(TOLERANCE);
        check(new Sigmoid().to(F64), awayFrom(2, zero, 3, 5)).assertBelow(TOLERANCE);
        check(new SoftMax().to(F64), awayFrom(3, zero, 3, 5)).assertBelow(TOLERANCE);
        check(new SoftMax().to(F64), awayFrom(33, zero, 2, 3, 4)).assertBelow(TOLERANCE);
        check(new SoftPlus().to(F64), awayFrom(4, zero, 3, 5)).assertBelow(TOLERANCE);
        check(new SoftPlus(2, 3).to(F64), awayFrom(5, new double[] {1.5}, 4, 5)).assertBelow(TOLERANCE); // both branches
        check(new LeakyReLU().to(F64), awayFrom(6, zero, 3, 5)).assertBelow(TOLERANCE);
        check(new LeakyReLU(0.3).to(F64), awayFrom(7, zero, 3, 5)).assertBelow(TOLERANCE);
        check(new HardTanh().to(F64), awayFrom(8, new double[] {-1, 1}, 3, 5)).assertBelow(TOLERANCE);
        check(new HardTanh(-0.5, 2).to(F64), awayFrom(9, new double[] {-0.5, 2}, 3, 5)).assertBelow(TOLERANCE);
        check(new ELU().to(F64), awayFrom(10, zero, 3, 5)).assertBelow(TOLERANCE);
        check(new ELU(0.4).to(F64), awayFrom(11, zero, 3, 5)).assertBelow(TOLERANCE);
        check(new Abs().to(F64), awayFrom(12, zero, 3, 5)).assertBelow(TOLERANCE);
        check(new Square().to(F64), awayFrom(13, zero, 3, 5)).assertBelow(TOLERANCE);
        check(new Sqrt().to(F64), positive(14, 3, 5)).assertBelow(TOLERANCE);
        check(new Exp().to(F64), awayFrom(15, zero, 3, 5)).assertBelow(TOLERANCE);
        check(new Log().to(F64), positive(16, 3, 5)).assertBelow(TOLERANCE);
        check(new Power(3).to(F64), awayFrom(17, zero, 3, 5)).assertBelow(TOLERANCE);
        check(new Power(2.5).to(F64), positive(18, 3, 5)).assertBelow(TOLERANCE);
        check(new MulConstant(-1.5).to(F64), awayFrom(19, zero, 3, 5)).assertBelow(TOLERANCE);
        check(new AddConstant(4).to(F64), awayFrom(20, zero, 3, 5)).assertBelow(TOLERANCE);
    }

    @Test
    void exactForwardValues() {
        double[] x = {-2, -0.5, 0, 0.5, 3};
        forwardEquals(new ReLU(), x, new double[] {0, 0, 0, 0.5, 3}, 0);
        forwardEquals(new LeakyReLU(), x, new double[] {-0.02, -0.005, 0, 0.5, 3}, 0);
        forwardEquals(new HardTanh(), x, new double[] {-1, -0.5, 0, 0.5, 1}, 0);
        forwardEquals(new ELU(), x, new double[] {Math.exp(-2) - 1, Math.exp(-0.5) - 1, 0, 0.5, 3}, 1e-15);
        forwardEquals(new ELU(2), x, new double[] {2 * (Math.exp(-2) - 1), 2 * (Math.exp(-0.5) - 1), 0, 0.5, 3}, 1e-15);
        forwardEquals(new Abs(), x, new double[] {2, 0.5, 0, 0.5, 3}, 0);
        forwardEquals(new Square(), x, new double[] {4, 0.25, 0, 0.25, 9}, 0);
        forwardEquals(new MulConstant(3), x, new double[] {-6, -1.5, 0, 1.5, 9}, 0);
        forwardEquals(new AddConstant(1), x, new double[] {-1, 0.5, 1, 1.5, 4}, 0);
        forwardEquals(new Power(3), x, new double[] {-8, -0.125, 0, 0.125, 27}, 1e-15);
        forwardEquals(new Sqrt(), new double[] {0, 0.25, 4}, new double[] {0, 0.5, 2}, 0);
        forwardEquals(new Exp(), new double[] {0, 1}, new double[] {1, Math.E}, 1e-15);
        forwardEquals(new Log(), new double[] {1, Math.E}, new double[] {0, 1}, 1e-15);
        forwardEquals(new Sigmoid(), new double[] {0, 2}, new double[] {0.5, 1 / (1 + Math.exp(-2))}, 1e-15);
        // SoftPlus: log(1 + e^x); above the threshold exactly x; beta scales inside and out
        forwardEquals(new SoftPlus(), new double[] {0, 1, 21}, new double[] {Math.log(2), Math.log(1 + Math.E), 21}, 1e-15);
        forwardEquals(new SoftPlus(2, 20), new double[] {1, 10.5}, new double[] {Math.log(1 + Math.exp(2)) / 2, 10.5}, 1e-15);
        forwardEquals(new SoftPlus(), new double[] {-1000, 1000}, new double[] {0, 1000}, 0);
        double s = Math.exp(1) + Math.exp(2) + Math.exp(3);
        forwardEquals(new SoftMax(), new double[] {1, 2, 3}, new double[] {Math.exp(1) / s, Math.exp(2) / s, Math.exp(3) / s}, 1e-15);
        forwardEquals(new SoftMax(), new double[] {1000, 1000}, new double[] {0.5, 0.5}, 0); // stable
    }

    @Test
    void torch7GradientConventionsAtKinks() {
        Tensor x = f64(new double[] {-1, 0, 1}, 1, 3), g = f64(new double[] {1, 1, 1}, 1, 3);
        assertArrayEquals(new double[] {0, 0, 1}, grad(new ReLU(), x, g), 0);
        assertArrayEquals(new double[] {-1, 1, 1}, grad(new Abs(), x, g), 0);       // Torch7: sign with sign(0) = +1
        assertArrayEquals(new double[] {0, 1, 0}, grad(new HardTanh(), x, g), 0);   // 0 on the boundaries
        assertArrayEquals(new double[] {0.01, 0.01, 1}, grad(new LeakyReLU(), x, g), 0);
        assertArrayEquals(new double[] {Math.exp(-1), 1, 1}, grad(new ELU(), x, g), 1e-15);
        Tensor z = f64(new double[] {0, 4}, 1, 2), gz = f64(new double[] {1, 1}, 1, 2);
        assertArrayEquals(new double[] {0, 0.25}, grad(new Sqrt(), z, gz), 0);        // 0, not inf, at sqrt(0)
        // SoftPlus above the threshold passes the gradient through exactly
        assertArrayEquals(new double[] {1}, grad(new SoftPlus(), f64(new double[] {30}, 1, 1), f64(new double[] {1}, 1, 1)), 0);
    }

    private static double[] grad(Module m, Tensor x, Tensor g) {
        m.forward(x);
        return m.backward(x, g).tensor().toDoubleArray();
    }

    @Test
    void f32OnTheDefaultBackendMatchesF64() {
        Supplier<Module[]> all = () -> new Module[] {new ReLU(), new Sigmoid(), new SoftMax(), new SoftPlus(), new LeakyReLU(),
                new HardTanh(), new ELU(), new Abs(), new Square(), new Exp(), new MulConstant(2), new AddConstant(1)};
        Tensor x = awayFrom(40, new double[] {0, -1, 1}, 4, 7), g = awayFrom(41, new double[0], 4, 7);
        Module[] a = all.get(), b = all.get();
        for (int i = 0; i < a.length; i++) {
            a[i].to(DType.F64);
            double[] y64 = a[i].forward(x).tensor().toDoubleArray(), g64 = a[i].backward(x, g).tensor().toDoubleArray();
            Tensor x32 = x.to(DType.F32).to(Backends.getDefault()), g32 = g.to(DType.F32).to(Backends.getDefault());
            double[] y32 = b[i].forward(x32).tensor().toDoubleArray(), g32r = b[i].backward(x32, g32).tensor().toDoubleArray();
            for (int k = 0; k < y64.length; k++) {
                assertEquals(y64[k], y32[k], 1e-5 * (1 + Math.abs(y64[k])), b[i].name() + " output " + k);
                assertEquals(g64[k], g32r[k], 1e-5 * (1 + Math.abs(g64[k])), b[i].name() + " gradInput " + k);
            }
        }
    }

    @Test
    void buffersAreReusedAcrossSteps() {
        Module m = new ELU();
        Tensor x = awayFrom(50, new double[0], 2, 3), g = awayFrom(51, new double[0], 2, 3);
        m.to(DType.F64);
        Tensor y1 = m.forward(x).tensor(), g1 = m.backward(x, g).tensor();
        assertTrue(y1 == m.forward(x) && g1 == m.backward(x, g));
    }

    @Test
    void badGradOutputNamesModuleAndShapes() {
        for (Module m : new Module[] {new ReLU(), new SoftMax(), new Power(2), new HardTanh()}) {
            Tensor x = Tensor.zeros(2, 3);
            m.forward(x);
            var e = assertThrows(IllegalArgumentException.class, () -> m.backward(x, Tensor.zeros(3, 2)));
            assertTrue(e.getMessage().contains(m.name()) && e.getMessage().contains("[3, 2]")
                    && e.getMessage().contains("[2, 3]"), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> new HardTanh(1, -1));
        assertTrue(e.getMessage().contains("HardTanh"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> new ReLU().forward(jtorch.tensor.Table.of(Tensor.zeros(1))));
        assertTrue(e2.getMessage().contains("ReLU"), e2.getMessage());
        assertEquals("LeakyReLU(0.01)", new LeakyReLU().name());
    }
}
