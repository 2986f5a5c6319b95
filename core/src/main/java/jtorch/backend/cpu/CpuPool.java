package jtorch.backend.cpu;

import jtorch.backend.Pool;
import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * F32 pooling kernels of the cpu back end: direct loops over each window with precomputed strides (no im2col, no
 * per-element index division), split over the N·C planes across {@link Parallel#threads()}. Each plane is done by one
 * thread in a fixed order, so forward and backward give the same bits on every call; log-sum-exp uses
 * {@link StrictMath} (the same bits interpreted or compiled). Definitions: {@link Pool}.
 */
final class CpuPool {
    private CpuPool() {}

    /** Element-ops per task below which a chunk of planes stays on one thread. */
    private static final int GRAIN_OPS = 1 << 15;

    static boolean accepts(Tensor indices, Tensor... f32) {
        for (Tensor t : f32) if (t != null && (t.dtype() != DType.F32 || !(t.storage() instanceof HeapStorage))) return false;
        return indices == null || indices.dtype() == DType.I32 && indices.storage() instanceof HeapStorage;
    }

    private static float[] f(Tensor t) { return ((HeapStorage) t.storage()).floats(); }

    /** First valid tap index j of a window starting at s with the given step. */
    private static int lo(int s, int step) { return s >= 0 ? 0 : (-s + step - 1) / step; }

    /** One past the last valid tap index of a window of t taps starting at s, for an input of size L. */
    private static int hi(int s, int t, int step, int L) { return L - s <= 0 ? 0 : Math.min(t, (L - s + step - 1) / step); }

    private static int grain(Tensor out, Pool p) {
        long work = (long) out.size(2) * out.size(3) * out.size(4) * (p.adaptive() ? 4 : p.kernel()[0] * p.kernel()[1] * p.kernel()[2]);
        return (int) Math.max(1, GRAIN_OPS / Math.max(1, work));
    }

    static void forward(Pool p, Tensor out, Tensor indices, Tensor in) {
        int C = in.size(1);
        Parallel.range(in.size(0) * C, grain(out, p), (from, to) -> {
            for (int plane = from; plane < to; plane++) forwardPlane(p, out, indices, in, plane / C, plane % C);
        });
    }

    private static void forwardPlane(Pool p, Tensor out, Tensor indices, Tensor in, int n, int c) {
        float[] x = f(in), y = f(out);
        int[] ix = indices == null ? null : ((HeapStorage) indices.storage()).ints();
        int D = in.size(2), H = in.size(3), W = in.size(4), oD = out.size(2), oH = out.size(3), oW = out.size(4);
        int xs2 = in.stride(2), xs3 = in.stride(3), xs4 = in.stride(4), xb = in.offset() + n * in.stride(0) + c * in.stride(1);
        int yb = out.offset() + n * out.stride(0) + c * out.stride(1);
        int ib = indices == null ? 0 : indices.offset() + n * indices.stride(0) + c * indices.stride(1);
        int sd = p.step(0), sh = p.step(1), sw = p.step(2);
        Pool.Kind kind = p.kind();
        for (int od = 0; od < oD; od++) {
            int zs = p.start(0, od, D, oD), zt = p.taps(0, od, D, oD), z0 = lo(zs, sd), z1 = hi(zs, zt, sd, D);
            for (int oh = 0; oh < oH; oh++) {
                int hs = p.start(1, oh, H, oH), ht = p.taps(1, oh, H, oH), h0 = lo(hs, sh), h1 = hi(hs, ht, sh, H);
                for (int ow = 0; ow < oW; ow++) {
                    int ws = p.start(2, ow, W, oW), wt = p.taps(2, ow, W, oW), w0 = lo(ws, sw), w1 = hi(ws, wt, sw, W);
                    int yk = yb + od * out.stride(2) + oh * out.stride(3) + ow * out.stride(4);
                    int valid = (z1 - z0) * (h1 - h0) * (w1 - w0);
                    float best = Float.NEGATIVE_INFINITY, sum = 0;
                    int bi = -1;
                    for (int a = z0; a < z1; a++) {
                        int z = zs + a * sd;
                        for (int b = h0; b < h1; b++) {
                            int hh = hs + b * sh, row = xb + z * xs2 + hh * xs3, flatRow = (z * H + hh) * W;
                            for (int e = w0; e < w1; e++) {
                                int ww = ws + e * sw;
                                float v = x[row + ww * xs4];
                                if (bi < 0 || (best == best && (v > best || v != v))) { best = v; bi = flatRow + ww; }
                                sum += v;
                            }
                        }
                    }
                    if (kind == Pool.Kind.MAX) {
                        y[yk] = best;
                        ix[ib + od * indices.stride(2) + oh * indices.stride(3) + ow * indices.stride(4)] = bi;
                    } else if (kind == Pool.Kind.AVG) {
                        y[yk] = sum / divisor(p, valid, od, oh, ow, D, H, W, oD, oH, oW);
                    } else if (Float.isInfinite(best) || best != best) {
                        y[yk] = best;
                    } else {
                        double e = 0, beta = p.beta();
                        for (int a = z0; a < z1; a++) for (int b = h0; b < h1; b++) {
                            int row = xb + (zs + a * sd) * xs2 + (hs + b * sh) * xs3;
                            for (int k = w0; k < w1; k++) e += StrictMath.expm1(beta * (x[row + (ws + k * sw) * xs4] - best));
                        }
                        y[yk] = (float) (best + StrictMath.log1p(e / valid) / beta);
                    }
                }
            }
        }
    }

    private static float divisor(Pool p, int valid, int od, int oh, int ow, int D, int H, int W, int oD, int oH, int oW) {
        if (!p.countIncludePad() || p.adaptive()) return valid;
        return (float) p.paddedSpan(0, od, D, oD) * p.paddedSpan(1, oh, H, oH) * p.paddedSpan(2, ow, W, oW);
    }

    static void backward(Pool p, Tensor gradIn, Tensor gradOut, Tensor indices, Tensor in, Tensor out) {
        int C = gradIn.size(1);
        Parallel.range(gradIn.size(0) * C, grain(gradOut, p), (from, to) -> {
            for (int plane = from; plane < to; plane++) backwardPlane(p, gradIn, gradOut, indices, in, out, plane / C, plane % C);
        });
    }

    private static void backwardPlane(Pool p, Tensor gradIn, Tensor gradOut, Tensor indices, Tensor in, Tensor out,
                                      int n, int c) {
        float[] gi = f(gradIn), go = f(gradOut);
        int D = gradIn.size(2), H = gradIn.size(3), W = gradIn.size(4);
        int oD = gradOut.size(2), oH = gradOut.size(3), oW = gradOut.size(4);
        int gs2 = gradIn.stride(2), gs3 = gradIn.stride(3), gs4 = gradIn.stride(4);
        int gb = gradIn.offset() + n * gradIn.stride(0) + c * gradIn.stride(1);
        int ob = gradOut.offset() + n * gradOut.stride(0) + c * gradOut.stride(1);
        for (int z = 0; z < D; z++) for (int hh = 0; hh < H; hh++) for (int ww = 0; ww < W; ww++)
            gi[gb + z * gs2 + hh * gs3 + ww * gs4] = 0;
        if (p.kind() == Pool.Kind.MAX) {
            int[] ix = ((HeapStorage) indices.storage()).ints();
            int ib = indices.offset() + n * indices.stride(0) + c * indices.stride(1);
            for (int od = 0; od < oD; od++) for (int oh = 0; oh < oH; oh++) for (int ow = 0; ow < oW; ow++) {
                int flat = ix[ib + od * indices.stride(2) + oh * indices.stride(3) + ow * indices.stride(4)];
                gi[gb + flat / (H * W) * gs2 + flat / W % H * gs3 + flat % W * gs4]
                        += go[ob + od * gradOut.stride(2) + oh * gradOut.stride(3) + ow * gradOut.stride(4)];
            }
            return;
        }
        boolean lse = p.kind() == Pool.Kind.LSE;
        float[] x = lse ? f(in) : null, y = lse ? f(out) : null;
        int xb = lse ? in.offset() + n * in.stride(0) + c * in.stride(1) : 0;
        int yb = lse ? out.offset() + n * out.stride(0) + c * out.stride(1) : 0;
        int sd = p.step(0), sh = p.step(1), sw = p.step(2);
        for (int od = 0; od < oD; od++) {
            int zs = p.start(0, od, D, oD), z0 = lo(zs, sd), z1 = hi(zs, p.taps(0, od, D, oD), sd, D);
            for (int oh = 0; oh < oH; oh++) {
                int hs = p.start(1, oh, H, oH), h0 = lo(hs, sh), h1 = hi(hs, p.taps(1, oh, H, oH), sh, H);
                for (int ow = 0; ow < oW; ow++) {
                    int ws = p.start(2, ow, W, oW), w0 = lo(ws, sw), w1 = hi(ws, p.taps(2, ow, W, oW), sw, W);
                    int valid = (z1 - z0) * (h1 - h0) * (w1 - w0);
                    float g = go[ob + od * gradOut.stride(2) + oh * gradOut.stride(3) + ow * gradOut.stride(4)];
                    float share = lse ? 0 : g / divisor(p, valid, od, oh, ow, D, H, W, oD, oH, oW);
                    double yv = lse ? y[yb + od * out.stride(2) + oh * out.stride(3) + ow * out.stride(4)] : 0;
                    for (int a = z0; a < z1; a++) for (int b = h0; b < h1; b++) {
                        int z = zs + a * sd, hh = hs + b * sh;
                        for (int e = w0; e < w1; e++) {
                            int ww = ws + e * sw;
                            int k = gb + z * gs2 + hh * gs3 + ww * gs4;
                            if (!lse) gi[k] += share;
                            else gi[k] += (float) (g * StrictMath.exp(p.beta()
                                    * (x[xb + z * in.stride(2) + hh * in.stride(3) + ww * in.stride(4)] - yv)) / valid);
                        }
                    }
                }
            }
        }
    }
}
