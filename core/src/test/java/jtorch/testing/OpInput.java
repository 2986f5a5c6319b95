package jtorch.testing;

import java.util.Arrays;
import jtorch.backend.Backends;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * One input of a conformance case: what values ({@link Kind}), the logical shape, and the {@link Layout}.
 * {@link #ref} makes the F64 oracle input on the ref back end; {@link #cpu} converts that one to F32 on the cpu back end
 * (values are drawn F32-representable, so both back ends see identical inputs).
 */
public record OpInput(Kind kind, int bound, int[] shape, Layout layout) {
    /** Value distributions, each inside the domain of the ops that use it. */
    public enum Kind {
        /** Standard normal. */ NORMAL,
        /** Uniform in [0.5, 2.5): for log, sqrt, pow bases, divisors. */ POSITIVE,
        /** Uniform in [0.9, 1.1): for products of up to 1000 elements. */ NEAR_ONE,
        /** Whole numbers in [-4, 4]: ties for max/argmax, equalities for comparisons, exact sums. */ INTS,
        /** I32 indices in [0, bound). */ INDEX
    }

    public static OpInput of(Kind kind, Layout layout, int... shape) { return new OpInput(kind, 0, shape, layout); }

    public static OpInput index(int bound, int... shape) { return new OpInput(Kind.INDEX, bound, shape, Layout.CONTIGUOUS); }

    /** The F64 (or I32 index) input on the ref back end, already viewed through the layout. */
    public Tensor[] make(Generator g) {
        int[] base = layout.baseShape(shape);
        int n = Arrays.stream(base).reduce(1, (a, b) -> a * b);
        Tensor host;
        if (kind == Kind.INDEX) {
            int[] v = new int[n];
            for (int i = 0; i < n; i++) v[i] = g.nextInt(bound);
            host = Tensor.of(v, base);
            return new Tensor[] {host.to(Backends.ref()), host.to(Backends.cpu())};
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (kind) {
                case NORMAL -> (float) g.nextGaussian();
                case POSITIVE -> (float) (0.5 + 2 * g.nextDouble());
                case NEAR_ONE -> (float) (0.9 + 0.2 * g.nextDouble());
                case INTS -> g.nextInt(9) - 4;
                case INDEX -> throw new AssertionError();
            };
        }
        Tensor ref = Tensor.of(v, base).to(DType.F64).to(Backends.ref());
        Tensor cpu = ref.to(DType.F32).to(Backends.cpu());
        return new Tensor[] {layout.view(ref, shape), layout.view(cpu, shape)};
    }

    @Override public String toString() {
        String k = kind == Kind.INDEX ? "idx<" + bound : kind.name().toLowerCase();
        return k + Arrays.toString(shape).replace(" ", "") + (layout == Layout.CONTIGUOUS ? "" : ":" + layout.name().toLowerCase());
    }
}
