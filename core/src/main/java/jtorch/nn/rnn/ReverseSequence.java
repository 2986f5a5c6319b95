package jtorch.nn.rnn;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * Reverses the time dimension (Torch7 rnn's {@code nn.SeqReverseSequence}): y[t] = x[T-1-t] for x [T, B, ...] (any
 * dtype, e.g. I32 tokens [T, B]).
 * <p>With {@code maskZero}, each sequence is reversed within its own length and the padding stays at the end: for
 * x [T, B, F] whose rows x[t, b, :] at t ≥ L_b are all zero (right padding), with L_b = 1 + the last t whose row is
 * not all zero, y[t, b] = x[L_b - 1 - t, b] for t &lt; L_b and y[t, b] = x[t, b] (zero) after. So a module that reads
 * y from t = 0 sees every sequence's last real step first. Zero rows inside a sequence count as part of it.
 * <p>Both maps are permutations that are their own inverse: ∂L/∂x is ∂L/∂y reversed the same way.
 */
public class ReverseSequence extends Module implements TensorModule {
    public static final ModuleType<ReverseSequence> TYPE = ModuleType.of("ReverseSequence", ReverseSequence.class,
            m -> ModuleArgs.of("maskZero", m.maskZero), a -> new ReverseSequence(a.bool("maskZero")));
    private final boolean maskZero;
    private Tensor index; // the permutation of the last forward: [T] or [T, B] I32

    /** Reverses the whole time dimension. */
    public ReverseSequence() { this(false); }

    /** @param maskZero reverse each sequence within its length (padding stays at the end), see the class comment */
    public ReverseSequence(boolean maskZero) { this.maskZero = maskZero; }

    public boolean isMaskZero() { return maskZero; }

    @Override public ReverseSequence clone() { return (ReverseSequence) super.clone(); }

    /**
     * The permutation for x: I32 [T] (plain) or [T, B] (within each length), such that y = x permuted along dim 0.
     */
    static Tensor index(String who, Tensor x, boolean withinLengths) {
        if (x.dim() < 1 || x.size(0) < 1) throw new IllegalArgumentException(who + ": expected x [T, B, ...] with T >= 1,"
                + " got " + x.shape());
        int t = x.size(0);
        if (!withinLengths) return Tensor.arange(DType.I32, t - 1, -1, -1).to(x.backend());
        if (x.dim() != 3) throw new IllegalArgumentException(who + ": with maskZero expected x [T, B, F] whose all-zero "
                + "rows are padding, got " + x.shape());
        int b = x.size(1);
        Tensor keep = Masks.rows(who, x).view(t, b).to(DType.F64);
        Tensor tt = Tensor.arange(DType.F64, 0, t, 1).to(x.backend()).view(t, 1);
        Tensor len = keep.mul(tt.add(1)).max(0).values().view(1, b);
        Tensor rev = len.sub(tt).subInPlace(1);
        return Tensor.where(tt.lt(len), rev, tt.expand(t, b)).to(DType.I32);
    }

    /** src permuted along dim 0 by {@code index} ([T] or [T, B]), into {@code out} (reused when it fits). */
    static Tensor apply(Tensor src, Tensor index, Activity out) {
        Tensor y = reuse(out, src, src.sizes());
        if (index.dim() == 1) return y.copy(src.indexSelect(0, index));
        int[] v = new int[src.dim()];
        java.util.Arrays.fill(v, 1);
        v[0] = src.size(0);
        v[1] = src.size(1);
        return src.gather(0, index.view(v).expand(src.sizes()).contiguous(), y);
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        index = index(name(), x, maskZero);
        return apply(x, index, output);
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name()), g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": gradOutput " + g.shape() + " for input "
                + x.shape());
        return apply(g, index, gradInput);
    }

    @Override protected void clearOwnState() { index = null; }

    @Override public String name() { return "ReverseSequence" + (maskZero ? "(maskZero)" : ""); }
}
