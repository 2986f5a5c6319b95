package jtorch.backend.cpu;

import static jtorch.backend.cpu.SentenceRows.f;
import static jtorch.backend.cpu.SentenceRows.rows;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * The F32 memory-read kernels of a memory network hop ({@link jtorch.backend.Backend#memoryRead} and its backward)
 * on heap tensors whose rows have unit stride: one pass per batch row, whose M × d memories stay in L1. The scores
 * are dot products four rows at a time, each summed in index order; exp is {@link ScalarMath#exp}; the weighted sums
 * over the slots are fused multiply-adds in slot order, the same in a vector lane as in the scalar tail. Threads split
 * whole batch rows, so the bits are the same on every call and with any thread count.
 */
final class MemoryReadRows {
    private MemoryReadRows() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** s[i] = a_i · v for the rows a_i at ab + i·as (i in [0, n), length d), four rows at a time, each in index order. */
    private static void dots(float[] a, int ab, int as, float[] v, int vb, int n, int d, float[] s) {
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int r0 = ab + i * as, r1 = r0 + as, r2 = r1 + as, r3 = r2 + as;
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int k = 0; k < d; k++) {
                float x = v[vb + k];
                s0 = Math.fma(a[r0 + k], x, s0);
                s1 = Math.fma(a[r1 + k], x, s1);
                s2 = Math.fma(a[r2 + k], x, s2);
                s3 = Math.fma(a[r3 + k], x, s3);
            }
            s[i] = s0; s[i + 1] = s1; s[i + 2] = s2; s[i + 3] = s3;
        }
        for (; i < n; i++) {
            int r = ab + i * as;
            float s0 = 0;
            for (int k = 0; k < d; k++) s0 = Math.fma(a[r + k], v[vb + k], s0);
            s[i] = s0;
        }
    }

    /** out[ob..ob+d) = Σ_i w[i] · a_i (rows a_i at ab + i·as), each element a chain of fused multiply-adds in i order. */
    private static void weightedSum(float[] w, float[] a, int ab, int as, int n, int d, float[] out, int ob) {
        if (d < L) {
            for (int k = 0; k < d; k++) {
                float acc = 0f;
                for (int i = 0; i < n; i++) acc = Math.fma(w[i], a[ab + i * as + k], acc);
                out[ob + k] = acc;
            }
            return;
        }
        for (int k = 0; k < d; k += L) {
            if (k + L > d) k = d - L;          // the last block overlaps the one before: the same values again
            FloatVector acc = FloatVector.zero(S);
            for (int i = 0; i < n; i++) acc = FloatVector.broadcast(S, w[i]).fma(FloatVector.fromArray(S, a, ab + i * as + k), acc);
            acc.intoArray(out, ob + k);
        }
    }

    private static boolean accepts(Tensor p, Tensor m, Tensor c, Tensor u, Tensor o) {
        return p.dtype() == DType.F32 && p.storage() instanceof HeapStorage && rows(m) && rows(c) && rows(u) && rows(o);
    }

    static boolean read(Tensor p, Tensor o, Tensor m, Tensor c, Tensor u, boolean softmax) {
        if (!accepts(p, m, c, u, o)) return false;
        float[] hp = f(p), ho = f(o), hm = f(m), hc = f(c), hu = f(u);
        int bn = m.size(0), mn = m.size(1), d = m.size(2);
        Parallel.range(bn, Math.max(1, SentenceRows.SERIAL_WORK / Math.max(1, 2 * mn * d)), (b0, b1) -> {
            float[] s = new float[mn];
            for (int b = b0; b < b1; b++) {
                dots(hm, m.offset() + b * m.stride(0), m.stride(1), hu, u.offset() + b * u.stride(0), mn, d, s);
                if (softmax) {
                    float max = Float.NEGATIVE_INFINITY, sum = 0;
                    for (int i = 0; i < mn; i++) max = Math.max(max, s[i]);
                    for (int i = 0; i < mn; i++) sum += s[i] = ScalarMath.exp(s[i] - max);
                    for (int i = 0; i < mn; i++) s[i] /= sum;
                }
                int pb = p.offset() + b * p.stride(0);
                for (int i = 0; i < mn; i++) hp[pb + i * p.stride(1)] = s[i];
                weightedSum(s, hc, c.offset() + b * c.stride(0), c.stride(1), mn, d, ho, o.offset() + b * o.stride(0));
            }
        });
        return true;
    }

    static boolean readBackward(Tensor gm, Tensor gc, Tensor gu, Tensor g, Tensor p, Tensor m, Tensor c, Tensor u,
                                boolean softmax) {
        if (!accepts(p, m, c, u, g) || !rows(gm) || !rows(gc) || !rows(gu)) return false;
        float[] hgm = f(gm), hgc = f(gc), hgu = f(gu), hg = f(g), hp = f(p), hm = f(m), hc = f(c), hu = f(u);
        int bn = m.size(0), mn = m.size(1), d = m.size(2);
        Parallel.range(bn, Math.max(1, SentenceRows.SERIAL_WORK / Math.max(1, 4 * mn * d)), (b0, b1) -> {
            float[] gs = new float[mn], pr = new float[mn];
            for (int b = b0; b < b1; b++) {
                int gmb = gm.offset() + b * gm.stride(0), gcb = gc.offset() + b * gc.stride(0);
                int ub = u.offset() + b * u.stride(0), gb = g.offset() + b * g.stride(0), pb = p.offset() + b * p.stride(0);
                for (int i = 0; i < mn; i++) pr[i] = hp[pb + i * p.stride(1)];
                dots(hc, c.offset() + b * c.stride(0), c.stride(1), hg, gb, mn, d, gs);      // ∂p_i = c_i · g
                addOuter(pr, hg, gb, mn, d, hgc, gcb, gc.stride(1));                         // gc_i += p_i g
                if (softmax) {
                    float dot = 0;
                    for (int i = 0; i < mn; i++) dot = Math.fma(pr[i], gs[i], dot);
                    for (int i = 0; i < mn; i++) gs[i] = pr[i] * (gs[i] - dot);
                }
                addOuter(gs, hu, ub, mn, d, hgm, gmb, gm.stride(1));                         // gm_i += ∂s_i u
                weightedSum(gs, hm, m.offset() + b * m.stride(0), m.stride(1), mn, d, hgu, gu.offset() + b * gu.stride(0));
            }
        });
        return true;
    }

    /** a_i += w[i] · v for the rows a_i at ab + i·as (i in [0, n), length d): one fused multiply-add per element. */
    private static void addOuter(float[] w, float[] v, int vb, int n, int d, float[] a, int ab, int as) {
        for (int i = 0; i < n; i++) FmaRows.axpy(w[i], v, vb, a, ab + i * as, d);
    }
}
