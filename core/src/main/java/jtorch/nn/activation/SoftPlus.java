package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/**
 * y = log(1 + e^(β x)) / β, and y = x where β x &gt; threshold (for stability; threshold ≤ 80), element-wise, any shape
 * (Torch7's {@code nn.SoftPlus(beta = 1, threshold = 20)}). Where e^(βx) is below the dtype's epsilon the result
 * is 0 (absolute error ≤ e^(βx) / β). Backward (Torch7, from the output): ∂L/∂x = g ⊙ (1 - e^(-β y)), and g where
 * β y &gt; threshold.
 */
public class SoftPlus extends Pointwise {
    public static final ModuleType<SoftPlus> TYPE = ModuleType.of("SoftPlus", SoftPlus.class,
            m -> ModuleArgs.of("beta", m.beta(), "threshold", m.threshold()),
            a -> new SoftPlus(a.number("beta"), a.number("threshold")));

    @Override public SoftPlus clone() { return (SoftPlus) super.clone(); }

    private final double beta, threshold;

    public double beta() { return beta; }

    public double threshold() { return threshold; }

    public SoftPlus() { this(1, 20); }

    public SoftPlus(double beta) { this(beta, 20); }

    public SoftPlus(double beta, double threshold) {
        if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("SoftPlus: beta must be positive, got " + beta);
        if (!(threshold <= 80)) throw new IllegalArgumentException("SoftPlus: threshold must be at most 80 (e^threshold must "
                + "fit in F32), got " + threshold);
        this.beta = beta;
        this.threshold = threshold;
    }

    @Override protected void compute(Tensor x, Tensor y) {
        Tensor s = x.apply(UnaryOp.MUL, beta, 0, scratch(x));      // z = β x
        s.apply(UnaryOp.CLAMP, Double.NEGATIVE_INFINITY, threshold, y)
                .expInPlace().addInPlace(1).logInPlace().applyInPlace(UnaryOp.DIV, beta, 0);
        s.applyInPlace(UnaryOp.LE, threshold, 0);                  // 1 where the soft branch applies
        y.mulInPlace(s);
        s.applyInPlace(UnaryOp.RSUB, 1, 0).mulInPlace(x);          // x where z > threshold, else 0
        y.addInPlace(s);
    }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        Tensor soft = y.apply(UnaryOp.MUL, beta, 0, scratch(y)).applyInPlace(UnaryOp.LE, threshold, 0);
        y.apply(UnaryOp.MUL, -beta, 0, gi).expInPlace().mulInPlace(soft).applyInPlace(UnaryOp.RSUB, 1, 0).mulInPlace(g);
    }

    @Override public String name() { return "SoftPlus(" + beta + ", " + threshold + ")"; }
}
