package jtorch.autograd;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jtorch.nn.Jacobian;
import jtorch.nn.JacobianReport;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Runs autograd code through the public finite-difference checker: f(x₁..xₙ) becomes a parameterless
 * {@link AutogradModule} with a table input, and {@link Jacobian#check} compares its backward (the reverse pass with
 * each one-hot gradOutput) with central differences of its forward, for every input.
 */
final class OpCheck {
    private OpCheck() {}

    static final class Fn extends AutogradModule {
        private final Function<List<Var>, Var> f;
        private final String label;

        Fn(String label, Function<List<Var>, Var> f) { this.label = label; this.f = f; }

        @Override protected Var compute(Params p, Var input) { return f.apply(List.of(input)); }

        @Override protected Var compute(Params p, List<Var> inputs) { return f.apply(inputs); }

        @Override public String name() { return label; }
    }

    /** The Jacobian report of f at the inputs (F64), every input checked. */
    static JacobianReport report(String name, Function<List<Var>, Var> f, Tensor... inputs) {
        Activity in = inputs.length == 1 ? inputs[0] : Table.of(inputs);
        return Jacobian.check(new Fn(name, f), in);
    }

    /** Asserts f's gradients match finite differences within {@link Jacobian#TOLERANCE}. */
    static void check(String name, Function<List<Var>, Var> f, Tensor... inputs) {
        report(name, f, inputs).assertBelow(Jacobian.TOLERANCE);
    }

    static Tensor randn(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes); }

    /** Uniform in [lo, hi). */
    static Tensor uniform(long seed, double lo, double hi, int... sizes) {
        return Tensor.rand(DType.F64, new Generator(seed), sizes).mulInPlace(hi - lo).addInPlace(lo);
    }

    static Map<String, Tensor> map(Object... kv) {
        Map<String, Tensor> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Tensor) kv[i + 1]);
        return m;
    }
}
