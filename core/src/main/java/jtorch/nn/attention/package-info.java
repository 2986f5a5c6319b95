/**
 * Attention and the Transformer (issue 12). Sequences are [T, B, F], time first (PyTorch's batch_first=False); key
 * padding masks are [B, Tk] of any dtype, nonzero = padded (ignored), as PyTorch's {@code key_padding_mask};
 * causal masking (key j hidden from query i when j &gt; i) is a constructor flag. Masked scores get -∞ before the
 * softmax, so a query whose keys are all masked gives NaN, as in PyTorch.
 * <ul>
 *   <li>{@link jtorch.nn.attention.DotProductAttention} (scaled or not) and {@link jtorch.nn.attention.AdditiveAttention}
 *       (Bahdanau): {q, k, v[, mask]} to the table {context [Tq, B, Dv], weights [B, Tq, Tk]}.</li>
 *   <li>{@link jtorch.nn.attention.MultiHeadAttention}: PyTorch's {@code nn.MultiheadAttention} parameter layout
 *       ({@code in_proj_weight} [3E, E], {@code in_proj_bias}, {@code out_proj_weight}, {@code out_proj_bias});
 *       weights per head through {@code attentionWeights()}.</li>
 *   <li>{@link jtorch.nn.attention.TransformerEncoderLayer}, {@link jtorch.nn.attention.TransformerDecoderLayer}:
 *       post- or pre-norm, dropout, ReLU or GELU; {@link jtorch.nn.attention.TorchNames} maps PyTorch state_dict keys
 *       to their parameter names.</li>
 *   <li>{@link jtorch.nn.attention.SinusoidalPositionalEncoding}, {@link jtorch.nn.attention.LearnedPositionalEncoding}:
 *       y = x + PE[t].</li>
 * </ul>
 */
package jtorch.nn.attention;
