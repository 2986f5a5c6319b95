package jtorch.nn.softmax;

import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Draws word ids i.i.d. from a noise distribution q(w) ∝ count(w)^α over V words (α = 0.75 as word2vec, 1 for the
 * unigram, 0 for uniform), with Walker's alias method: a draw is two uniforms u, u' from a {@link Generator},
 * w = ⌊u V⌋, and w is kept when u' &lt; keep[w], else replaced by alias[w]; O(1) per draw whatever V. The same
 * generator state gives the same draws. The tables are built once (Vose's construction, in F64).
 */
public final class NoiseSampler {
    private final int v;
    private final double[] q;
    private final Tensor keep, alias, logQ; // [V] F64, [V] I32, [V] F64

    /** The distribution ∝ counts^power (counts ≥ 0 and not all 0 unless power = 0). */
    public NoiseSampler(int[] counts, double power) {
        v = counts.length;
        if (v == 0) throw new IllegalArgumentException("NoiseSampler: empty vocabulary");
        if (!(power >= 0)) throw new IllegalArgumentException("NoiseSampler: power must be >= 0, got " + power);
        q = new double[v];
        double total = 0;
        for (int w = 0; w < v; w++) {
            if (counts[w] < 0) throw new IllegalArgumentException("NoiseSampler: word " + w + " has count " + counts[w]);
            q[w] = counts[w] == 0 && power > 0 ? 0 : Math.pow(counts[w], power);
            total += q[w];
        }
        if (!(total > 0)) throw new IllegalArgumentException("NoiseSampler: all counts are 0");
        double[] k = new double[v], lq = new double[v];
        int[] a = new int[v], small = new int[v], large = new int[v];
        int ns = 0, nl = 0;
        for (int w = 0; w < v; w++) {
            q[w] /= total;
            lq[w] = Math.log(q[w]);
            k[w] = q[w] * v;
            a[w] = w;
            if (k[w] < 1) small[ns++] = w; else large[nl++] = w;
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns], l = large[--nl];
            a[s] = l;
            k[l] -= 1 - k[s];
            if (k[l] < 1) small[ns++] = l; else large[nl++] = l;
        }
        while (nl > 0) k[large[--nl]] = 1;
        while (ns > 0) k[small[--ns]] = 1; // rounding leftovers
        keep = Tensor.of(k, v);
        alias = Tensor.of(a, v);
        logQ = Tensor.of(lq, v);
    }

    /** Number of words V. */
    public int words() { return v; }

    /** q(w). */
    public double prob(int w) { return q[w]; }

    /** log q(w) for every word, [V] F64. */
    public Tensor logProbs() { return logQ; }

    /** {@code k} draws [k] I32 from {@code g}. */
    public Tensor sample(Generator g, int k) {
        Tensor u = Tensor.rand(DType.F64, g, k).mulInPlace(v).clampInPlace(0, v - 1);
        Tensor w = u.to(DType.I32); // ⌊u V⌋ (truncation of non-negative values)
        Tensor accept = Tensor.rand(DType.F64, g, k).lt(keep.indexSelect(0, w));
        Tensor alt = alias.indexSelect(0, w);
        return Tensor.where(accept, w.to(DType.F64), alt.to(DType.F64)).to(DType.I32);
    }
}
