package jtorch.nn.reduce;

import static jtorch.nn.Jacobian.TOLERANCE;
import static jtorch.nn.Jacobian.check;
import static jtorch.tensor.DType.F64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.Module;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ReduceModulesTest {

    static Tensor randn(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()); }

    static Tensor f64(double[] v, int... sizes) { return Tensor.of(v, sizes).to(Backends.ref()); }

    @Test
    void jacobians() {
        for (int d : new int[] {0, 1, 2, -1}) {
            Tensor x = randn(10 + d, 2, 3, 4);
            check(new Sum(d).to(F64), x).assertBelow(TOLERANCE);
            check(new Mean(d).to(F64), x).assertBelow(TOLERANCE);
            check(new Max(d).to(F64), x).assertBelow(TOLERANCE);
            check(new Min(d).to(F64), x).assertBelow(TOLERANCE);
            check(new LogSumExp(d).to(F64), x).assertBelow(TOLERANCE);
        }
        check(new LogSumExp(1).to(F64), randn(20, 3, 4).mulInPlace(300).addInPlace(1000)).assertBelow(TOLERANCE); // large inputs
        check(new Sum(0).to(F64), randn(21, 5)).assertBelow(TOLERANCE);                                            // to a 0-d output
    }

    @Test
    void exactValues() {
        Tensor x = f64(new double[] {1, 7, 3, 4, 5, -6}, 2, 3);
        assertArrayEquals(new double[] {11, 3}, new Sum(1).forward(x).toDoubleArray(), 0);
        assertArrayEquals(new double[] {5, 12, -3}, new Sum(0).forward(x).toDoubleArray(), 0);
        assertArrayEquals(new double[] {11.0 / 3, 1}, new Mean(-1).forward(x).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {7, 5}, new Max(1).forward(x).toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, -6}, new Min(1).forward(x).toDoubleArray(), 0);
        assertArrayEquals(new int[] {2}, new Max(1).forward(x).sizes());
        double l = Math.log(Math.exp(1) + Math.exp(7) + Math.exp(3));
        assertArrayEquals(new double[] {l}, new LogSumExp(1).forward(f64(new double[] {1, 7, 3}, 1, 3)).toDoubleArray(), 1e-14);
        Tensor big = f64(new double[] {1000, 1000, -1000, 1000}, 2, 2);
        LogSumExp lse = new LogSumExp(1);
        assertArrayEquals(new double[] {1000 + Math.log(2), 1000}, lse.forward(big).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 0, 1}, lse.backward(big, f64(new double[] {1, 1}, 2)).toDoubleArray(), 1e-12);
    }

    @Test
    void gradientsGoToTheExtremeAndAreSpreadBySumAndMean() {
        Tensor x = f64(new double[] {2, 9, 9, -1, -1, 0}, 2, 3), g = f64(new double[] {10, 20}, 2);
        Max max = new Max(1);
        max.forward(x);
        assertArrayEquals(new double[] {0, 10, 0, 0, 0, 20}, max.backward(x, g).toDoubleArray(), 0); // first of the tied 9s
        Min min = new Min(1);
        min.forward(x);
        assertArrayEquals(new double[] {10, 0, 0, 20, 0, 0}, min.backward(x, g).toDoubleArray(), 0);
        Mean mean = new Mean(1);
        mean.forward(x);
        Tensor gm = mean.backward(x, g);
        assertArrayEquals(new double[] {10 / 3.0, 10 / 3.0, 10 / 3.0, 20 / 3.0, 20 / 3.0, 20 / 3.0}, gm.toDoubleArray(), 1e-15);
        assertSame(gm, mean.backward(x, g)); // reused buffer
        Sum sum = new Sum(0);
        sum.forward(x);
        assertArrayEquals(new double[] {1, 2, 3, 1, 2, 3}, sum.backward(x, f64(new double[] {1, 2, 3}, 3)).toDoubleArray(), 0);
    }

    @Test
    void f32MatchesF64() {
        Tensor x = randn(30, 3, 5);
        for (Module[] pair : new Module[][] {{new Sum(1), new Sum(1)}, {new Max(1), new Max(1)}, {new LogSumExp(1), new LogSumExp(1)}}) {
            Tensor x32 = x.to(DType.F32).to(Backends.getDefault());
            double[] a = pair[0].to(DType.F64).forward(x).tensor().toDoubleArray(), b = pair[1].forward(x32).tensor().toDoubleArray();
            assertArrayEquals(a, b, 1e-5, pair[0].name());
        }
    }

    @Test
    void badInputNamesModuleAndShapes() {
        for (Module m : new Module[] {new Sum(2), new Mean(2), new Max(2), new Min(-3), new LogSumExp(2)}) {
            var e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(2, 3)));
            assertTrue(e.getMessage().contains(m.name()) && e.getMessage().contains("[2, 3]"), e.getMessage());
        }
        for (Module m : new Module[] {new Sum(1), new Max(1), new LogSumExp(1)}) {
            Tensor x = Tensor.zeros(2, 3);
            m.forward(x);
            var e = assertThrows(IllegalArgumentException.class, () -> m.backward(x, Tensor.zeros(3)));
            assertTrue(e.getMessage().contains(m.name()) && e.getMessage().contains("[3]") && e.getMessage().contains("[2]"),
                    e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> new Max(1).forward(Tensor.zeros(2, 0)));
        assertTrue(e.getMessage().contains("Max(1)") && e.getMessage().contains("empty"), e.getMessage());
    }
}
