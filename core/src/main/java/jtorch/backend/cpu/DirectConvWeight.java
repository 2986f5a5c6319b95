package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;

/**
 * Direct F32 backward-weight at stride 1 on the extended grid ({@link DirectGrid}): with gy copied onto the grid (zero
 * in the wasted columns and past the last row),
 * <pre>
 *   ∂L/∂w[co, t] += scale · Σ_b Σ_q gy[b, co, q] · xp[b, q + off(t)]
 * </pre>
 * The batch is cut into {@link Conv#PARTIALS} fixed blocks (independent of the thread count). Per block and group the
 * samples are laid out on the grid once, then register blocks of 2 output channels × 5 taps (10 vector accumulators;
 * per grid vector 2 + 5 loads, 10 FMAs) run over the block's samples and grid positions; each accumulator's lanes are
 * then summed in a fixed pairwise order into the block's partial gradient, and the partials in block order into ∂L/∂w. So the
 * result has the same bits with any number of threads. Channels and taps past the last are zero rows and offset-0
 * taps whose results are dropped. Note: a wasted grid column multiplies a zero gradient by an input value, so an
 * infinite input can make a weight gradient NaN where the reference keeps it infinite.
 */
final class DirectConvWeight {
    private static final int L = DirectGrid.L, TAPS = 5;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

    private DirectConvWeight() {}

    private static float[] scratch(int i, int n) {
        float[][] s = SCRATCH.get();
        if (s[i].length < n) s[i] = new float[n];
        return s[i];
    }

    /**
     * gw [G·og, cg, Kh, Kw] (contiguous at gwo) += scale · ∂L/∂w for x [B, G·cg, H, W] at xo (strides sb, sc, sh, sw)
     * and gy [B, G·og, Oh, Ow] contiguous at gyo.
     */
    static void backwardWeight(DirectGrid gr, int batch, int groups, int og, float[] x, int xo, int sb, int sc, int sh,
                               int sw, float[] gy, int gyo, float[] gw, int gwo, float scale) {
        int ck = gr.ck, wn = groups * og * ck, parts = Math.min(batch, Conv.PARTIALS);
        int taps = (ck + TAPS - 1) / TAPS * TAPS, per = gr.size + (og + 1) * gr.q;
        int[] off = java.util.Arrays.copyOf(gr.off, taps); // padding taps read offset 0; their sums are dropped
        float[] partial = scratch(1, parts * wn); // the caller's; every entry in use is written before it is read
        long macs = (long) batch / parts * og * taps * gr.q;
        Parallel.range(parts, (int) Math.max(1, Conv.MIN_MACS / Math.max(1, macs)), (pFrom, pTo) -> {
            for (int part = pFrom; part < pTo; part++) {
                int from = (int) ((long) batch * part / parts), to = (int) ((long) batch * (part + 1) / parts), nb = to - from;
                float[] buf = scratch(0, nb * per), lanes = scratch(2, 2 * TAPS * L);
                for (int g = 0; g < groups; g++) {
                    for (int i = 0; i < nb; i++) {
                        int b = from + i, base = i * per;
                        gr.pad(x, xo + b * sb + g * gr.c * sc, sc, sh, sw, buf, base);
                        java.util.Arrays.fill(buf, base + gr.size, base + per, 0f);
                        for (int co = 0; co < og; co++) for (int r = 0; r < gr.outRows; r++) {
                            System.arraycopy(gy, gyo + ((b * groups + g) * og + co) * gr.outRows * gr.outCols + r * gr.outCols,
                                    buf, base + gr.size + co * gr.q + gr.outAt + r * gr.wp, gr.outCols);
                        }
                    }
                    for (int co = 0; co < og; co += 2) {
                        int r1 = co + 1 < og ? co + 1 : og; // row og: zeros
                        for (int t = 0; t < taps; t += TAPS) {
                            block(buf, nb, per, gr, off, t, co, r1, partial, part * wn + (g * og + co) * ck, co + 1 < og, ck, lanes);
                        }
                    }
                }
            }
        });
        for (int i = 0; i < wn; i++) {
            float s = partial[i];
            for (int part = 1; part < parts; part++) s += partial[part * wn + i];
            gw[gwo + i] += scale * s;
        }
    }

    /** Channels co, r1 (grid rows) × taps [t, t + 5) over nb samples; sums into partial at pb (row co) and pb + ck. */
    private static void block(float[] buf, int nb, int per, DirectGrid gr, int[] off, int t, int co, int r1,
                              float[] partial, int pb, boolean pair, int ck, float[] lanes) {
        FloatVector a0 = FloatVector.zero(DirectGrid.F), a1 = a0, a2 = a0, a3 = a0, a4 = a0;
        FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0, c4 = a0;
        int o0 = off[t], o1 = off[t + 1], o2 = off[t + 2], o3 = off[t + 3], o4 = off[t + 4];
        for (int i = 0; i < nb; i++) {
            int xb = i * per, g0 = xb + gr.size + co * gr.q, g1 = xb + gr.size + r1 * gr.q;
            for (int q = 0; q < gr.q; q += L) {
                FloatVector u = FloatVector.fromArray(DirectGrid.F, buf, g0 + q), v = FloatVector.fromArray(DirectGrid.F, buf, g1 + q);
                int s = xb + q;
                FloatVector x0 = FloatVector.fromArray(DirectGrid.F, buf, s + o0), x1 = FloatVector.fromArray(DirectGrid.F, buf, s + o1);
                FloatVector x2 = FloatVector.fromArray(DirectGrid.F, buf, s + o2), x3 = FloatVector.fromArray(DirectGrid.F, buf, s + o3);
                FloatVector x4 = FloatVector.fromArray(DirectGrid.F, buf, s + o4);
                a0 = x0.fma(u, a0); a1 = x1.fma(u, a1); a2 = x2.fma(u, a2); a3 = x3.fma(u, a3); a4 = x4.fma(u, a4);
                c0 = x0.fma(v, c0); c1 = x1.fma(v, c1); c2 = x2.fma(v, c2); c3 = x3.fma(v, c3); c4 = x4.fma(v, c4);
            }
        }
        a0.intoArray(lanes, 0); a1.intoArray(lanes, L); a2.intoArray(lanes, 2 * L); a3.intoArray(lanes, 3 * L);
        a4.intoArray(lanes, 4 * L); c0.intoArray(lanes, 5 * L); c1.intoArray(lanes, 6 * L); c2.intoArray(lanes, 7 * L);
        c3.intoArray(lanes, 8 * L); c4.intoArray(lanes, 9 * L);
        for (int k = 0; k < TAPS; k++) put(lanes, k, partial, pb + t + k, t + k < ck);
        if (pair) for (int k = 0; k < TAPS; k++) put(lanes, TAPS + k, partial, pb + ck + t + k, t + k < ck);
    }

    /**
     * partial[i] = the L lanes of an accumulator (stored at lanes[k·L]) summed pairwise in a fixed tree (lane j with
     * lane j + h for h = L/2, …, 1), when the tap exists: the same bits interpreted or compiled (unlike
     * {@code reduceLanes(ADD)}, whose order is the JIT's), depth log2 L instead of a chain of L − 1 adds. The block
     * stores its accumulators first: a vector passed to a method that is not inlined is boxed (allocates).
     */
    private static void put(float[] lanes, int k, float[] partial, int i, boolean keep) {
        if (!keep) return;
        int b = k * L;
        for (int h = L / 2; h > 0; h /= 2) for (int j = 0; j < h; j++) lanes[b + j] += lanes[b + j + h];
        partial[i] = lanes[b];
    }
}
