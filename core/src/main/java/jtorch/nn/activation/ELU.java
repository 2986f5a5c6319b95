package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/**
 * y = x where x &gt; 0, else α (e^x - 1), element-wise, any shape (Torch7's {@code nn.ELU(alpha = 1)}).
 * Backward (Torch7, from the output): ∂L/∂x = g where y &gt; 0, else g ⊙ (y + α).
 */
public class ELU extends Pointwise {
    public static final ModuleType<ELU> TYPE = ModuleType.of("ELU", ELU.class,
            m -> ModuleArgs.of("alpha", m.alpha()),
            a -> new ELU(a.number("alpha")));

    @Override public ELU clone() { return (ELU) super.clone(); }

    private final double alpha;

    public double alpha() { return alpha; }

    public ELU() { this(1); }

    public ELU(double alpha) {
        if (!Double.isFinite(alpha)) throw new IllegalArgumentException("ELU: alpha must be finite, got " + alpha);
        this.alpha = alpha;
    }

    @Override protected void compute(Tensor x, Tensor y) {
        Tensor neg = x.apply(UnaryOp.CLAMP, Double.NEGATIVE_INFINITY, 0, scratch(x));
        neg.expInPlace().addInPlace(-1).mulInPlace(alpha);          // α (e^min(x,0) - 1): 0 where x > 0
        x.apply(UnaryOp.RELU, 0, 0, y).addInPlace(neg);
    }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        Tensor nonPos = y.apply(UnaryOp.LE, 0, 0, scratch(y));
        y.apply(UnaryOp.ADD, alpha, 0, gi).mulInPlace(nonPos);     // y + α where y <= 0, else 0
        gi.addInPlace(nonPos.applyInPlace(UnaryOp.RSUB, 1, 0)).mulInPlace(g);
    }

    @Override public String name() { return "ELU(" + alpha + ")"; }
}
