package jtorch.nn.attention;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * The fixed positional encoding of Vaswani et al. (2017): y[t, b, :] = x[t, b, :] + PE[t, :] with
 * PE[t, 2i] = sin(t / 10000^(2i/d)) and PE[t, 2i+1] = cos(t / 10000^(2i/d)), t from 0. Input and output
 * [T, B, d], T ≤ maxLength. No parameters; the table is a constant computed once per dtype and back end (not saved).
 * Backward: ∂L/∂x = gradOutput.
 */
public class SinusoidalPositionalEncoding extends Module implements TensorModule {
    public static final ModuleType<SinusoidalPositionalEncoding> TYPE = ModuleType.of("SinusoidalPositionalEncoding",
            SinusoidalPositionalEncoding.class, m -> ModuleArgs.of("size", m.d, "maxLength", m.maxLength),
            a -> new SinusoidalPositionalEncoding(a.integer("size"), a.integer("maxLength")));
    private final int d, maxLength;
    private Tensor table;

    public SinusoidalPositionalEncoding(int size, int maxLength) {
        if (size < 1 || maxLength < 1) throw new IllegalArgumentException("SinusoidalPositionalEncoding: size and "
                + "maxLength must be positive, got " + size + ", " + maxLength);
        this.d = size;
        this.maxLength = maxLength;
    }

    /** PE [maxLength, d] in like's dtype and back end. */
    public Tensor encoding(Tensor like) {
        if (table == null || table.dtype() != like.dtype() || table.backend() != like.backend()) {
            double[] v = new double[maxLength * d]; // a constant, built once (as weights are initialised)
            for (int t = 0; t < maxLength; t++) for (int i = 0; i < d; i++) {
                double angle = t / Math.pow(10000, (double) (i - i % 2) / d);
                v[t * d + i] = i % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
            }
            table = Tensor.of(v, maxLength, d).to(like.dtype()).to(like.backend());
        }
        return table;
    }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 3 || x.size(2) != d || x.size(0) > maxLength) throw new IllegalArgumentException(name()
                + ": expected [T, B, " + d + "] with T <= " + maxLength + ", got " + x.shape());
        return x;
    }

    @Override public SinusoidalPositionalEncoding clone() { return (SinusoidalPositionalEncoding) super.clone(); }

    @Override protected void clearOwnState() { table = null; }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        return x.add(encoding(x).narrow(0, 0, x.size(0)).view(x.size(0), 1, d), reuse(output, x, x.sizes()));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": gradOutput " + g.shape() + " differs from "
                + "the input " + x.shape());
        return g;
    }

    @Override public String name() { return "SinusoidalPositionalEncoding(" + d + ", max " + maxLength + ")"; }
}
