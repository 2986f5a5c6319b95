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

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[1][0]);

    private Conv() {}

    private static float[] scratch(int n) {
        float[][] s = SCRATCH.get();
        if (s[0].length < n) s[0] = new float[n];
        return s[0];
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
        Parallel.range(q.batch * q.tiles, grain(q), (from, to) -> {
            float[] col = scratch(q.ck * q.tile);
            for (int item = from; item < to; item++) {
                int b = item / q.tiles, p0 = (item % q.tiles) * q.tile, n = Math.min(q.tile, q.o - p0);
                for (int g = 0; g < q.groups; g++) {
                    Im2col.gather(q, xa, xo + b * q.sb + g * q.cg * q.sc, col, p0, n);
                    int yb = yo + (b * q.cout + g * q.og) * q.o + p0;
                    Sgemm.gemm(q.og, n, q.ck, 1f, wa, wo + g * q.og * q.ck, q.ck, 1, col, 0, n, 1, 0f, ya, yb, q.o, 1);
                    if (ba != null) {
                        for (int r = 0; r < q.og; r++) {
                            float v = ba[bo + g * q.og + r];
                            for (int i = yb + r * q.o, e = i + n; i < e; i++) ya[i] += v;
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
        Parallel.range(q.batch, (int) Math.max(1, MIN_MACS / Math.max(1, q.itemMacs() * q.tiles)), (from, to) -> {
            float[] col = scratch(q.ck * q.tile);
            java.util.Arrays.fill(gxa, gxo + from * per, gxo + to * per, 0f);
            for (int b = from; b < to; b++) {
                for (int p0 = 0; p0 < q.o; p0 += q.tile) {
                    int n = Math.min(q.tile, q.o - p0);
                    for (int g = 0; g < q.groups; g++) {
                        int yb = gyo + (b * q.cout + g * q.og) * q.o + p0;
                        Sgemm.gemm(q.ck, n, q.og, 1f, wa, wo + g * q.og * q.ck, 1, q.ck, gya, yb, q.o, 1, 0f, col, 0, n, 1);
                        Im2col.scatterAdd(q, col, p0, n, gxa, gxo + b * per + g * q.cg * q.d * q.h * q.w);
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
        int items = q.batch * q.tiles, parts = Math.min(items, PARTIALS);
        float[] partial = new float[parts * wn];
        int grain = (int) Math.max(1, MIN_MACS / Math.max(1, q.itemMacs() * items / parts));
        Parallel.range(parts, grain, (pFrom, pTo) -> {
            float[] col = scratch(q.ck * q.tile);
            for (int part = pFrom; part < pTo; part++) {
                int from = (int) ((long) items * part / parts), to = (int) ((long) items * (part + 1) / parts);
                for (int item = from; item < to; item++) {
                    int b = item / q.tiles, p0 = (item % q.tiles) * q.tile, n = Math.min(q.tile, q.o - p0);
                    for (int g = 0; g < q.groups; g++) {
                        Im2col.gather(q, xa, xo + b * q.sb + g * q.cg * q.sc, col, p0, n);
                        int yb = gyo + (b * q.cout + g * q.og) * q.o + p0;
                        Sgemm.gemm(q.og, q.ck, n, 1f, gya, yb, q.o, 1, col, 0, 1, n, item == from ? 0f : 1f,
                                partial, part * wn + g * q.og * q.ck, q.ck, 1);
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
