package jtorch.backend.cpu;

import jtorch.backend.ConvSpec;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * F32 convolution as im2col tiles feeding {@link Sgemm}: per (sample, tile of output positions, group) the column
 * matrix col [CK, n] ({@link Im2col}, at most {@link ConvPlan#TILE_FLOATS} floats, reused per thread) and
 * <pre>
 *   forward:         y_g[og, n]   = W_g[og, CK] · col[CK, n] (+ bias)
 *   backward input:  col[CK, n]   = W_gᵀ · gy_g[og, n], then scattered back (col2im) into gx
 *   backward weight: gW_g[og, CK] += gy_g[og, n] · colᵀ
 * </pre>
 * Threads: forward splits (sample, tile) items, backward-input splits samples (tiles of one sample overlap in gx),
 * backward-weight sums a fixed number of partial gradients (one per contiguous block of items, independent of the
 * thread count) in a fixed order, so every result has the same bits with any number of threads. Work of under
 * {@link #MIN_MACS} multiply-adds per thread stays on one thread; a single item (batch 1, one tile) leaves the
 * threading to the GEMM.
 * <p>Stride-1 2-d and 1-d convolutions (padding at most (K−1)·dilation; any groups, dilation, input strides) go to the
 * direct kernels instead ({@link DirectConv}, {@link DirectConvWeight}: no im2col matrix, the input copied once per
 * sample onto an extended grid). Measured with {@code ./jtorch run jtorch.bench.ConvLayerBench 1 cpu} (2-core EPYC,
 * AVX-512, thread CPU time, load 8–18 from other agents), GFLOP/s forward / backward-input / backward-weight, direct
 * against this im2col path ({@code -Djtorch.conv.direct=false}): LeNet conv1 55 / 29 / 45 against 23 / 17 / 21, conv2
 * 58 / 40 / 25–35 against 41 / 27 / 26, 3×3 64→64 on 32×32 (batch 64) 89 / 85 / 61–68 against 41 / 48 / 33. The
 * im2col path stays for strided and 3-d convolutions: one code path for every geometry on the tuned SGEMM, with
 * per-tile column buffers (≤ 128 KB) instead of a whole-batch one.
 */
final class Conv {
    /**
     * Smallest per-thread work worth a hand-off: ~0.5M multiply-adds, ≥ ~50 µs with the im2col copies (a hand-off costs
     * ~15 µs, waking a parked pool thread ~50 µs, see {@link Parallel}).
     */
    static final long MIN_MACS = 1 << 19;
    /** Partial weight gradients of backward-weight. */
    static final int PARTIALS = 8;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][0]);

    private Conv() {}

    /**
     * Per-thread buffer i (0: column matrix, 1: a multi-sample tile's output or output gradient, 2: a sample's
     * {@link PhaseIm2col} copy, 3: backward-weight's partial sums, on the calling thread) of at least n floats.
     */
    private static float[] scratch(int i, int n) {
        float[][] s = SCRATCH.get();
        if (s[i].length < n) s[i] = new float[n];
        return s[i];
    }

    /** The column matrix of samples b0..b0+ns−1, positions p0..p0+n−1, group g: col[CK, ns·n], sample s at column s·n. */
    private static void gather(ConvPlan q, float[] xa, int xo, int g, int b0, int ns, int p0, int n, float[] col) {
        boolean phase = PhaseIm2col.accepts(q);
        float[] p = phase ? scratch(2, PhaseIm2col.size(q)) : null;
        for (int s = 0; s < ns; s++) {
            int xb = xo + (b0 + s) * q.sb + g * q.cg * q.sc;
            if (phase) {
                PhaseIm2col.split(q, xa, xb, p);
                PhaseIm2col.gather(q, p, col, s * n, ns * n, p0, n);
            } else {
                Im2col.gather(q, xa, xb, col, s * n, ns * n, p0, n);
            }
        }
    }

    /** Adds the tile's column matrix col[CK, ns·n] of group g back into gx [B, C_in, ...] (contiguous at gxo). */
    private static void scatter(ConvPlan q, float[] col, int g, int b0, int ns, int p0, int n, float[] gxa, int gxo) {
        boolean phase = PhaseIm2col.accepts(q);
        float[] p = phase ? scratch(2, PhaseIm2col.size(q)) : null;
        int per = q.cin * q.d * q.h * q.w;
        for (int s = 0; s < ns; s++) {
            int gb = gxo + (b0 + s) * per + g * q.cg * q.d * q.h * q.w;
            if (phase) {
                PhaseIm2col.scatterAdd(q, col, s * n, ns * n, p0, n, p);
                PhaseIm2col.unsplitAdd(q, p, gxa, gb);
            } else {
                Im2col.scatterAdd(q, col, s * n, ns * n, p0, n, gxa, gb);
            }
        }
    }

    /**
     * Copies between a tensor [B, C_out, O] (contiguous at {@code to}) and a multi-sample tile t[og, ns·n] of group g
     * (sample s at column s·n): {@code in} true reads the tensor into the tile, false writes the tile out adding
     * bias[bo + channel] when bias is not null.
     */
    private static void tile(ConvPlan q, float[] ta, int to, int g, int b0, int ns, int p0, int n, float[] t, boolean in,
                             float[] bias, int bo) {
        int ld = ns * n;
        for (int s = 0; s < ns; s++) for (int r = 0; r < q.og; r++) {
            int ti = (b0 + s) * q.cout * q.o + (g * q.og + r) * q.o + p0 + to, si = r * ld + s * n;
            if (in) System.arraycopy(ta, ti, t, si, n);
            else if (bias == null) System.arraycopy(t, si, ta, ti, n);
            else {
                float v = bias[bo + g * q.og + r];
                for (int j = 0; j < n; j++) ta[ti + j] = t[si + j] + v;
            }
        }
    }

    private static float[] floats(Tensor t) { return ((HeapStorage) t.storage()).floats(); }

    private static Tensor as5d(Tensor t) {
        while (t.dim() < 5) t = t.unsqueeze(2);
        return t;
    }

    /** {@code -Djtorch.conv.direct=false} turns the direct kernels off (to compare with im2col). */
    static final boolean DIRECT = !"false".equals(System.getProperty("jtorch.conv.direct"));

    /** Direct kernels ({@link DirectConv}) for the geometries they take (stride 1, 2-d or 1-d). */
    static boolean direct(ConvPlan q) { return DIRECT && DirectConv.accepts(q); }

    private static DirectGrid grid(ConvPlan q) { return DirectGrid.forward(q.cg, q.h, q.w, q.kh, q.kw, q.ph, q.pw, q.dh, q.dw); }

    private static int grain(ConvPlan q) { return (int) Math.max(1, MIN_MACS / Math.max(1, q.itemMacs())); }

    static void forward(ConvSpec spec, Tensor out, Tensor in, Tensor weight, Tensor bias) {
        spec.check("convForward", in, weight, out);
        if (!out.isContiguous()) {
            Tensor t = out.zerosLike();
            forward(spec, t, in, weight, bias);
            out.copy(t);
            return;
        }
        Tensor x = as5d(in), y = as5d(out), w = weight.contiguous();
        ConvPlan q = new ConvPlan(spec.to3d(), x, y);
        float[] xa = floats(x), ya = floats(y), wa = floats(w), ba = bias == null ? null : floats(bias.contiguous());
        int xo = x.offset(), yo = y.offset(), wo = w.offset(), bo = bias == null ? 0 : bias.contiguous().offset();
        if (direct(q)) {
            DirectConv.forward(grid(q), q.batch, q.groups, q.og, xa, xo, q.sb, q.sc, q.sh, q.sw, wa, wo, ba, bo, ya, yo);
            return;
        }
        Parallel.range(q.sampleGroups * q.tiles, grain(q), (from, to) -> {
            float[] col = scratch(0, q.ck * q.tile * q.spt + PhaseIm2col.SLACK), ot = q.spt > 1 ? scratch(1, q.og * q.o * q.spt) : null;
            for (int item = from; item < to; item++) {
                int i = item / q.tiles, b0 = q.groupStart(i), ns = q.groupSize(i);
                int p0 = (item % q.tiles) * q.tile, n = Math.min(q.tile, q.o - p0), ld = ns * n;
                for (int g = 0; g < q.groups; g++) {
                    gather(q, xa, xo, g, b0, ns, p0, n, col);
                    if (ns > 1) {
                        Sgemm.gemm(q.og, ld, q.ck, 1f, wa, wo + g * q.og * q.ck, q.ck, 1, col, 0, ld, 1, 0f, ot, 0, ld, 1);
                        tile(q, ya, yo, g, b0, ns, p0, n, ot, false, ba, bo);
                        continue;
                    }
                    int yb = yo + (b0 * q.cout + g * q.og) * q.o + p0;
                    Sgemm.gemm(q.og, n, q.ck, 1f, wa, wo + g * q.og * q.ck, q.ck, 1, col, 0, n, 1, 0f, ya, yb, q.o, 1);
                    if (ba != null) {
                        for (int r = 0; r < q.og; r++) {
                            float v = ba[bo + g * q.og + r];
                            for (int j = yb + r * q.o, e = j + n; j < e; j++) ya[j] += v;
                        }
                    }
                }
            }
        });
    }

    static void backwardInput(ConvSpec spec, Tensor gradIn, Tensor gradOut, Tensor weight) {
        spec.check("convBackwardInput", gradIn, weight, gradOut);
        if (!gradIn.isContiguous()) {
            Tensor t = gradIn.zerosLike();
            backwardInput(spec, t, gradOut, weight);
            gradIn.copy(t);
            return;
        }
        Tensor gx = as5d(gradIn), gy = as5d(gradOut).contiguous(), w = weight.contiguous();
        ConvPlan q = new ConvPlan(spec.to3d(), gx, gy);
        float[] gxa = floats(gx), gya = floats(gy), wa = floats(w);
        int gxo = gx.offset(), gyo = gy.offset(), wo = w.offset(), per = q.cin * q.d * q.h * q.w;
        if (direct(q)) {
            DirectConv.backwardInput(q, gya, gyo, wa, wo, gxa, gxo);
            return;
        }
        Parallel.range(q.sampleGroups, (int) Math.max(1, MIN_MACS / Math.max(1, q.groupMacs())), (from, to) -> {
            float[] col = scratch(0, q.ck * q.tile * q.spt + PhaseIm2col.SLACK), gys = q.spt > 1 ? scratch(1, q.og * q.o * q.spt) : null;
            java.util.Arrays.fill(gxa, gxo + q.groupStart(from) * per, gxo + q.groupStart(to) * per, 0f);
            for (int i = from; i < to; i++) {
                int b0 = q.groupStart(i), ns = q.groupSize(i);
                for (int p0 = 0; p0 < q.o; p0 += q.tile) {
                    int n = Math.min(q.tile, q.o - p0), ld = ns * n;
                    for (int g = 0; g < q.groups; g++) {
                        if (ns > 1) {
                            tile(q, gya, gyo, g, b0, ns, p0, n, gys, true, null, 0);
                            Sgemm.gemm(q.ck, ld, q.og, 1f, wa, wo + g * q.og * q.ck, 1, q.ck, gys, 0, ld, 1, 0f, col, 0, ld, 1);
                        } else {
                            int yb = gyo + (b0 * q.cout + g * q.og) * q.o + p0;
                            Sgemm.gemm(q.ck, n, q.og, 1f, wa, wo + g * q.og * q.ck, 1, q.ck, gya, yb, q.o, 1, 0f, col, 0, n, 1);
                        }
                        scatter(q, col, g, b0, ns, p0, n, gxa, gxo);
                    }
                }
            }
        });
    }

    static void backwardWeight(ConvSpec spec, Tensor gradWeight, Tensor gradOut, Tensor in, float scale) {
        spec.check("convBackwardWeight", in, gradWeight, gradOut);
        if (!gradWeight.isContiguous()) {
            Tensor t = gradWeight.zerosLike();
            backwardWeight(spec, t, gradOut, in, scale);
            gradWeight.addInPlace(t);
            return;
        }
        Tensor x = as5d(in), gy = as5d(gradOut).contiguous();
        ConvPlan q = new ConvPlan(spec.to3d(), x, gy);
        float[] xa = floats(x), gya = floats(gy), gwa = floats(gradWeight);
        int xo = x.offset(), gyo = gy.offset(), gwo = gradWeight.offset(), wn = q.cout * q.ck;
        if (direct(q)) {
            DirectConvWeight.backwardWeight(grid(q), q.batch, q.groups, q.og, xa, xo, q.sb, q.sc, q.sh, q.sw, gya, gyo, gwa,
                    gwo, scale);
            return;
        }
        int items = q.sampleGroups * q.tiles, parts = Math.min(items, PARTIALS);
        float[] partial = scratch(3, parts * wn); // the calling thread's; each part's first item overwrites its block
        int grain = (int) Math.max(1, MIN_MACS / Math.max(1, q.itemMacs() * q.spt * items / parts));
        Parallel.range(parts, grain, (pFrom, pTo) -> {
            float[] col = scratch(0, q.ck * q.tile * q.spt + PhaseIm2col.SLACK), gys = q.spt > 1 ? scratch(1, q.og * q.o * q.spt) : null;
            for (int part = pFrom; part < pTo; part++) {
                int from = (int) ((long) items * part / parts), to = (int) ((long) items * (part + 1) / parts);
                for (int item = from; item < to; item++) {
                    int i = item / q.tiles, b0 = q.groupStart(i), ns = q.groupSize(i);
                    int p0 = (item % q.tiles) * q.tile, n = Math.min(q.tile, q.o - p0), ld = ns * n;
                    for (int g = 0; g < q.groups; g++) {
                        gather(q, xa, xo, g, b0, ns, p0, n, col);
                        float beta = item == from ? 0f : 1f;
                        int pw = part * wn + g * q.og * q.ck;
                        if (ns > 1) {
                            tile(q, gya, gyo, g, b0, ns, p0, n, gys, true, null, 0);
                            Sgemm.gemm(q.og, q.ck, ld, 1f, gys, 0, ld, 1, col, 0, 1, ld, beta, partial, pw, q.ck, 1);
                        } else {
                            int yb = gyo + (b0 * q.cout + g * q.og) * q.o + p0;
                            Sgemm.gemm(q.og, q.ck, n, 1f, gya, yb, q.o, 1, col, 0, 1, n, beta, partial, pw, q.ck, 1);
                        }
                    }
                }
            }
        });
        for (int i = 0; i < wn; i++) {
            float s = partial[i];
            for (int part = 1; part < parts; part++) s += partial[part * wn + i];
            gwa[gwo + i] += scale * s;
        }
    }
}
