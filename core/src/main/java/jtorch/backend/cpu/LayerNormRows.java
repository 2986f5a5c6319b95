package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * Fused F32 layer normalisation over the rows of [M, K] matrices whose rows have unit stride (see
 * {@link jtorch.backend.Backend#layerNorm}): the forward in three passes over each row held in cache (Σx, Σ(x − μ)²,
 * then x̂ and y = x̂·γ + β by one fused multiply-add), the input gradient in two (Σh and Σh·x̂, then the result), the
 * parameter gradients as column sums accumulated row after row. Lane sums in {@link Lanes}' fixed order and the rows
 * (or, for the column sums, the whole matrix) each computed by one thread: the same bits on every call and with any
 * thread count.
 */
final class LayerNormRows {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Elements per thread chunk below which rows stay on the calling thread. */
    private static final int GRAIN = 1 << 16;

    private LayerNormRows() {}

    /** True when every tensor given (nulls skipped) is F32 on the heap with unit stride along its last dimension. */
    static boolean accepts(Tensor... ts) {
        for (Tensor t : ts) {
            if (t == null) continue;
            int d = t.dim() - 1;
            if (t.dtype() != DType.F32 || !(t.storage() instanceof HeapStorage) || (t.stride(d) != 1 && t.size(d) > 1))
                return false;
        }
        return true;
    }

    static void forward(Tensor y, Tensor xhat, Tensor invstd, Tensor x, Tensor gamma, Tensor beta, double eps) {
        int m = x.size(0), k = x.size(1);
        float[] fy = f(y), fxh = f(xhat), fi = f(invstd), fx = f(x), fg = gamma == null ? null : f(gamma);
        float[] fb = beta == null ? null : f(beta);
        int go = gamma == null ? 0 : gamma.offset(), bo = beta == null ? 0 : beta.offset();
        Parallel.range(m, Math.max(1, GRAIN / Math.max(1, k)), (from, to) -> {
            for (int i = from; i < to; i++) {
                int xo = x.offset() + i * x.stride(0), ho = xhat.offset() + i * xhat.stride(0);
                int yo = y.offset() + i * y.stride(0);
                float mean = sum(fx, xo, k) / k;
                float inv = (float) (1 / Math.sqrt((double) centeredSquares(fx, xo, mean, k) / k + eps));
                fi[invstd.offset() + i * invstd.stride(0)] = inv;
                normalize(fy, yo, fxh, ho, fx, xo, mean, inv, fg, go, fb, bo, k);
            }
        });
    }

    static void backward(Tensor gradIn, Tensor gradOut, Tensor xhat, Tensor invstd, Tensor gamma) {
        int m = xhat.size(0), k = xhat.size(1);
        float[] gi = f(gradIn), g = f(gradOut), fxh = f(xhat), fi = f(invstd), fg = gamma == null ? null : f(gamma);
        int gmo = gamma == null ? 0 : gamma.offset();
        Parallel.range(m, Math.max(1, GRAIN / Math.max(1, k)), (from, to) -> {
            for (int i = from; i < to; i++) {
                int io = gradIn.offset() + i * gradIn.stride(0), go = gradOut.offset() + i * gradOut.stride(0);
                int ho = xhat.offset() + i * xhat.stride(0);
                rowBackward(gi, io, g, go, fxh, ho, fi[invstd.offset() + i * invstd.stride(0)], fg, gmo, k);
            }
        });
    }

    /** Column sums over the rows, a block of 2 vectors of columns at a time in registers (rows in order). */
    static void params(Tensor gradGamma, Tensor gradBeta, Tensor gradOut, Tensor xhat, float scale) {
        int m = xhat.size(0), k = xhat.size(1);
        float[] gg = f(gradGamma), gb = gradBeta == null ? null : f(gradBeta), g = f(gradOut), fxh = f(xhat);
        int gs = gradOut.stride(0), hs = xhat.stride(0), go0 = gradOut.offset(), ho0 = xhat.offset();
        int ggo = gradGamma.offset(), ggs = gradGamma.stride(0);
        int gbo = gradBeta == null ? 0 : gradBeta.offset(), gbs = gradBeta == null ? 0 : gradBeta.stride(0);
        float[] lane = new float[2 * L];
        int j = 0;
        for (; j + 2 * L <= k; j += 2 * L) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, b0 = s0, b1 = s0;
            for (int i = 0, go = go0 + j, ho = ho0 + j; i < m; i++, go += gs, ho += hs) {
                FloatVector g0 = FloatVector.fromArray(S, g, go), g1 = FloatVector.fromArray(S, g, go + L);
                s0 = g0.fma(FloatVector.fromArray(S, fxh, ho), s0);
                s1 = g1.fma(FloatVector.fromArray(S, fxh, ho + L), s1);
                b0 = b0.add(g0);
                b1 = b1.add(g1);
            }
            s0.intoArray(lane, 0);
            s1.intoArray(lane, L);
            for (int q = 0; q < 2 * L; q++) gg[ggo + (j + q) * ggs] += scale * lane[q];
            if (gb != null) {
                b0.intoArray(lane, 0);
                b1.intoArray(lane, L);
                for (int q = 0; q < 2 * L; q++) gb[gbo + (j + q) * gbs] += scale * lane[q];
            }
        }
        for (; j < k; j++) {
            float sg = 0, sb = 0;
            for (int i = 0, go = go0 + j, ho = ho0 + j; i < m; i++, go += gs, ho += hs) {
                sg = Math.fma(g[go], fxh[ho], sg);
                sb += g[go];
            }
            gg[ggo + j * ggs] += scale * sg;
            if (gb != null) gb[gbo + j * gbs] += scale * sb;
        }
    }

    private static float sum(float[] x, int o, int k) {
        int n = S.loopBound(k), j = 0;
        FloatVector acc = FloatVector.zero(S);
        for (; j < n; j += L) acc = acc.add(FloatVector.fromArray(S, x, o + j));
        float s = Lanes.sum(acc);
        for (; j < k; j++) s += x[o + j];
        return s;
    }

    private static float centeredSquares(float[] x, int o, float mean, int k) {
        int n = S.loopBound(k), j = 0;
        FloatVector acc = FloatVector.zero(S), mv = FloatVector.broadcast(S, mean);
        for (; j < n; j += L) { FloatVector d = FloatVector.fromArray(S, x, o + j).sub(mv); acc = d.fma(d, acc); }
        float s = Lanes.sum(acc);
        for (; j < k; j++) { float d = x[o + j] - mean; s = Math.fma(d, d, s); }
        return s;
    }

    private static void normalize(float[] y, int yo, float[] xh, int ho, float[] x, int xo, float mean, float inv,
                                  float[] g, int go, float[] b, int bo, int k) {
        int n = S.loopBound(k), j = 0;
        FloatVector mv = FloatVector.broadcast(S, mean), iv = FloatVector.broadcast(S, inv);
        for (; j < n; j += L) {
            FloatVector h = FloatVector.fromArray(S, x, xo + j).sub(mv).mul(iv);
            h.intoArray(xh, ho + j);
            FloatVector v = g == null ? h : b == null ? h.mul(FloatVector.fromArray(S, g, go + j))
                    : h.fma(FloatVector.fromArray(S, g, go + j), FloatVector.fromArray(S, b, bo + j));
            v.intoArray(y, yo + j);
        }
        for (; j < k; j++) {
            float h = (x[xo + j] - mean) * inv;
            xh[ho + j] = h;
            y[yo + j] = g == null ? h : b == null ? h * g[go + j] : Math.fma(h, g[go + j], b[bo + j]);
        }
    }

    private static void rowBackward(float[] gi, int io, float[] g, int go, float[] xh, int ho, float inv, float[] gm,
                                    int gmo, int k) {
        int n = S.loopBound(k), j = 0;
        FloatVector sh = FloatVector.zero(S), shx = sh;
        for (; j < n; j += L) {
            FloatVector h = FloatVector.fromArray(S, g, go + j);
            if (gm != null) h = h.mul(FloatVector.fromArray(S, gm, gmo + j));
            sh = sh.add(h);
            shx = h.fma(FloatVector.fromArray(S, xh, ho + j), shx);
        }
        float mh = Lanes.sum(sh), mhx = Lanes.sum(shx);
        for (; j < k; j++) {
            float h = gm == null ? g[go + j] : g[go + j] * gm[gmo + j];
            mh += h;
            mhx = Math.fma(h, xh[ho + j], mhx);
        }
        mh /= k;
        mhx /= k;
        FloatVector mv = FloatVector.broadcast(S, mh), mxv = FloatVector.broadcast(S, mhx), iv = FloatVector.broadcast(S, inv);
        for (j = 0; j < n; j += L) {
            FloatVector h = FloatVector.fromArray(S, g, go + j);
            if (gm != null) h = h.mul(FloatVector.fromArray(S, gm, gmo + j));
            h.sub(mv).sub(FloatVector.fromArray(S, xh, ho + j).mul(mxv)).mul(iv).intoArray(gi, io + j);
        }
        for (; j < k; j++) {
            float h = gm == null ? g[go + j] : g[go + j] * gm[gmo + j];
            gi[io + j] = (h - mh - xh[ho + j] * mhx) * inv;
        }
    }

    private static float[] f(Tensor t) { return ((HeapStorage) t.storage()).floats(); }
}
