package jtorch.nn.penalty;

import jtorch.backend.UnaryOp;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Torch7's {@code nn.L1Penalty(l1weight, sizeAverage = false, provideOutput = true)}, an L1 regulariser of the
 * activations passing through it (sparse auto-encoders): forward is the identity (y is the input object itself) and
 * records the penalty P = m · ‖x‖₁ with m = l1weight, or l1weight / numel(x) with {@code sizeAverage}. Backward:
 * ∂L/∂x = m · sign(x) + g, or m · sign(x) alone when {@code provideOutput} is false (the module ends a branch whose
 * output nobody uses). Any shape. A {@link Penalty}: see {@link Penalty#total}.
 */
public class L1Penalty extends Module implements TensorModule, Penalty {
    public static final ModuleType<L1Penalty> TYPE = ModuleType.of("L1Penalty", L1Penalty.class,
            m -> ModuleArgs.of("l1weight", m.l1weight, "sizeAverage", m.sizeAverage, "provideOutput", m.provideOutput),
            a -> new L1Penalty(a.number("l1weight"), a.bool("sizeAverage"), a.bool("provideOutput")));

    private final double l1weight;
    private final boolean sizeAverage, provideOutput;
    private double loss;

    /** L1Penalty(l1weight, false, true). */
    public L1Penalty(double l1weight) { this(l1weight, false, true); }

    public L1Penalty(double l1weight, boolean sizeAverage, boolean provideOutput) {
        if (!Double.isFinite(l1weight) || l1weight < 0) throw new IllegalArgumentException(
                "L1Penalty: l1weight must be finite and >= 0, got " + l1weight);
        this.l1weight = l1weight;
        this.sizeAverage = sizeAverage;
        this.provideOutput = provideOutput;
    }

    public double l1weight() { return l1weight; }

    public boolean sizeAverage() { return sizeAverage; }

    public boolean provideOutput() { return provideOutput; }

    @Override public double loss() { return loss; }

    @Override public L1Penalty clone() { return (L1Penalty) super.clone(); }

    private double m(Tensor x) { return sizeAverage ? l1weight / x.numel() : l1weight; }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        loss = m(x) * x.norm(1);
        return x;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name());
        Tensor gi = x.apply(UnaryOp.SIGN, 0, 0, reuse(gradInput, x, x.sizes())).mulInPlace(m(x));
        if (provideOutput) {
            Tensor g = gradOutput.toTensor(name() + " gradOutput");
            if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                    + ", expected the input's shape " + x.shape());
            gi.addInPlace(g);
        }
        return gi;
    }

    @Override public String name() {
        return "L1Penalty(" + l1weight + (sizeAverage ? ", sizeAverage" : "") + (provideOutput ? "" : ", no output") + ")";
    }
}
