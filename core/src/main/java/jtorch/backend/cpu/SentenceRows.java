package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * The F32 sentence-encoding kernels ({@link jtorch.backend.Backend#sentenceEncode} and its backward) on heap tensors
 * whose rows (last dimension) have unit stride. Per sentence the non-nil words are compacted without branches, then
 * each block of lanes of the output row is summed in registers over the words (forward), or each word's gradient
 * row gets its term (backward). Every element is a chain of fused multiply-adds in word order, the same in a vector
 * lane as in the scalar tail, and threads split whole sentences (forward) or whole columns (backward), so the bits
 * are the same on every call and with any thread count.
 */
final class SentenceRows {
    private SentenceRows() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Work (multiply-adds) below which a kernel runs on the calling thread alone. */
    static final int SERIAL_WORK = 1 << 15;

    static boolean rows(Tensor t) {
        return t.dtype() == DType.F32 && t.storage() instanceof HeapStorage && t.numel() > 0
                && (t.stride(t.dim() - 1) == 1 || t.size(t.dim() - 1) == 1);
    }

    static float[] f(Tensor t) { return ((HeapStorage) t.storage()).floats(); }

    private static boolean words(Tensor t) { return t.dtype() == DType.I32 && t.storage() instanceof HeapStorage; }

    /** Position-encoding weights l[((len − 1)·J + j)·d + k] for sentences of len = 1..J non-nil words. */
    private static float[] positionTable(int jn, int d) {
        float[] l = new float[jn * jn * d];
        for (int len = 1; len <= jn; len++)
            for (int j = 0; j < jn; j++)
                for (int k = 0; k < d; k++) {
                    float kk = (k + 1) / (float) d, r = (j + 1) / (float) len;
                    l[((len - 1) * jn + j) * d + k] = (1 - kk) - r * (1 - 2 * kk);
                }
        return l;
    }

    /**
     * The non-nil words of sentence (b, i), compacted without branches: their weight-row offsets into lw[0..n) (the
     * position table's row for the word's position and the sentence's length; 0, a row of ones, for bags of words)
     * and their indices into word[0..n); returns n. Checks every index against the vocabulary.
     */
    private static int compact(String op, int[] w, Tensor words, int b, int i, int vocab, int d, boolean position,
                               int[] lw, int[] word) {
        int jn = words.size(2), base = words.offset() + b * words.stride(0) + i * words.stride(1), st = words.stride(2);
        int n = 0;
        for (int j = 0; j < jn; j++) {
            int x = w[base + j * st];
            if ((x | (vocab - 1 - x)) < 0) throw badWord(op, x, vocab, words, b, i, j);
            lw[n] = j * d;
            word[n] = x;
            n += (x | -x) >>> 31;                                                           // 1 unless x is nil
        }
        if (!position) java.util.Arrays.fill(lw, 0, n, 0);
        else if (n > 1) for (int q = 0, row = (n - 1) * jn * d; q < n; q++) lw[q] += row;
        return n;
    }

    private static IllegalArgumentException badWord(String op, int w, int vocab, Tensor words, int b, int i, int j) {
        return new IllegalArgumentException(op + ": word index " + w + " out of range [0, " + vocab + ") at words["
                + b + ", " + i + ", " + j + "] of " + words.shape() + " (0 is the nil word; use indices below the"
                + " embedding's " + vocab + " rows)");
    }

    static boolean encode(Tensor out, Tensor words, Tensor emb, Tensor time, boolean position) {
        if (!rows(out) || !rows(emb) || (time != null && !rows(time)) || !words(words)) return false;
        float[] o = f(out), e = f(emb), t = time == null ? null : f(time);
        int[] w = ((HeapStorage) words.storage()).ints();
        int mn = out.size(1), d = out.size(2), jn = words.size(2), vocab = emb.size(0), n = out.size(0) * mn;
        float[] l = position ? positionTable(jn, d) : new float[d];            // bags of words: weights 1 (below)
        if (!position) java.util.Arrays.fill(l, 1f);
        Parallel.range(n, Math.max(1, SERIAL_WORK / Math.max(1, jn * d)), (s0, s1) -> {
            int[] lw = new int[jn], word = new int[jn];
            for (int s = s0; s < s1; s++) {
                int b = s / mn, i = s % mn;
                int ob = out.offset() + b * out.stride(0) + i * out.stride(1);
                int tb = t == null ? 0 : time.offset() + i * time.stride(0);
                int cnt = compact("sentenceEncode", w, words, b, i, vocab, d, position, lw, word);
                for (int q = 0; q < cnt; q++) word[q] = emb.offset() + word[q] * emb.stride(0);
                if (d < L) {
                    for (int k = 0; k < d; k++) {
                        float acc = t == null ? 0f : t[tb + k];
                        for (int q = 0; q < cnt; q++) acc = Math.fma(l[lw[q] + k], e[word[q] + k], acc);
                        o[ob + k] = acc;
                    }
                    continue;
                }
                for (int k = 0; k < d; k += L) {
                    if (k + L > d) k = d - L;      // the last block overlaps the one before: the same values again
                    FloatVector acc = t == null ? FloatVector.zero(S) : FloatVector.fromArray(S, t, tb + k);
                    for (int q = 0; q < cnt; q++)
                        acc = FloatVector.fromArray(S, l, lw[q] + k).fma(FloatVector.fromArray(S, e, word[q] + k), acc);
                    acc.intoArray(o, ob + k);
                }
            }
        });
        return true;
    }

    static boolean encodeBackward(Tensor gradEmb, Tensor gradTime, Tensor words, Tensor gradOut, boolean position,
                                  float scale) {
        if (!rows(gradEmb) || !rows(gradOut) || (gradTime != null && !rows(gradTime)) || !words(words)) return false;
        float[] ge = f(gradEmb), g = f(gradOut);
        int[] w = ((HeapStorage) words.storage()).ints();
        int bn = gradOut.size(0), mn = gradOut.size(1), d = gradOut.size(2), jn = words.size(2), vocab = gradEmb.size(0);
        float[] l = position ? positionTable(jn, d) : new float[d];
        if (!position) java.util.Arrays.fill(l, 1f);
        long work = (long) bn * mn * jn * d;
        // threads own whole columns [k0, k1) of the gradient, and each scans every word in (b, i, j) order
        Parallel.range(d, work < SERIAL_WORK ? d : Math.max(1, d / Parallel.threads()), (k0, k1) -> {
            int[] lw = new int[jn], word = new int[jn];
            FloatVector sv = FloatVector.broadcast(S, scale);
            for (int b = 0; b < bn; b++)
                for (int i = 0; i < mn; i++) {
                    int gb = gradOut.offset() + b * gradOut.stride(0) + i * gradOut.stride(1);
                    int cnt = compact("sentenceEncodeBackward", w, words, b, i, vocab, d, position, lw, word);
                    for (int q = 0; q < cnt; q++) word[q] = gradEmb.offset() + word[q] * gradEmb.stride(0);
                    for (int q = 0; q < cnt; q++) {                     // ∂E[x] += (scale · l) ⊙ g, word after word
                        int r = word[q], lq = lw[q], k = k0;
                        for (; k + L <= k1; k += L) {
                            FloatVector lv = FloatVector.fromArray(S, l, lq + k).mul(sv);
                            lv.fma(FloatVector.fromArray(S, g, gb + k), FloatVector.fromArray(S, ge, r + k)).intoArray(ge, r + k);
                        }
                        for (; k < k1; k++) ge[r + k] = Math.fma(scale * l[lq + k], g[gb + k], ge[r + k]);
                    }
                }
        });
        if (gradTime != null) timeBackward(f(gradTime), gradTime, g, gradOut, scale);
        return true;
    }

    /** gradTime[i] += scale · Σ_b gradOut[b, i], each sum in b order; threads split whole rows i. */
    private static void timeBackward(float[] gt, Tensor gradTime, float[] g, Tensor gradOut, float scale) {
        int bn = gradOut.size(0), mn = gradOut.size(1), d = gradOut.size(2);
        Parallel.range(mn, Math.max(1, SERIAL_WORK / Math.max(1, bn * d)), (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                int tb = gradTime.offset() + i * gradTime.stride(0), g0 = gradOut.offset() + i * gradOut.stride(1);
                int k = 0;
                for (; k + L <= d; k += L) {
                    FloatVector acc = FloatVector.zero(S);
                    for (int b = 0; b < bn; b++) acc = acc.add(FloatVector.fromArray(S, g, g0 + b * gradOut.stride(0) + k));
                    FloatVector.broadcast(S, scale).fma(acc, FloatVector.fromArray(S, gt, tb + k)).intoArray(gt, tb + k);
                }
                for (; k < d; k++) {
                    float acc = 0f;
                    for (int b = 0; b < bn; b++) acc += g[g0 + b * gradOut.stride(0) + k];
                    gt[tb + k] = Math.fma(scale, acc, gt[tb + k]);
                }
            }
        });
    }
}
