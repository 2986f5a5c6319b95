package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * F32 per-channel kernels of batch normalisation on contiguous x [B, C, L] (see {@link jtorch.backend.Backend#channelMoments},
 * {@code channelDots}, {@code channelAffine}): one pass per sum instead of the module's chain of broadcast tensor ops
 * (about 6 passes over x each way, with [B, C, 1] partial sums, ~0.9 ms per DCGAN layer of 64 × 64 × 49 before).
 * Sums run per channel in a fixed order (vector lanes over positions l, samples b in order, lanes summed by
 * {@link Lanes#sum}, then the scalar tail positions), so the bits do not depend on the thread count, which only splits
 * the channels; with L shorter than a vector the sums run over (b, l) in order per channel.
 */
final class ChannelKernels {
    private static final VectorSpecies<Float> S = Lanes.S;
    private static final int VL = S.length();
    /** Elements per thread hand-off. */
    private static final int GRAIN = 1 << 16;

    private ChannelKernels() {}

    private static int grain(int b, int l) { return Math.max(1, GRAIN / Math.max(1, b * l)); }

    /** Σ_{b,l} x[b, c, l] over the per-channel strips at xo + (b·C + c)·L. */
    private static float sum(float[] x, int xo, int B, int C, int L, int c) {
        FloatVector acc = FloatVector.zero(S);
        float tail = 0;
        int main = L / VL * VL;
        for (int b = 0; b < B; b++) {
            int o = xo + (b * C + c) * L, i = 0;
            for (; i < main; i += VL) acc = acc.add(FloatVector.fromArray(S, x, o + i));
            for (; i < L; i++) tail += x[o + i];
        }
        return Lanes.sum(acc) + tail;
    }

    // ---- tensor glue: F32 heap tensors, [B, C, L] ones contiguous; false (nothing done) otherwise

    private static boolean fit(Tensor t) {
        return t == null || (t.dtype() == DType.F32 && t.storage() instanceof HeapStorage);
    }

    private static boolean dense(Tensor t) { return t == null || (fit(t) && t.isContiguous()); }

    private static float[] f(Tensor t) { return ((HeapStorage) t.storage()).floats(); }

    private static float[] vec(Tensor t) {
        if (t == null) return null;
        float[] v = new float[t.size(0)];
        for (int c = 0; c < v.length; c++) v[c] = (float) t.get(c);
        return v;
    }

    private static void put(Tensor t, float[] v) {
        float[] a = f(t);
        for (int c = 0; c < v.length; c++) a[t.offset() + c * t.stride(0)] = v[c];
    }

    static boolean moments(Tensor x, Tensor mean, Tensor var) {
        if (!dense(x) || !fit(mean) || !fit(var)) return false;
        int C = x.size(1);
        float[] m = new float[C], v = new float[C];
        moments(f(x), x.offset(), x.size(0), C, x.size(2), m, v);
        put(mean, m);
        put(var, v);
        return true;
    }

    static boolean dots(Tensor g, Tensor x, Tensor mean, Tensor sumG, Tensor sumGX) {
        if (!dense(g) || !dense(x) || !fit(mean) || !fit(sumG) || !fit(sumGX)) return false;
        int C = x.size(1);
        float[] sg = new float[C], sgx = new float[C];
        dots(f(g), g.offset(), f(x), x.offset(), x.size(0), C, x.size(2), vec(mean), sg, sgx);
        put(sumG, sg);
        put(sumGX, sgx);
        return true;
    }

    static boolean affine(Tensor out, Tensor x, Tensor a, Tensor s, Tensor y, Tensor k) {
        if (!dense(out) || !dense(x) || !dense(y) || !fit(a) || !fit(s) || !fit(k) || (y == null) != (k == null)) return false;
        affine(f(out), out.offset(), f(x), x.offset(), vec(a), vec(s), y == null ? null : f(y), y == null ? 0 : y.offset(),
                vec(k), x.size(0), x.size(1), x.size(2));
        return true;
    }

    /** mean[c], var[c] (biased, two passes) into the arrays. */
    static void moments(float[] x, int xo, int B, int C, int L, float[] mean, float[] var) {
        float n = (float) B * L;
        Parallel.range(C, grain(B, L), (from, to) -> {
            for (int c = from; c < to; c++) {
                float mu = sum(x, xo, B, C, L, c) / n;
                FloatVector acc = FloatVector.zero(S), m = FloatVector.broadcast(S, mu);
                float tail = 0;
                int main = L / VL * VL;
                for (int b = 0; b < B; b++) {
                    int o = xo + (b * C + c) * L, i = 0;
                    for (; i < main; i += VL) {
                        FloatVector d = FloatVector.fromArray(S, x, o + i).sub(m);
                        acc = d.fma(d, acc);
                    }
                    for (; i < L; i++) {
                        float d = x[o + i] - mu;
                        tail += d * d;
                    }
                }
                mean[c] = mu;
                var[c] = (Lanes.sum(acc) + tail) / n;
            }
        });
    }

    /** sumG[c] = Σ g, sumGX[c] = Σ g·(x − mean[c]). */
    static void dots(float[] g, int go, float[] x, int xo, int B, int C, int L, float[] mean, float[] sumG, float[] sumGX) {
        Parallel.range(C, grain(B, L), (from, to) -> {
            for (int c = from; c < to; c++) {
                float mu = mean[c], tg = 0, tgx = 0;
                FloatVector ag = FloatVector.zero(S), agx = FloatVector.zero(S), m = FloatVector.broadcast(S, mu);
                int main = L / VL * VL;
                for (int b = 0; b < B; b++) {
                    int ox = xo + (b * C + c) * L, og = go + (b * C + c) * L, i = 0;
                    for (; i < main; i += VL) {
                        FloatVector gv = FloatVector.fromArray(S, g, og + i);
                        ag = ag.add(gv);
                        agx = gv.fma(FloatVector.fromArray(S, x, ox + i).sub(m), agx);
                    }
                    for (; i < L; i++) {
                        tg += g[og + i];
                        tgx += g[og + i] * (x[ox + i] - mu);
                    }
                }
                sumG[c] = Lanes.sum(ag) + tg;
                sumGX[c] = Lanes.sum(agx) + tgx;
            }
        });
    }

    /** out = x·a[c] + s[c] (+ y·k[c] when y is not null), all [B, C, L] contiguous at their offsets. */
    static void affine(float[] out, int oo, float[] x, int xo, float[] a, float[] s, float[] y, int yo, float[] k,
                       int B, int C, int L) {
        Parallel.range(B * C, grain(1, L), (from, to) -> {
            int main = L / VL * VL;
            for (int r = from; r < to; r++) {
                int c = r % C, o = r * L;
                float ac = a[c], sc = s[c];
                FloatVector va = FloatVector.broadcast(S, ac), vs = FloatVector.broadcast(S, sc);
                int i = 0;
                if (y == null) {
                    for (; i < main; i += VL) FloatVector.fromArray(S, x, xo + o + i).fma(va, vs).intoArray(out, oo + o + i);
                    for (; i < L; i++) out[oo + o + i] = x[xo + o + i] * ac + sc;
                } else {
                    float kc = k[c];
                    FloatVector vk = FloatVector.broadcast(S, kc);
                    for (; i < main; i += VL) {
                        FloatVector.fromArray(S, y, yo + o + i).fma(vk, FloatVector.fromArray(S, x, xo + o + i).fma(va, vs))
                                .intoArray(out, oo + o + i);
                    }
                    for (; i < L; i++) out[oo + o + i] = x[xo + o + i] * ac + sc + y[yo + o + i] * kc;
                }
            }
        });
    }
}
