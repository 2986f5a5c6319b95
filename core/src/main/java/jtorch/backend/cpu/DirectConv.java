package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;

/**
 * Direct F32 convolution at stride 1 on the extended grid ({@link DirectGrid}), for layers with few channels where
 * im2col's copy (every input value copied once per kernel tap) costs more than the multiply-adds (LeNet: about twice).
 * Per (sample, group) the input is padded into a per-thread buffer, then each pair of output channels is computed in
 * register blocks of 2 channels × 6 vectors of grid positions (12 accumulators; per tap 6 unaligned loads, 2
 * broadcasts, 12 FMAs; a last 3-vector step with 6), summing the taps t = (c, a, e) in order, starting from the bias: every output element is
 * {@code fma(x, w_t, …fma(x, w_0, bias))}, the same bits with any thread count. An odd last channel is paired with a
 * zero weight row whose results are dropped. The grid rows are copied into y, dropping the Wp − Ow wasted columns.
 * <p>Backward-input is this kernel too ({@link #backwardInput}): ∂L/∂x is the correlation of ∂L/∂y with the flipped
 * kernel, input and output channels swapped, on the forward's grid ({@link DirectGrid#transposed}).
 */
final class DirectConv {
    private static final int L = DirectGrid.L;
    private static final FloatVector ZERO = FloatVector.zero(DirectGrid.F);
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][0]);

    private DirectConv() {}

    /** Per-thread buffer i (0: padded input, 1: grid output, 2: zero weights, 3: flipped weights) of at least n floats. */
    static float[] scratch(int i, int n) {
        float[][] s = SCRATCH.get();
        if (s[i].length < n) s[i] = new float[n];
        return s[i];
    }

    /**
     * y [B, G·og, Oh, Ow] (contiguous at yo) = conv(x, w) + bias; x [B, G·cg, H, W] at xo with element strides sb, sc,
     * sh, sw; w [G·og, cg, Kh, Kw] contiguous at wo; bias [G·og] at bo or null.
     */
    static void forward(DirectGrid gr, int batch, int groups, int og, float[] x, int xo, int sb, int sc, int sh, int sw,
                        float[] w, int wo, float[] bias, int bo, float[] y, int yo) {
        long macs = (long) og * gr.ck * gr.q;
        Parallel.range(batch * groups, (int) Math.max(1, Conv.MIN_MACS / Math.max(1, macs)), (from, to) -> {
            float[] xp = scratch(0, gr.size), grid = scratch(1, (og + 1) * gr.q);
            float[] zero = zeros(gr.ck);
            for (int item = from; item < to; item++) {
                int b = item / groups, g = item % groups;
                gr.pad(x, xo + b * sb + g * gr.c * sc, sc, sh, sw, xp, 0);
                for (int co = 0; co < og; co += 2) {
                    int c0 = g * og + co;
                    boolean pair = co + 1 < og;
                    float b0 = bias == null ? 0f : bias[bo + c0], b1 = bias == null || !pair ? 0f : bias[bo + c0 + 1];
                    block(gr, xp, w, wo + c0 * gr.ck, pair ? w : zero, pair ? wo + (c0 + 1) * gr.ck : 0, b0, b1, grid,
                            co * gr.q, (co + 1) * gr.q);
                }
                int yb = yo + (b * groups + g) * og * gr.outRows * gr.outCols;
                for (int co = 0; co < og; co++) for (int r = 0; r < gr.outRows; r++) {
                    System.arraycopy(grid, co * gr.q + gr.outAt + r * gr.wp, y, yb + (co * gr.outRows + r) * gr.outCols, gr.outCols);
                }
            }
        });
    }

    /**
     * gx [B, Cin, H, W] (contiguous at gxo) = ∂L/∂x from gy [B, Cout, Oh, Ow] (contiguous at gyo) and w [Cout, cg, Kh,
     * Kw] (contiguous at wo), for a stride-1 plan with padding at most (K−1)·dilation.
     */
    static void backwardInput(ConvPlan p, float[] gy, int gyo, float[] w, int wo, float[] gx, int gxo) {
        int kk = p.kh * p.kw, n = p.cout * p.cg * kk;
        float[] flip = scratch(3, n);
        for (int g = 0; g < p.groups; g++) for (int co = 0; co < p.og; co++) for (int ci = 0; ci < p.cg; ci++) {
            int src = wo + ((g * p.og + co) * p.cg + ci) * kk, dst = ((g * p.cg + ci) * p.og + co) * kk;
            for (int t = 0; t < kk; t++) flip[dst + t] = w[src + kk - 1 - t];
        }
        DirectGrid gr = DirectGrid.transposed(p.og, p.oh, p.ow, p.h, p.w, p.kh, p.kw, p.ph, p.pw, p.dh, p.dw);
        forward(gr, p.batch, p.groups, p.cg, gy, gyo, p.cout * p.o, p.o, p.ow, 1, flip, 0, null, 0, gx, gxo);
    }

    /** Whether the direct kernels take plan p: 2-d or 1-d, stride 1, padding at most (K−1)·dilation. */
    static boolean accepts(ConvPlan p) {
        return p.d == 1 && p.kd == 1 && p.sth == 1 && p.stw == 1 && p.ph <= (p.kh - 1) * p.dh && p.pw <= (p.kw - 1) * p.dw;
    }

    private static float[] zeros(int n) {
        float[] z = scratch(2, n);
        java.util.Arrays.fill(z, 0, n, 0f);
        return z;
    }

    /** Two output channels (weight rows at w0 of wa and w1 of wb) over the whole grid into out at o0 and o1. */
    private static void block(DirectGrid gr, float[] xp, float[] wa, int w0, float[] wb, int w1, float b0, float b1,
                              float[] out, int o0, int o1) {
        int[] off = gr.off;
        int ck = gr.ck, q0 = 0;
        for (; q0 + 2 * DirectGrid.STEP <= gr.q; q0 += 2 * DirectGrid.STEP) {
            FloatVector a0 = ZERO.add(b0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
            FloatVector c0 = ZERO.add(b1), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
            for (int t = 0; t < ck; t++) {
                int s = q0 + off[t];
                FloatVector u = FloatVector.broadcast(DirectGrid.F, wa[w0 + t]), v = FloatVector.broadcast(DirectGrid.F, wb[w1 + t]);
                FloatVector x0 = FloatVector.fromArray(DirectGrid.F, xp, s), x1 = FloatVector.fromArray(DirectGrid.F, xp, s + L);
                FloatVector x2 = FloatVector.fromArray(DirectGrid.F, xp, s + 2 * L), x3 = FloatVector.fromArray(DirectGrid.F, xp, s + 3 * L);
                FloatVector x4 = FloatVector.fromArray(DirectGrid.F, xp, s + 4 * L), x5 = FloatVector.fromArray(DirectGrid.F, xp, s + 5 * L);
                a0 = x0.fma(u, a0); a1 = x1.fma(u, a1); a2 = x2.fma(u, a2); a3 = x3.fma(u, a3); a4 = x4.fma(u, a4); a5 = x5.fma(u, a5);
                c0 = x0.fma(v, c0); c1 = x1.fma(v, c1); c2 = x2.fma(v, c2); c3 = x3.fma(v, c3); c4 = x4.fma(v, c4); c5 = x5.fma(v, c5);
            }
            a0.intoArray(out, o0 + q0); a1.intoArray(out, o0 + q0 + L); a2.intoArray(out, o0 + q0 + 2 * L);
            a3.intoArray(out, o0 + q0 + 3 * L); a4.intoArray(out, o0 + q0 + 4 * L); a5.intoArray(out, o0 + q0 + 5 * L);
            c0.intoArray(out, o1 + q0); c1.intoArray(out, o1 + q0 + L); c2.intoArray(out, o1 + q0 + 2 * L);
            c3.intoArray(out, o1 + q0 + 3 * L); c4.intoArray(out, o1 + q0 + 4 * L); c5.intoArray(out, o1 + q0 + 5 * L);
        }
        if (q0 < gr.q) { // one 3-vector step left: the same sums, 6 accumulators
            FloatVector a0 = ZERO.add(b0), a1 = a0, a2 = a0, c0 = ZERO.add(b1), c1 = c0, c2 = c0;
            for (int t = 0; t < ck; t++) {
                int s = q0 + off[t];
                FloatVector u = FloatVector.broadcast(DirectGrid.F, wa[w0 + t]), v = FloatVector.broadcast(DirectGrid.F, wb[w1 + t]);
                FloatVector x0 = FloatVector.fromArray(DirectGrid.F, xp, s), x1 = FloatVector.fromArray(DirectGrid.F, xp, s + L);
                FloatVector x2 = FloatVector.fromArray(DirectGrid.F, xp, s + 2 * L);
                a0 = x0.fma(u, a0); a1 = x1.fma(u, a1); a2 = x2.fma(u, a2);
                c0 = x0.fma(v, c0); c1 = x1.fma(v, c1); c2 = x2.fma(v, c2);
            }
            a0.intoArray(out, o0 + q0); a1.intoArray(out, o0 + q0 + L); a2.intoArray(out, o0 + q0 + 2 * L);
            c0.intoArray(out, o1 + q0); c1.intoArray(out, o1 + q0 + L); c2.intoArray(out, o1 + q0 + 2 * L);
        }
    }
}
