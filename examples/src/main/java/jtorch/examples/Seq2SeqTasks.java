package jtorch.examples;

import java.util.Arrays;
import java.util.SplittableRandom;
import jtorch.tensor.Tensor;

/**
 * The generated sequence-to-sequence tasks over digit strings. Tokens: digits 0–9 are 0–9, '+' is 10, EOS (output
 * only) is 11, GO (decoder input only) is 11 as a decoder input (the decoder's vocabulary is the source's plus one).
 * <ul>
 *   <li>{@code reverse}: n random digits → the same digits reversed (3 1 4 → 4 1 3).</li>
 *   <li>{@code sort}: n random digits → the same digits in ascending order.</li>
 *   <li>{@code add}: a + b, each of n random digits (leading zeros allowed), written "a+b" (2n + 1 tokens) → the sum
 *       as exactly n + 1 digits, least significant first (a final 0 when there is no carry out): 12+39 → 1 5 0. It
 *       needs two aligned positions per step and a carry: not learnt by {@link Seq2SeqModel} (no input feeding, so
 *       the carry cannot pass), learnt by {@link Seq2SeqFeedModel} (see {@link Seq2SeqAttention}).</li>
 * </ul>
 * Every target is followed by EOS; a batch holds examples of one n only, so no padding is needed.
 */
enum Seq2SeqTasks {
    REVERSE, SORT, ADD;

    static final int PLUS = 10, EOS = 11, SOURCE_VOCAB = 11, OUTPUTS = 12, GO = 11;

    /** One example of size n: {source, target} (target without EOS). */
    int[][] example(int n, SplittableRandom r) {
        if (this == ADD) {
            int[] src = new int[2 * n + 1], tgt = new int[n + 1];
            for (int i = 0; i < 2 * n + 1; i++) src[i] = i == n ? PLUS : r.nextInt(10);
            int carry = 0;
            for (int i = n - 1; i >= 0; i--) {
                int s = src[i] + src[n + 1 + i] + carry;
                tgt[n - 1 - i] = s % 10;
                carry = s / 10;
            }
            tgt[n] = carry;
            return new int[][] {src, tgt};
        }
        int[] src = new int[n];
        for (int i = 0; i < n; i++) src[i] = r.nextInt(10);
        int[] tgt = new int[n];
        if (this == REVERSE) for (int i = 0; i < n; i++) tgt[i] = src[n - 1 - i];
        else {
            tgt = src.clone();
            Arrays.sort(tgt);
        }
        return new int[][] {src, tgt};
    }

    /**
     * A batch of b examples of size n: {source [Ts, B], decoder input [Tt, B] (GO, y_1 .. y_{Tt-1}), target [Tt·B]
     * (y_1 .. y_{Tt-1}, EOS; row t·B + b)}, all I32; Tt = target length + 1.
     */
    Tensor[] batch(int n, int b, SplittableRandom r) {
        int[][][] ex = new int[b][][];
        for (int i = 0; i < b; i++) ex[i] = example(n, r);
        int ts = ex[0][0].length, tt = ex[0][1].length + 1;
        int[] s = new int[ts * b], d = new int[tt * b], y = new int[tt * b];
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < ts; t++) s[t * b + i] = ex[i][0][t];
            for (int t = 0; t < tt; t++) {
                d[t * b + i] = t == 0 ? GO : ex[i][1][t - 1];
                y[t * b + i] = t == tt - 1 ? EOS : ex[i][1][t];
            }
        }
        return new Tensor[] {Tensor.of(s, ts, b), Tensor.of(d, tt, b), Tensor.of(y, tt * b)};
    }
}
