package jtorch.examples;

import jtorch.nn.Sequential;
import jtorch.tensor.Tensor;

/** What {@link Seq2SeqAttention} trains and decodes: {@link Seq2SeqModel} or {@link Seq2SeqFeedModel}. */
interface Seq2SeqNet {
    /** The logits [Tt·B, V_out] (row t·B + b) for source s [Ts, B] and decoder input d [Tt, B] (both I32). */
    Tensor forward(Tensor s, Tensor d);

    /** Back-propagates ∂loss/∂logits [Tt·B, V_out] of the last forward into every parameter's gradient. */
    void backward(Tensor gradLogits);

    /** The attention weights [B, Tt, Ts] of the last forward. */
    Tensor weights();

    /** Every module once, for the flat parameters (never run as a whole). */
    Sequential all();
}
