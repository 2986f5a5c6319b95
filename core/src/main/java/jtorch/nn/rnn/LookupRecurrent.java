package jtorch.nn.rnn;

import jtorch.nn.Container;
import jtorch.nn.Module;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;

/**
 * {@code Sequential(encoder, rnn)} for tokens, fused: an encoder ({@link LookupTable} or {@link OneHot}, table
 * E [V, I]) feeding a fused recurrent module ({@link LSTM}, {@link GRU}, {@link RNN}) with input size I. Same outputs,
 * parameters (names {@code 0.weight}, {@code 1.weight_ih_l0}, …) and gradients as the Sequential (for a table input,
 * as the encoder applied to the tokens alone), up to the order of floating-point sums, but layer 0's input projection is computed per vocabulary entry instead of per step
 * ({@link TokenInput}: x_t · W_ihᵀ = (E · W_ihᵀ)[tok_t]), which saves three T·B × I × G·H products a step whenever
 * V is well below T·B (char-level models).
 * <p>Input tokens I32 [T, B], or the table {tokens, h0(, c0)} [L·D, B, H]; output y [T, B, D·H], or {y, hN(, cN)}.
 * The tokens get no gradient (a zero I32 tensor of their shape, as the encoder's own). The encoder's forward is not run
 * (its {@code output()} stays null); its gradient ∂E is accumulated by the recurrent module's backward.
 */
public class LookupRecurrent extends Container {
    public static final ModuleType<LookupRecurrent> TYPE = ModuleType.container("LookupRecurrent", LookupRecurrent.class,
            m -> java.util.Map.of(), (a, children) -> {
                if (children.size() != 2 || !(children.get(1) instanceof FusedRecurrent r))
                    throw new IllegalArgumentException("LookupRecurrent: expected 2 children (encoder, fused rnn), got "
                            + children);
                return new LookupRecurrent(children.get(0), r);
            });
    private TokenInput link;

    /** @param encoder a LookupTable or OneHot whose output width is {@code rnn.inputSize()} */
    public LookupRecurrent(Module encoder, FusedRecurrent rnn) {
        link = new TokenInput(encoder);
        if (link.width() != rnn.inputSize()) throw new IllegalArgumentException("LookupRecurrent: " + encoder.name()
                + " gives vectors of " + link.width() + ", " + rnn.name() + " reads " + rnn.inputSize()
                + " (make the embedding width the rnn's input size)");
        super.add(encoder);
        super.add(rnn);
    }

    @Override public LookupRecurrent add(Module m) {
        throw new UnsupportedOperationException(name() + ": has exactly two children (encoder, rnn); wrap it in a "
                + "Sequential to add more");
    }

    /** The encoder (child 0). */
    public Module encoder() { return get(0); }
    /** The recurrent module (child 1). */
    public FusedRecurrent rnn() { return (FusedRecurrent) get(1); }

    @Override public LookupRecurrent clone() { return (LookupRecurrent) super.clone(); }

    @Override protected void copyChildren(boolean shareWeights, boolean shareGradients) {
        super.copyChildren(shareWeights, shareGradients);
        link = new TokenInput(get(0));
    }

    @Override public Activity updateOutput(Activity input) {
        return rnn().viaTokens(link, () -> forwardChild(1, input));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        return rnn().viaTokens(link, () -> gradInputChild(1, input, gradOutput));
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        rnn().viaTokens(link, () -> {
            accGradChild(1, input, gradOutput, scale, false);
            return null;
        });
    }
}
