package jtorch.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.function.Executable;

/** Assertions on tensors for the unit tests: values, shapes and the wording of shape errors. */
public final class TensorAssert {
    private TensorAssert() {}

    /** Asserts t has the given sizes. */
    public static void assertShape(Tensor t, int... sizes) {
        assertArrayEquals(sizes, t.sizes(), () -> "shape " + Arrays.toString(t.sizes()));
    }

    /** Asserts the row-major values of t equal {@code expected} exactly (NaN equals NaN, -0 equals 0). */
    public static void assertValues(Tensor t, double... expected) { assertClose(t, 0, expected); }

    /** Asserts |t[i] - expected[i]| <= tol·max(1, |expected[i]|) for every element (NaN matches NaN). */
    public static void assertClose(Tensor t, double tol, double... expected) {
        double[] got = t.toDoubleArray();
        assertEquals(expected.length, got.length, () -> "element count of " + Arrays.toString(t.sizes()));
        for (int i = 0; i < got.length; i++) {
            double e = expected[i], g = got[i];
            if (Double.isNaN(e) && Double.isNaN(g)) continue;
            if (e == g) continue;
            if (!(Math.abs(e - g) <= tol * Math.max(1, Math.abs(e)))) {
                fail("element " + i + ": expected " + e + " got " + g + " (tol " + tol + "); all: " + Arrays.toString(got));
            }
        }
    }

    /** Asserts that {@code body} throws IllegalArgumentException whose message contains every fragment. */
    public static IllegalArgumentException assertIae(Executable body, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, body);
        String m = String.valueOf(e.getMessage());
        for (String f : fragments) assertTrue(m.contains(f), () -> "message '" + m + "' lacks '" + f + "'");
        return e;
    }

    /** A 1-d F64 tensor on the default back end. */
    public static Tensor d(double... v) { return Tensor.of(v); }

    /** An F32 tensor of the given sizes on the default back end. */
    public static Tensor f(float[] v, int... sizes) { return Tensor.of(v, sizes); }

    /** A 1-d I32 tensor. */
    public static Tensor i(int... v) { return Tensor.of(v); }
}
