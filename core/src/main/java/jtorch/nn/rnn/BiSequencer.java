package jtorch.nn.rnn;

import jtorch.nn.Container;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * A bidirectional sequence module (Torch7 rnn's {@code nn.BiSequencer}): a forward module f reads x in time order, a
 * backward module g reads it reversed, and their outputs are joined on the feature dimension:
 * <pre>
 * y = [ f(x) , rev(g(rev(x))) ]      x [T, B, F] -&gt; y [T, B, H_f + H_g]
 * </pre>
 * f and g are whole-sequence modules [T, B, F] -&gt; [T, B, H] (a {@link Recurrence}, a {@link Sequencer}, a fused
 * LSTM/GRU/RNN). rev is {@link ReverseSequence}; with {@code maskZero} it reverses each sequence within its length
 * (lengths from x's all-zero rows, the same permutation on both sides), so g starts at every sequence's last real step
 * even when g itself does not mask. Rows at padded steps then hold whatever f and g give there: zero when they mask
 * (e.g. {@code Recurrence.maskZero(true)}).
 * <p>Backward: ∂L/∂x = f'ᵀ(∂y_f) + rev(g'ᵀ(rev(∂y_g))).
 */
public class BiSequencer extends Container implements TensorModule {
    public static final ModuleType<BiSequencer> TYPE = ModuleType.container("BiSequencer", BiSequencer.class,
            m -> ModuleArgs.of("maskZero", m.maskZero),
            (a, children) -> new BiSequencer(children.get(0), children.get(1), a.bool("maskZero")));
    private final boolean maskZero;
    private Tensor index, xRev, yBack, gForward, gBack, dxBack;

    /** Plain reversal of the time dimension. */
    public BiSequencer(Module forward, Module backward) { this(forward, backward, false); }

    /** @param maskZero reverse each sequence within its length (see the class comment) */
    public BiSequencer(Module forward, Module backward, boolean maskZero) {
        super.add(forward);
        super.add(backward);
        this.maskZero = maskZero;
    }

    @Override public BiSequencer add(Module m) {
        throw new IllegalArgumentException(name() + ": the forward and backward modules are given to the constructor");
    }

    public Module forwardModule() { return modules.get(0); }

    public Module backwardModule() { return modules.get(1); }

    public boolean isMaskZero() { return maskZero; }

    @Override public BiSequencer clone() { return (BiSequencer) super.clone(); }

    private Tensor seq(Activity a, String what, int t, int b) {
        Tensor s = a.toTensor(name() + " " + what);
        if (s.dim() != 3 || s.size(0) != t || s.size(1) != b) throw new IllegalArgumentException(name() + ": " + what
                + " must be [" + t + ", " + b + ", H], got " + s.shape());
        return s;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 3) throw new IllegalArgumentException(name() + ": expected x [T, B, F], got " + x.shape());
        int t = x.size(0), b = x.size(1);
        index = ReverseSequence.index(name(), x, maskZero);
        Tensor yf = seq(forwardChild(0, x), "forward module's output", t, b);
        xRev = ReverseSequence.apply(x, index, xRev);
        yBack = ReverseSequence.apply(seq(forwardChild(1, xRev), "backward module's output", t, b), index, yBack);
        int hf = yf.size(2), hb = yBack.size(2);
        Tensor y = reuse(output, yf, t, b, hf + hb);
        y.narrow(2, 0, hf).copy(yf);
        y.narrow(2, hf, hb).copy(yBack);
        return y;
    }

    /** Splits gradOutput into the forward module's part and the backward module's part (reversed back). */
    private void split(Activity gradOutput) {
        requireForward("backward");
        Tensor y = (Tensor) output, g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(y)) throw new IllegalArgumentException(name() + ": gradOutput " + g.shape() + " for output "
                + y.shape());
        int hb = yBack.size(2), hf = y.size(2) - hb;
        gForward = reuse(gForward, g, y.size(0), y.size(1), hf).copy(g.narrow(2, 0, hf));
        gBack = ReverseSequence.apply(g.narrow(2, hf, hb), index, gBack);
    }

    private Tensor join(Tensor x, Activity dxf, Activity dxr) {
        if (dxf == null || dxr == null) return null;
        dxBack = ReverseSequence.apply(dxr.toTensor(name() + " backward module's gradInput"), index, dxBack);
        return reuse(gradInput, x, x.sizes()).copy(dxf.toTensor(name() + " forward module's gradInput"))
                .addInPlace(dxBack);
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        split(gradOutput);
        Tensor x = input.toTensor(name());
        return join(x, gradInputChild(0, x, gForward), gradInputChild(1, xRev, gBack));
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        split(gradOutput);
        accGradChild(0, input, gForward, scale, false);
        accGradChild(1, xRev, gBack, scale, false);
    }

    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        split(gradOutput);
        Tensor x = input.toTensor(name());
        gradInput = join(x, backwardChild(0, x, gForward, scale), backwardChild(1, xRev, gBack, scale));
        return gradInput;
    }

    @Override protected void clearOwnState() { index = xRev = yBack = gForward = gBack = dxBack = null; }

    @Override public String name() { return "BiSequencer" + (maskZero ? "(maskZero)" : ""); }
}
