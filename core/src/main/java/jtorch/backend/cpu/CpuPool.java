package jtorch.backend.cpu;

import jtorch.backend.Pool;
import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * F32 pooling kernels of the cpu back end: direct loops over each window (no im2col), the window bounds of every
 * output row/column computed once per call ({@link Windows}), split over the N·C planes across
 * {@link Parallel#threads()}. Each plane is done by one thread in a fixed order, so forward and backward give the same
 * bits on every call; log-sum-exp uses {@link StrictMath} (the same bits interpreted or compiled). Definitions:
 * {@link Pool}.
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

    /**
     * Per spatial dimension d and output position o: the first input position of the window {@code start}, the
     * valid tap range [lo, hi) and the AVG divisor factor {@code div} (valid taps, or the padded span with
     * count-include-pad).
     */
    record Windows(int[][] start, int[][] lo, int[][] hi, int[][] div, int[] step, boolean full) {
        static Windows of(Pool p, int[] in, int[] out) {
            int[][] s = new int[3][], l = new int[3][], h = new int[3][], v = new int[3][];
            int[] step = new int[3];
            boolean full = !p.adaptive();
            for (int d = 0; d < 3; d++) {
                int n = out[d], len = in[d], st = p.step(d);
                step[d] = st;
                s[d] = new int[n]; l[d] = new int[n]; h[d] = new int[n]; v[d] = new int[n];
                for (int o = 0; o < n; o++) {
                    int s0 = p.start(d, o, len, n), t = p.taps(d, o, len, n);
                    s[d][o] = s0;
                    l[d][o] = s0 >= 0 ? 0 : (-s0 + st - 1) / st;
                    h[d][o] = len - s0 <= 0 ? 0 : Math.min(t, (len - s0 + st - 1) / st);
                    v[d][o] = p.countIncludePad() && !p.adaptive() ? p.paddedSpan(d, o, len, n) : h[d][o] - l[d][o];
                    full &= s0 >= 0 && l[d][o] == 0 && h[d][o] == t && st == 1;
                }
            }
            return new Windows(s, l, h, v, step, full);
        }
    }

    private static int[] spatial(Tensor t) { return new int[] {t.size(2), t.size(3), t.size(4)}; }

    private static int grain(Tensor out, Pool p) {
        long work = (long) out.size(2) * out.size(3) * out.size(4) * (p.adaptive() ? 4 : p.kernel()[0] * p.kernel()[1] * p.kernel()[2]);
        return (int) Math.max(1, GRAIN_OPS / Math.max(1, work));
    }

    static void forward(Pool p, Tensor out, Tensor indices, Tensor in) {
        int C = in.size(1);
        Windows w = Windows.of(p, spatial(in), spatial(out));
        boolean twoByTwo = twoByTwo(p) && w.full();
        boolean narrow = twoByTwo && MaxPool2x2.narrow(out.size(4)) && out.stride(3) == out.size(4) && indices.stride(3) == out.size(4);
        int[] at = narrow ? MaxPool2x2.corners(out.size(3), out.size(4), in.stride(3)) : null;
        int[] flat = narrow ? MaxPool2x2.corners(out.size(3), out.size(4), in.size(4)) : null;
        Parallel.range(in.size(0) * C, grain(out, p), (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                if (twoByTwo && in.stride(4) == 1 && out.stride(4) == 1 && indices.stride(4) == 1) {
                    max2x2(p.stride()[0], out, indices, in, plane / C, plane % C, at, flat);
                } else if (p.kind() == Pool.Kind.MAX && w.full() && in.stride(4) == 1) maxDense(p, out, indices, in, plane / C, plane % C);
                else if (p.kind() == Pool.Kind.MAX) maxPlane(w, out, indices, in, plane / C, plane % C);
                else forwardPlane(p, w, out, indices, in, plane / C, plane % C);
            }
        });
    }

    /** MAX with 2×2 windows at stride 2 (any depth stride, depth kernel 1) and no padding: {@link MaxPool2x2}. */
    private static boolean twoByTwo(Pool p) {
        int[] k = p.kernel(), s = p.stride(), pad = p.pad(), d = p.dilation();
        return p.kind() == Pool.Kind.MAX && !p.adaptive() && k[0] == 1 && k[1] == 2 && k[2] == 2 && s[1] == 2
                && s[2] == 2 && pad[0] == 0 && pad[1] == 0 && pad[2] == 0 && d[1] == 1 && d[2] == 1;
    }

    /** at, flat: {@link MaxPool2x2#corners} for narrow planes, else null. */
    private static void max2x2(int zs, Tensor out, Tensor indices, Tensor in, int n, int c, int[] at, int[] flat) {
        float[] x = f(in), y = f(out);
        int[] ix = ((HeapStorage) indices.storage()).ints();
        int H = in.size(3), W = in.size(4), oD = out.size(2), oH = out.size(3), oW = out.size(4);
        int xb = in.offset() + n * in.stride(0) + c * in.stride(1), yb = out.offset() + n * out.stride(0) + c * out.stride(1);
        int ib = indices.offset() + n * indices.stride(0) + c * indices.stride(1);
        boolean plane = at != null;
        for (int od = 0; od < oD; od++) {
            int z = od * zs;
            if (plane) {
                MaxPool2x2.forwardPlane(x, xb + z * in.stride(2), in.stride(3), W, at, flat, z * H * W, y, yb + od * out.stride(2),
                        ix, ib + od * indices.stride(2), oH * oW);
                continue;
            }
            for (int oh = 0; oh < oH; oh++) {
                int r0 = xb + z * in.stride(2) + 2 * oh * in.stride(3);
                MaxPool2x2.forwardRow(x, r0, r0 + in.stride(3), W, (z * H + 2 * oh) * W, y, yb + od * out.stride(2)
                        + oh * out.stride(3), ix, ib + od * indices.stride(2) + oh * indices.stride(3), oW);
            }
        }
    }

    /**
     * MAX forward of one plane whose windows all lie inside the input (no padding or clipping, dilation 1) and whose
     * rows are contiguous: fixed-size window loops, 2×2 unrolled. Same results as {@link #maxPlane}.
     */
    private static void maxDense(Pool p, Tensor out, Tensor indices, Tensor in, int n, int c) {
        float[] x = f(in), y = f(out);
        int[] ix = ((HeapStorage) indices.storage()).ints();
        int H = in.size(3), W = in.size(4), oD = out.size(2), oH = out.size(3), oW = out.size(4);
        int xs2 = in.stride(2), xs3 = in.stride(3), xb = in.offset() + n * in.stride(0) + c * in.stride(1);
        int yb = out.offset() + n * out.stride(0) + c * out.stride(1), ys2 = out.stride(2), ys3 = out.stride(3), ys4 = out.stride(4);
        int ib = indices.offset() + n * indices.stride(0) + c * indices.stride(1);
        int is2 = indices.stride(2), is3 = indices.stride(3), is4 = indices.stride(4);
        int kd = p.kernel()[0], kh = p.kernel()[1], kw = p.kernel()[2], sd = p.stride()[0], sh = p.stride()[1], sw = p.stride()[2];
        boolean twoByTwo = kd == 1 && kh == 2 && kw == 2;
        for (int od = 0; od < oD; od++) {
            int z0 = od * sd;
            for (int oh = 0; oh < oH; oh++) {
                int h0 = oh * sh, yRow = yb + od * ys2 + oh * ys3, iRow = ib + od * is2 + oh * is3;
                int rowBase = xb + z0 * xs2 + h0 * xs3, flatBase = (z0 * H + h0) * W;
                for (int ow = 0; ow < oW; ow++) {
                    int w0 = ow * sw, base = rowBase + w0, flat0 = flatBase + w0;
                    float best;
                    int bi;
                    if (twoByTwo) {
                        float a = x[base], b = x[base + 1], e = x[base + xs3], g = x[base + xs3 + 1];
                        best = a;
                        bi = flat0;
                        if (b > best || b != b) { best = b; bi = flat0 + 1; }
                        if (e > best || e != e) { best = e; bi = flat0 + W; }
                        if (g > best || g != g) { best = g; bi = flat0 + W + 1; }
                    } else {
                        best = Float.NEGATIVE_INFINITY;
                        bi = flat0;
                        for (int a = 0; a < kd; a++) for (int b = 0; b < kh; b++) {
                            int row = base + a * xs2 + b * xs3, flat = flat0 + (a * H + b) * W;
                            for (int e = 0; e < kw; e++) {
                                float v = x[row + e];
                                if (v > best || v != v) { best = v; bi = flat + e; }
                            }
                        }
                    }
                    y[yRow + ow * ys4] = best;
                    ix[iRow + ow * is4] = bi;
                }
            }
        }
    }

    /** MAX forward of one plane: value and argmax (NaN wins; ties keep the first). */
    private static void maxPlane(Windows win, Tensor out, Tensor indices, Tensor in, int n, int c) {
        float[] x = f(in), y = f(out);
        int[] ix = ((HeapStorage) indices.storage()).ints();
        int H = in.size(3), W = in.size(4), oD = out.size(2), oH = out.size(3), oW = out.size(4);
        int xs2 = in.stride(2), xs3 = in.stride(3), xs4 = in.stride(4), xb = in.offset() + n * in.stride(0) + c * in.stride(1);
        int yb = out.offset() + n * out.stride(0) + c * out.stride(1), ys2 = out.stride(2), ys3 = out.stride(3), ys4 = out.stride(4);
        int ib = indices.offset() + n * indices.stride(0) + c * indices.stride(1);
        int is2 = indices.stride(2), is3 = indices.stride(3), is4 = indices.stride(4);
        int sd = win.step[0], sh = win.step[1], sw = win.step[2];
        int[] wS = win.start[2], wL = win.lo[2], wH = win.hi[2];
        for (int od = 0; od < oD; od++) {
            int zs = win.start[0][od], z0 = win.lo[0][od], z1 = win.hi[0][od];
            for (int oh = 0; oh < oH; oh++) {
                int hs = win.start[1][oh], h0 = win.lo[1][oh], h1 = win.hi[1][oh];
                int yRow = yb + od * ys2 + oh * ys3, iRow = ib + od * is2 + oh * is3;
                for (int ow = 0; ow < oW; ow++) {
                    int ws = wS[ow], w0 = wL[ow], w1 = wH[ow];
                    float best = Float.NEGATIVE_INFINITY;
                    int bi = ((zs + z0 * sd) * H + hs + h0 * sh) * W + ws + w0 * sw;
                    for (int a = z0; a < z1; a++) {
                        int z = zs + a * sd;
                        for (int b = h0; b < h1; b++) {
                            int hh = hs + b * sh, row = xb + z * xs2 + hh * xs3, flatRow = (z * H + hh) * W;
                            for (int e = w0; e < w1; e++) {
                                int ww = ws + e * sw;
                                float v = x[row + ww * xs4];
                                if (v > best || v != v) { // NaN wins (the last NaN, as PyTorch)
                                    best = v;
                                    bi = flatRow + ww;
                                }
                            }
                        }
                    }
                    y[yRow + ow * ys4] = best;
                    ix[iRow + ow * is4] = bi;
                }
            }
        }
    }

    private static void forwardPlane(Pool p, Windows win, Tensor out, Tensor indices, Tensor in, int n, int c) {
        float[] x = f(in), y = f(out);
        int[] ix = indices == null ? null : ((HeapStorage) indices.storage()).ints();
        int H = in.size(3), W = in.size(4), oD = out.size(2), oH = out.size(3), oW = out.size(4);
        int xs2 = in.stride(2), xs3 = in.stride(3), xs4 = in.stride(4), xb = in.offset() + n * in.stride(0) + c * in.stride(1);
        int yb = out.offset() + n * out.stride(0) + c * out.stride(1), ys2 = out.stride(2), ys3 = out.stride(3), ys4 = out.stride(4);
        int ib = indices == null ? 0 : indices.offset() + n * indices.stride(0) + c * indices.stride(1);
        int is2 = indices == null ? 0 : indices.stride(2), is3 = indices == null ? 0 : indices.stride(3);
        int is4 = indices == null ? 0 : indices.stride(4);
        int sd = win.step[0], sh = win.step[1], sw = win.step[2];
        int[] wS = win.start[2], wL = win.lo[2], wH = win.hi[2], wV = win.div[2];
        Pool.Kind kind = p.kind();
        for (int od = 0; od < oD; od++) {
            int zs = win.start[0][od], z0 = win.lo[0][od], z1 = win.hi[0][od], zv = win.div[0][od];
            for (int oh = 0; oh < oH; oh++) {
                int hs = win.start[1][oh], h0 = win.lo[1][oh], h1 = win.hi[1][oh], hv = win.div[1][oh];
                int yRow = yb + od * ys2 + oh * ys3, iRow = ib + od * is2 + oh * is3;
                for (int ow = 0; ow < oW; ow++) {
                    int ws = wS[ow], w0 = wL[ow], w1 = wH[ow];
                    float best = Float.NEGATIVE_INFINITY, sum = 0;
                    int bi = ((zs + z0 * sd) * H + hs + h0 * sh) * W + ws + w0 * sw;
                    for (int a = z0; a < z1; a++) {
                        int z = zs + a * sd;
                        for (int b = h0; b < h1; b++) {
                            int hh = hs + b * sh, row = xb + z * xs2 + hh * xs3, flatRow = (z * H + hh) * W;
                            if (kind == Pool.Kind.AVG) {
                                for (int e = w0; e < w1; e++) sum += x[row + (ws + e * sw) * xs4];
                            } else {
                                for (int e = w0; e < w1; e++) {
                                    int ww = ws + e * sw;
                                    float v = x[row + ww * xs4];
                                    if (v > best || v != v) { best = v; bi = flatRow + ww; }
                                }
                            }
                        }
                    }
                    int yk = yRow + ow * ys4;
                    if (kind == Pool.Kind.MAX) {
                        y[yk] = best;
                        ix[iRow + ow * is4] = bi;
                    } else if (kind == Pool.Kind.AVG) {
                        y[yk] = sum / ((float) zv * hv * wV[ow]);
                    } else if (Float.isInfinite(best) || best != best) {
                        y[yk] = best;
                    } else {
                        double e = 0, beta = p.beta();
                        for (int a = z0; a < z1; a++) for (int b = h0; b < h1; b++) {
                            int row = xb + (zs + a * sd) * xs2 + (hs + b * sh) * xs3;
                            for (int k = w0; k < w1; k++) e += StrictMath.expm1(beta * (x[row + (ws + k * sw) * xs4] - best));
                        }
                        int valid = (z1 - z0) * (h1 - h0) * (w1 - w0);
                        y[yk] = (float) (best + StrictMath.log1p(e / valid) / beta);
                    }
                }
            }
        }
    }

    static void backward(Pool p, Tensor gradIn, Tensor gradOut, Tensor indices, Tensor in, Tensor out) {
        int C = gradIn.size(1);
        Windows w = p.kind() == Pool.Kind.MAX ? null : Windows.of(p, spatial(gradIn), spatial(gradOut));
        boolean dense2x2 = twoByTwo(p) && gradIn.size(3) >= 2 * gradOut.size(3)
                && gradIn.size(4) >= 2 * gradOut.size(4) && gradIn.stride(4) == 1 && gradOut.stride(4) == 1
                && indices.stride(4) == 1;
        int oh = gradOut.size(3), ow = gradOut.size(4);
        boolean narrow = dense2x2 && MaxPool2x2.narrow(ow) && gradOut.stride(3) == ow && indices.stride(3) == ow;
        int[] at = narrow ? MaxPool2x2.corners(oh, ow, gradIn.stride(3)) : null, flat = narrow ? MaxPool2x2.corners(oh, ow, gradIn.size(4)) : null;
        Parallel.range(gradIn.size(0) * C, grain(gradOut, p), (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                if (dense2x2) back2x2(p.stride()[0], gradIn, gradOut, indices, plane / C, plane % C, at, flat);
                else backwardPlane(p, w, gradIn, gradOut, indices, in, out, plane / C, plane % C);
            }
        });
    }

    /** MAX 2×2 stride 2 backward of one plane ({@link MaxPool2x2#backwardRow}); positions no window covers get 0. */
    private static void back2x2(int zs, Tensor gradIn, Tensor gradOut, Tensor indices, int n, int c, int[] at, int[] flat) {
        float[] gi = f(gradIn), go = f(gradOut);
        int[] ix = ((HeapStorage) indices.storage()).ints();
        int D = gradIn.size(2), H = gradIn.size(3), W = gradIn.size(4), oD = gradOut.size(2), oH = gradOut.size(3), oW = gradOut.size(4);
        int gs2 = gradIn.stride(2), gs3 = gradIn.stride(3), gb = gradIn.offset() + n * gradIn.stride(0) + c * gradIn.stride(1);
        int ob = gradOut.offset() + n * gradOut.stride(0) + c * gradOut.stride(1);
        int ib = indices.offset() + n * indices.stride(0) + c * indices.stride(1);
        boolean plane = at != null;
        for (int z = 0, od = 0; z < D; z++) {
            boolean hit = od < oD && z == od * zs;
            for (int hh = hit ? 2 * oH : 0; hh < H; hh++) java.util.Arrays.fill(gi, gb + z * gs2 + hh * gs3, gb + z * gs2 + hh * gs3 + W, 0f);
            if (!hit) continue;
            if (plane) {
                MaxPool2x2.backwardPlane(go, ob + od * gradOut.stride(2), ix, ib + od * indices.stride(2), oH * oW, W, flat, z * H * W,
                        gi, gb + z * gs2, gs3, at);
                if (W > 2 * oW) for (int r = 0; r < 2 * oH; r++) gi[gb + z * gs2 + r * gs3 + W - 1] = 0;
                od++;
                continue;
            }
            for (int oh = 0; oh < oH; oh++) {
                int r0 = gb + z * gs2 + 2 * oh * gs3;
                MaxPool2x2.backwardRow(go, ob + od * gradOut.stride(2) + oh * gradOut.stride(3), ix, ib + od * indices.stride(2)
                        + oh * indices.stride(3), oW, W, (z * H + 2 * oh) * W, gi, r0, r0 + gs3);
                if (W > 2 * oW) { gi[r0 + W - 1] = 0; gi[r0 + gs3 + W - 1] = 0; }
            }
            od++;
        }
    }

    private static void backwardPlane(Pool p, Windows win, Tensor gradIn, Tensor gradOut, Tensor indices, Tensor in,
                                      Tensor out, int n, int c) {
        float[] gi = f(gradIn), go = f(gradOut);
        int D = gradIn.size(2), H = gradIn.size(3), W = gradIn.size(4);
        int oD = gradOut.size(2), oH = gradOut.size(3), oW = gradOut.size(4);
        int gs2 = gradIn.stride(2), gs3 = gradIn.stride(3), gs4 = gradIn.stride(4);
        int gb = gradIn.offset() + n * gradIn.stride(0) + c * gradIn.stride(1);
        int ob = gradOut.offset() + n * gradOut.stride(0) + c * gradOut.stride(1);
        int os2 = gradOut.stride(2), os3 = gradOut.stride(3), os4 = gradOut.stride(4);
        for (int z = 0; z < D; z++) for (int hh = 0; hh < H; hh++) {
            int row = gb + z * gs2 + hh * gs3;
            if (gs4 == 1) java.util.Arrays.fill(gi, row, row + W, 0f);
            else for (int ww = 0; ww < W; ww++) gi[row + ww * gs4] = 0;
        }
        if (p.kind() == Pool.Kind.MAX) {
            int[] ix = ((HeapStorage) indices.storage()).ints();
            int ib = indices.offset() + n * indices.stride(0) + c * indices.stride(1);
            int is2 = indices.stride(2), is3 = indices.stride(3), is4 = indices.stride(4), hw = H * W;
            for (int od = 0; od < oD; od++) for (int oh = 0; oh < oH; oh++) {
                int iRow = ib + od * is2 + oh * is3, oRow = ob + od * os2 + oh * os3;
                for (int ow = 0; ow < oW; ow++) {
                    int flat = ix[iRow + ow * is4], z = D == 1 ? 0 : flat / hw, rest = flat - z * hw, hh = rest / W;
                    gi[gb + z * gs2 + hh * gs3 + (rest - hh * W) * gs4] += go[oRow + ow * os4];
                }
            }
            return;
        }
        boolean lse = p.kind() == Pool.Kind.LSE;
        float[] x = lse ? f(in) : null, y = lse ? f(out) : null;
        int xb = lse ? in.offset() + n * in.stride(0) + c * in.stride(1) : 0;
        int yb = lse ? out.offset() + n * out.stride(0) + c * out.stride(1) : 0;
        int sd = win.step[0], sh = win.step[1], sw = win.step[2];
        for (int od = 0; od < oD; od++) {
            int zs = win.start[0][od], z0 = win.lo[0][od], z1 = win.hi[0][od], zv = win.div[0][od];
            for (int oh = 0; oh < oH; oh++) {
                int hs = win.start[1][oh], h0 = win.lo[1][oh], h1 = win.hi[1][oh], hv = win.div[1][oh];
                for (int ow = 0; ow < oW; ow++) {
                    int ws = win.start[2][ow], w0 = win.lo[2][ow], w1 = win.hi[2][ow];
                    float g = go[ob + od * os2 + oh * os3 + ow * os4];
                    int valid = (z1 - z0) * (h1 - h0) * (w1 - w0);
                    float share = lse ? 0 : g / ((float) zv * hv * win.div[2][ow]);
                    double yv = lse ? y[yb + od * out.stride(2) + oh * out.stride(3) + ow * out.stride(4)] : 0;
                    for (int a = z0; a < z1; a++) for (int b = h0; b < h1; b++) {
                        int z = zs + a * sd, hh = hs + b * sh, row = gb + z * gs2 + hh * gs3;
                        if (!lse) {
                            for (int e = w0; e < w1; e++) gi[row + (ws + e * sw) * gs4] += share;
                            continue;
                        }
                        int xrow = xb + z * in.stride(2) + hh * in.stride(3);
                        for (int e = w0; e < w1; e++) {
                            int ww = ws + e * sw;
                            gi[row + ww * gs4] += (float) (g * StrictMath.exp(p.beta() * (x[xrow + ww * in.stride(4)] - yv)) / valid);
                        }
                    }
                }
            }
        }
    }
}
