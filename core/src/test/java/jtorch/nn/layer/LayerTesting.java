package jtorch.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/** Shared helpers of the layer tests. */
final class LayerTesting {
    private LayerTesting() {}

    static Tensor randn64(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()); }

    /** 0, 1, 2, ... in F64 on the reference back end. */
    static Tensor range64(int... sizes) {
        int n = 1;
        for (int s : sizes) n *= s;
        return Tensor.arange(DType.F64, 0, n, 1).to(Backends.ref()).view(sizes);
    }

    static void assertValues(double[] expected, int[] sizes, Activity actual) {
        Tensor a = actual.toTensor("test");
        assertArrayEquals(sizes, a.sizes());
        assertArrayEquals(expected, a.toDoubleArray(), 1e-12);
    }

    static void assertClose(Tensor expected, Activity actual) { assertValues(expected.toDoubleArray(), expected.sizes(), actual); }

    /** The exception's message mentions every fragment. */
    static void mentions(IllegalArgumentException e, String... fragments) {
        for (String f : fragments) assertTrue(e.getMessage().contains(f), e.getMessage() + " lacks " + f);
    }
}
