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
     * The non-nil words of one sentence (its words at w[base + j·st]), compacted without branches: their weight-row
     * offsets into lw[0..n) (the position table's row for the word's position and the sentence's length; 0, a row of
     * ones, for bags of words) and their indices into word[0..n); returns n. The indices were checked before.
     */
    private static int compact(int[] w, int base, int st, int jn, int d, boolean position, int[] lw, int[] word) {
        int n = 0;
        for (int j = 0; j < jn; j++) {
            int x = w[base + j * st];
            lw[n] = j * d;
            word[n] = x;
            n += (x | -x) >>> 31;                                                           // 1 unless x is nil
        }
        if (!position) java.util.Arrays.fill(lw, 0, n, 0);
        else if (n > 1) for (int q = 0, row = (n - 1) * jn * d; q < n; q++) lw[q] += row;
        return n;
    }

    /** Checks every word index against the vocabulary in one pass (an OR of sign bits); names the first offender. */
    private static void checkWords(String op, int[] w, Tensor words, int vocab) {
        int bn = words.size(0), mn = words.size(1), jn = words.size(2), bad = 0;
        int w0 = words.offset(), ws0 = words.stride(0), ws1 = words.stride(1), ws2 = words.stride(2);
        for (int b = 0; b < bn; b++)
            for (int i = 0; i < mn; i++)
                for (int j = 0, base = w0 + b * ws0 + i * ws1; j < jn; j++) {
                    int x = w[base + j * ws2];
                    bad |= x | (vocab - 1 - x);
                }
        if (bad >= 0) return;
        for (int b = 0; b < bn; b++)
            for (int i = 0; i < mn; i++)
                for (int j = 0; j < jn; j++) {
                    int x = w[w0 + b * ws0 + i * ws1 + j * ws2];
                    if (x < 0 || x >= vocab) throw new IllegalArgumentException(op + ": word index " + x
                            + " out of range [0, " + vocab + ") at words[" + b + ", " + i + ", " + j + "] of "
                            + words.shape() + " (0 is the nil word; use indices below the embedding's " + vocab
                            + " rows)");
                }
    }

    /** Whether every tensor of the list (none null) has unit-stride F32 heap rows; a null list passes. */
    private static boolean rows(java.util.List<Tensor> ts) {
        if (ts == null) return true;
        for (Tensor t : ts) if (t == null || !rows(t)) return false;
        return true;
    }

    private static float[][] arrays(java.util.List<Tensor> ts) {
        if (ts == null) return null;
        float[][] a = new float[ts.size()][];
        for (int i = 0; i < a.length; i++) a[i] = f(ts.get(i));
        return a;
    }

    /** The weights: the position table, or one row of ones (bags of words). */
    private static float[] weights(boolean position, int jn, int d) {
        if (position) return positionTable(jn, d);
        float[] l = new float[d];
        java.util.Arrays.fill(l, 1f);
        return l;
    }

    static boolean encode(Tensor out, Tensor words, java.util.List<Tensor> embs, java.util.List<Tensor> times,
                          boolean position) {
        if (!rows(out) || !rows(embs) || !rows(times) || !words(words)) return false;
        int ne = embs.size(), mn = out.size(2), d = out.size(3), jn = words.size(2), vocab = embs.getFirst().size(0);
        int n = out.size(1) * mn, o0 = out.offset(), os0 = out.stride(0), os1 = out.stride(1), os2 = out.stride(2);
        int w0 = words.offset(), ws0 = words.stride(0), ws1 = words.stride(1), ws2 = words.stride(2);
        float[] o = f(out), l = weights(position, jn, d);
        float[][] e = arrays(embs), t = arrays(times);
        int[] w = ((HeapStorage) words.storage()).ints();
        checkWords("sentenceEncode", w, words, vocab);
        int[] eOff = new int[ne], eStr = new int[ne], tOff = new int[ne], tStr = new int[ne];
        for (int k = 0; k < ne; k++) {
            eOff[k] = embs.get(k).offset();
            eStr[k] = embs.get(k).stride(0);
            if (t != null) { tOff[k] = times.get(k).offset(); tStr[k] = times.get(k).stride(0); }
        }
        Parallel.range(n, Math.max(1, SERIAL_WORK / Math.max(1, ne * jn * d)), (s0, s1) -> {
            int[] lw = new int[jn], word = new int[jn];
            for (int s = s0; s < s1; s++) {
                int b = s / mn, i = s % mn;
                int cnt = compact(w, w0 + b * ws0 + i * ws1, ws2, jn, d, position, lw, word);
                for (int k = 0; k < ne; k++) {
                    float[] ek = e[k], tk = t == null ? null : t[k];
                    int ob = o0 + k * os0 + b * os1 + i * os2, tb = t == null ? 0 : tOff[k] + i * tStr[k];
                    sum(o, ob, d, tk, tb, l, lw, ek, eOff[k], eStr[k], word, cnt);
                }
            }
        });
        return true;
    }

    /**
     * o[ob..ob+d) = t[tb..] (or 0) + Σ_q l[lw[q]..] ⊙ e[eo + word[q]·es..], each element a chain of fmas in q order.
     */
    private static void sum(float[] o, int ob, int d, float[] t, int tb, float[] l, int[] lw, float[] e, int eo, int es,
                            int[] word, int cnt) {
        if (d < L) {
            for (int k = 0; k < d; k++) {
                float acc = t == null ? 0f : t[tb + k];
                for (int q = 0; q < cnt; q++) acc = Math.fma(l[lw[q] + k], e[eo + word[q] * es + k], acc);
                o[ob + k] = acc;
            }
            return;
        }
        for (int k = 0; k < d; k += L) {
            if (k + L > d) k = d - L;          // the last block overlaps the one before: the same values again
            FloatVector acc = t == null ? FloatVector.zero(S) : FloatVector.fromArray(S, t, tb + k);
            for (int q = 0; q < cnt; q++)
                acc = FloatVector.fromArray(S, l, lw[q] + k).fma(FloatVector.fromArray(S, e, eo + word[q] * es + k), acc);
            acc.intoArray(o, ob + k);
        }
    }

    static boolean encodeBackward(java.util.List<Tensor> gradEmbs, java.util.List<Tensor> gradTimes, Tensor words,
                                  Tensor gradOut, boolean position, float scale) {
        if (!rows(gradEmbs) || !rows(gradOut) || !rows(gradTimes) || !words(words)) return false;
        int ne = gradEmbs.size(), bn = gradOut.size(1), mn = gradOut.size(2), d = gradOut.size(3), jn = words.size(2);
        int vocab = gradEmbs.getFirst().size(0), g0 = gradOut.offset(), gs0 = gradOut.stride(0);
        int gs1 = gradOut.stride(1), gs2 = gradOut.stride(2);
        int w0 = words.offset(), ws0 = words.stride(0), ws1 = words.stride(1), ws2 = words.stride(2);
        float[] g = f(gradOut), l = weights(position, jn, d);
        for (int k = 0; k < l.length; k++) l[k] *= scale;                               // the weights times scale
        float[][] ge = arrays(gradEmbs);
        int[] w = ((HeapStorage) words.storage()).ints(), eOff = new int[ne], eStr = new int[ne];
        for (int k = 0; k < ne; k++) { eOff[k] = gradEmbs.get(k).offset(); eStr[k] = gradEmbs.get(k).stride(0); }
        checkWords("sentenceEncodeBackward", w, words, vocab);
        long work = (long) ne * bn * mn * jn * d;
        // threads own whole columns c = e·d + k of the gradients, and each scans every word in (b, i, j) order
        Parallel.range(ne * d, work < SERIAL_WORK ? ne * d : Math.max(1, ne * d / Parallel.threads()), (c0, c1) -> {
            int[] lw = new int[jn], word = new int[jn];
            for (int b = 0; b < bn; b++)
                for (int i = 0; i < mn; i++) {
                    int cnt = compact(w, w0 + b * ws0 + i * ws1, ws2, jn, d, position, lw, word);
                    if (cnt == 0) continue;
                    for (int e = c0 / d; e <= (c1 - 1) / d; e++) {
                        int k0 = Math.max(c0 - e * d, 0), k1 = Math.min(c1 - e * d, d), gb = g0 + e * gs0 + b * gs1 + i * gs2;
                        for (int q = 0; q < cnt; q++)                     // ∂E[x] += (scale · l) ⊙ g, word after word
                            FmaRows.fma(l, lw[q] + k0, g, gb + k0, ge[e], eOff[e] + word[q] * eStr[e] + k0, k1 - k0);
                    }
                }
        });
        if (gradTimes != null)
            for (int e = 0; e < ne; e++) timeBackward(f(gradTimes.get(e)), gradTimes.get(e), g, gradOut.select(0, e), scale);
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
