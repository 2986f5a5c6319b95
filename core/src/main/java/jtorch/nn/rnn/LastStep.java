package jtorch.nn.rnn;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * The output of each sequence's last step, for sequence classification: y [T, B, H] -&gt; z [B, H] with
 * z[b] = y[T - 1, b], or with {@code maskZero} z[b] = y[L_b - 1, b] where L_b = 1 + the last t whose row y[t, b, :]
 * is not all zero (the padding convention: a module with maskZero gives zero rows at padded steps, so L_b is the
 * sequence's length; z[b] = 0 for an all-padding column). Typically after {@code LSTM(...).maskZero(true)} or
 * {@code Recurrence.maskZero(true)} on right-padded input (Torch7 rnn used {@code nn.SelectTable(-1)} on equal lengths).
 * <p>Backward: ∂L/∂y[L_b - 1, b] = ∂L/∂z[b], zero elsewhere.
 */
public class LastStep extends Module implements TensorModule {
    public static final ModuleType<LastStep> TYPE = ModuleType.of("LastStep", LastStep.class,
            m -> ModuleArgs.of("maskZero", m.maskZero), a -> new LastStep(a.bool("maskZero")));
    private final boolean maskZero;
    private Tensor index; // [1, B, H] I32: the time step picked for each column

    /** The step T - 1 of every column. */
    public LastStep() { this(false); }

    /** @param maskZero each column's last step that is not an all-zero row */
    public LastStep(boolean maskZero) { this.maskZero = maskZero; }

    public boolean isMaskZero() { return maskZero; }

    @Override public LastStep clone() { return (LastStep) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor y = input.toTensor(name());
        if (y.dim() != 3 || y.size(0) < 1) throw new IllegalArgumentException(name() + ": expected y [T, B, H] with T >= 1,"
                + " got " + y.shape());
        int t = y.size(0), b = y.size(1), h = y.size(2);
        Tensor last;
        if (maskZero) {
            Tensor keep = Masks.rows(name(), y).view(t, b).to(DType.F64);
            Tensor tt = Tensor.arange(DType.F64, 1, t + 1, 1).to(y.backend()).view(t, 1);
            last = keep.mul(tt).max(0).values().subInPlace(1).clampInPlace(0, t - 1);
        } else {
            last = Tensor.zeros(y.backend(), DType.F64, b).fillInPlace(t - 1);
        }
        index = last.to(DType.I32).view(1, b, 1).expand(1, b, h).contiguous();
        Tensor z = reuse(output, y, b, h);
        y.gather(0, index, z.view(1, b, h));
        return z;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor y = input.toTensor(name()), g = gradOutput.toTensor(name() + " gradOutput");
        if (g.dim() != 2 || g.size(0) != y.size(1) || g.size(1) != y.size(2)) throw new IllegalArgumentException(name()
                + ": expected gradOutput [" + y.size(1) + ", " + y.size(2) + "] for input " + y.shape() + ", got "
                + g.shape());
        Tensor gi = reuse(gradInput, y, y.sizes()).fillInPlace(0);
        return gi.scatterAddInPlace(0, index, g.contiguous().view(1, y.size(1), y.size(2)));
    }

    @Override protected void clearOwnState() { index = null; }

    @Override public String name() { return "LastStep" + (maskZero ? "(maskZero)" : ""); }
}
