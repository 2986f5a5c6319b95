/**
 * Recurrent networks (issue 11). Conventions, fixed here once for every module of the package:
 * <ul>
 * <li>Sequences are [T, B, F]: time first, batch second, features last (DESIGN.md). One time step is [B, F].</li>
 * <li>Token inputs are [T, B] (or any shape) of I32 class indices in [0, nIndex); {@link jtorch.nn.rnn.LookupTable}
 *     turns them into [T, B, nOutput]. A wrong dtype or an index out of range is an IllegalArgumentException naming
 *     the module, the value and the range.</li>
 * <li>Cells ({@link jtorch.nn.rnn.RNNCell}, {@link jtorch.nn.rnn.LSTMCell}, {@link jtorch.nn.rnn.GRUCell}) do one
 *     step with explicit state: input a table {x [B, I], h [B, H]} ({x, h, c} for the LSTM), output h' [B, H]
 *     (the table {h', c'} for the LSTM); gradInput has the input's structure.</li>
 * <li>Parameters use PyTorch's names and layout ({@code weight_ih} [G·H, I], {@code weight_hh} [G·H, H],
 *     {@code bias_ih}, {@code bias_hh} [G·H]; gate order i, f, g, o for the LSTM, r, z, n for the GRU), so a PyTorch
 *     {@code state_dict} loads one-to-one with {@link jtorch.nn.Module#loadStateDict}.</li>
 * <li>Fused whole-sequence modules ({@link jtorch.nn.rnn.LSTM}, {@link jtorch.nn.rnn.GRU}, {@link jtorch.nn.rnn.RNN}):
 *     x [T, B, I] → y [T, B, D·H], or {x, h0 [L·D, B, H](, c0)} → {y, hN(, cN)}; PyTorch's {@code weight_ih_l0} ...
 *     {@code bias_hh_l1_reverse} parameters; an all-zero input row is padding when {@code maskZero(true)}
 *     ({@link jtorch.nn.rnn.FusedRecurrent}).</li>
 * <li>Sequence machinery: {@link jtorch.nn.rnn.Sequencer} (any module on every step), {@link jtorch.nn.rnn.Recurrence}
 *     (a step module with explicit state unrolled over time, BPTT, truncated BPTT with {@code rememberState}),
 *     {@link jtorch.nn.rnn.BiSequencer}, {@link jtorch.nn.rnn.ReverseSequence}, {@link jtorch.nn.rnn.MaskZero},
 *     {@link jtorch.nn.rnn.LastStep}, {@link jtorch.nn.rnn.PaddedSequences}; criteria
 *     {@link jtorch.nn.rnn.SequencerCriterion}, {@link jtorch.nn.rnn.MaskedNLLCriterion}. Padding: an all-zero row
 *     x[t, b, :] is a padded step (zero output, no gradient, state unchanged where the module has state).</li>
 * </ul>
 */
package jtorch.nn.rnn;
