package jtorch.backend.ref;

import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * The reference memory-network kernels (the oracle of the cpu ones): {@link jtorch.backend.Backend#sentenceEncode},
 * {@link jtorch.backend.Backend#memoryRead} and their backward kernels in double, any strides and dtypes. Scratch
 * is one row of M doubles per call (nothing proportional to the batch).
 */
final class RefMemory {
    private RefMemory() {}

    private static int ix(Tensor t, int a, int b) { return t.offset() + a * t.stride(0) + b * t.stride(1); }

    private static int ix(Tensor t, int a, int b, int c) { return ix(t, a, b) + c * t.stride(2); }

    /** Number of non-nil words of sentence (b, i), at least 1. */
    private static int length(HeapStorage w, Tensor words, int b, int i) {
        int n = 0;
        for (int j = 0, jn = words.size(2); j < jn; j++) if ((int) w.get(ix(words, b, i, j)) != 0) n++;
        return Math.max(n, 1);
    }

    /** words[b, i, j], checked against the vocabulary (0 is the nil word). */
    private static int word(String op, HeapStorage hw, Tensor words, int b, int i, int j, int vocab) {
        int w = (int) hw.get(ix(words, b, i, j));
        if (w < 0 || w >= vocab) throw new IllegalArgumentException(op + ": word index " + w + " out of range [0, "
                + vocab + ") at words[" + b + ", " + i + ", " + j + "] of " + words.shape() + " (0 is the nil word; use"
                + " indices below the embedding's " + vocab + " rows)");
        return w;
    }

    /** The weight of component k (0-based) of the word at position j (0-based) in a sentence of len words. */
    static double weight(boolean position, int j, int len, int k, int d) {
        if (!position) return 1;
        double kk = (k + 1) / (double) d, r = (j + 1) / (double) len;
        return (1 - kk) - r * (1 - 2 * kk);
    }

    static void encode(Tensor out, Tensor words, Tensor emb, Tensor time, boolean position) {
        HeapStorage ho = RefBackend.h(out), hw = RefBackend.h(words), he = RefBackend.h(emb);
        HeapStorage ht = time == null ? null : RefBackend.h(time);
        int bn = out.size(0), mn = out.size(1), d = out.size(2), jn = words.size(2);
        double[] acc = new double[d];
        for (int b = 0; b < bn; b++)
            for (int i = 0; i < mn; i++) {
                int len = length(hw, words, b, i);
                for (int k = 0; k < d; k++) acc[k] = ht == null ? 0 : ht.get(ix(time, i, k));
                for (int j = 0; j < jn; j++) {
                    int w = word("sentenceEncode", hw, words, b, i, j, emb.size(0));
                    if (w == 0) continue;
                    for (int k = 0; k < d; k++) acc[k] += weight(position, j, len, k, d) * he.get(ix(emb, w, k));
                }
                for (int k = 0; k < d; k++) ho.set(ix(out, b, i, k), acc[k]);
            }
    }

    static void encodeBackward(Tensor gradEmb, Tensor gradTime, Tensor words, Tensor gradOut, boolean position,
                               double scale) {
        HeapStorage hg = RefBackend.h(gradEmb), hw = RefBackend.h(words), go = RefBackend.h(gradOut);
        int bn = gradOut.size(0), mn = gradOut.size(1), d = gradOut.size(2), jn = words.size(2);
        for (int b = 0; b < bn; b++)
            for (int i = 0; i < mn; i++) {
                int len = length(hw, words, b, i);
                for (int j = 0; j < jn; j++) {
                    int w = word("sentenceEncodeBackward", hw, words, b, i, j, gradEmb.size(0));
                    if (w == 0) continue;
                    for (int k = 0; k < d; k++) {
                        int e = ix(gradEmb, w, k);
                        hg.set(e, hg.get(e) + scale * weight(position, j, len, k, d) * go.get(ix(gradOut, b, i, k)));
                    }
                }
            }
        if (gradTime == null) return;
        HeapStorage ht = RefBackend.h(gradTime);
        for (int i = 0; i < mn; i++)
            for (int k = 0; k < d; k++) {
                double s = 0;
                for (int b = 0; b < bn; b++) s += go.get(ix(gradOut, b, i, k));
                int t = ix(gradTime, i, k);
                ht.set(t, ht.get(t) + scale * s);
            }
    }

    static void read(Tensor p, Tensor o, Tensor m, Tensor c, Tensor u, boolean softmax) {
        HeapStorage hp = RefBackend.h(p), ho = RefBackend.h(o), hm = RefBackend.h(m), hc = RefBackend.h(c);
        HeapStorage hu = RefBackend.h(u);
        int bn = m.size(0), mn = m.size(1), d = m.size(2);
        double[] s = new double[mn];
        for (int b = 0; b < bn; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < mn; i++) {
                double v = 0;
                for (int k = 0; k < d; k++) v += hm.get(ix(m, b, i, k)) * hu.get(ix(u, b, k));
                s[i] = v;
                max = Math.max(max, v);
            }
            if (softmax) {
                double sum = 0;
                for (int i = 0; i < mn; i++) sum += s[i] = Math.exp(s[i] - max);
                for (int i = 0; i < mn; i++) s[i] /= sum;
            }
            for (int i = 0; i < mn; i++) hp.set(ix(p, b, i), s[i]);
            for (int k = 0; k < d; k++) {
                double v = 0;
                for (int i = 0; i < mn; i++) v += s[i] * hc.get(ix(c, b, i, k));
                ho.set(ix(o, b, k), v);
            }
        }
    }

    static void readBackward(Tensor gm, Tensor gc, Tensor gu, Tensor g, Tensor p, Tensor m, Tensor c, Tensor u,
                             boolean softmax) {
        HeapStorage hgm = RefBackend.h(gm), hgc = RefBackend.h(gc), hgu = RefBackend.h(gu), hg = RefBackend.h(g);
        HeapStorage hp = RefBackend.h(p), hm = RefBackend.h(m), hc = RefBackend.h(c), hu = RefBackend.h(u);
        int bn = m.size(0), mn = m.size(1), d = m.size(2);
        double[] gs = new double[mn];
        for (int b = 0; b < bn; b++) {
            double dot = 0;
            for (int i = 0; i < mn; i++) {
                double pi = hp.get(ix(p, b, i)), v = 0;
                for (int k = 0; k < d; k++) {
                    double gk = hg.get(ix(g, b, k));
                    v += hc.get(ix(c, b, i, k)) * gk;
                    int e = ix(gc, b, i, k);
                    hgc.set(e, hgc.get(e) + pi * gk);
                }
                gs[i] = v;
                dot += pi * v;
            }
            if (softmax) for (int i = 0; i < mn; i++) gs[i] = hp.get(ix(p, b, i)) * (gs[i] - dot);
            for (int i = 0; i < mn; i++)
                for (int k = 0; k < d; k++) {
                    int e = ix(gm, b, i, k);
                    hgm.set(e, hgm.get(e) + gs[i] * hu.get(ix(u, b, k)));
                }
            for (int k = 0; k < d; k++) {
                double v = 0;
                for (int i = 0; i < mn; i++) v += gs[i] * hm.get(ix(m, b, i, k));
                hgu.set(ix(gu, b, k), v);
            }
        }
    }
}
