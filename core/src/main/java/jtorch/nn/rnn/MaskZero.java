package jtorch.nn.rnn;

import jtorch.nn.Activities;
import jtorch.nn.Container;
import jtorch.nn.Module;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Zero output and no gradient for padded rows (Torch7 rnn's {@code nn.MaskZero}): a row of the input x[..., :] (its
 * last dimension; for a table input, of its first entry) that is all zero is padding. With the keep-mask
 * m[...] = [x[..., :] ≠ 0] (1 for a real row), the output of the wrapped module m_0 is
 * <pre>
 * y = m_0(input) ⊙ m          (every output tensor, whose leading dimensions must be x's)
 * ∂L/∂input = m_0'ᵀ(∂L/∂y ⊙ m) ⊙ m   (every gradInput tensor with x's leading dimensions is masked too)
 * </pre>
 * E.g. {@code new Sequencer(new MaskZero(new Linear(F, H)))} on right-padded [T, B, F]. Around a step module of a
 * {@link Recurrence} it resets the state to zero at padded steps (Torch7 rnn v1's behaviour); to keep the state
 * across padding, as this package's convention says, use {@link Recurrence#maskZero(boolean)} or the fused modules'
 * {@code maskZero(true)} instead. Padding for tokens: {@link LookupTable}'s padding index gives zero rows.
 */
public class MaskZero extends Container implements TensorModule {
    public static final ModuleType<MaskZero> TYPE = ModuleType.container("MaskZero", MaskZero.class,
            m -> java.util.Map.of(), (a, children) -> new MaskZero(children.getFirst()));
    private Tensor mask;
    private Activity maskedGrad;

    public MaskZero(Module module) { add(module); }

    @Override public MaskZero add(Module m) {
        if (!modules.isEmpty()) throw new IllegalArgumentException(name() + ": wraps exactly one module");
        super.add(m);
        return this;
    }

    /** The wrapped module. */
    public Module module() { return modules.getFirst(); }

    @Override public MaskZero clone() { return (MaskZero) super.clone(); }

    private static Tensor first(Activity input) {
        return input instanceof Table t ? first(t.get(0)) : (Tensor) input;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = first(input);
        if (x.dim() < 2) throw new IllegalArgumentException(name() + ": expected an input [B, F] or [T, B, F] whose "
                + "rows are masked, got " + x.shape());
        mask = Masks.rows(name(), x);
        Activity y = Activities.copyInto(output, forwardChild(0, input));
        applyMask(y, "output");
        return y;
    }

    /** a ⊙ m for every tensor of a whose leading dimensions are x's; for the output, the others throw. */
    private void applyMask(Activity a, String what) {
        if (a instanceof Table t) {
            for (int i = 0; i < t.size(); i++) applyMask(t.get(i), what);
            return;
        }
        Tensor y = (Tensor) a;
        boolean fits = y.dim() == mask.dim();
        for (int d = 0; fits && d < mask.dim() - 1; d++) fits = y.size(d) == mask.size(d);
        if (fits) y.mulInPlace(mask);
        else if (what.equals("output")) throw new IllegalArgumentException(name() + ": the wrapped module's output "
                + y.shape() + " does not keep the input's leading dimensions " + mask.shape() + " (the mask applies to"
                + " rows: use modules that map each row to a row)");
    }

    private Activity masked(Activity gradOutput) {
        requireForward("backward");
        maskedGrad = Activities.copyInto(maskedGrad, gradOutput);
        applyMask(maskedGrad, "output");
        return maskedGrad;
    }

    private Activity maskGrad(Activity gi) {
        if (gi == null) return null;
        Activity g = Activities.copyInto(gradInput, gi);
        applyMask(g, "gradInput");
        return g;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        return maskGrad(gradInputChild(0, input, masked(gradOutput)));
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        accGradChild(0, input, masked(gradOutput), scale, false);
    }

    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        gradInput = maskGrad(backwardChild(0, input, masked(gradOutput), scale));
        return gradInput;
    }

    @Override protected void clearOwnState() { mask = null; maskedGrad = null; }

    @Override public String name() { return "MaskZero"; }
}
