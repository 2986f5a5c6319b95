package jtorch.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import jtorch.backend.Backends;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * F64 inputs on the reference back end for finite-difference checks, away from the kinks of piecewise functions.
 */
final class JacobianInputs {
    private JacobianInputs() {}

    /**
     * Values 0.1 + 0.25·m for distinct integers m (|m| ≤ n/2), shuffled: pairwise at least 0.25 apart (no ties for
     * Max, Min, CMaxTable) and at least 0.1 away from 0 and ±1 (ReLU, Abs, LeakyReLU, ELU, HardTanh).
     */
    static Tensor grid(long seed, int... sizes) {
        int n = 1;
        for (int s : sizes) n *= s;
        List<Integer> m = new ArrayList<>();
        for (int i = 0; i < n; i++) m.add(i - n / 2);
        Collections.shuffle(m, new Random(seed));
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 0.1 + 0.25 * m.get(i);
        return t64(v, sizes);
    }

    /** Uniform in [0.5, 1.5): for Log, Sqrt, fractional powers. */
    static Tensor positive(long seed, int... sizes) {
        return Tensor.rand(DType.F64, new Generator(seed), sizes).to(Backends.ref()).addInPlace(0.5);
    }

    static Tensor randn(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()); }

    static Tensor t64(double[] v, int... sizes) { return Tensor.of(v, sizes).to(Backends.ref()); }
}
