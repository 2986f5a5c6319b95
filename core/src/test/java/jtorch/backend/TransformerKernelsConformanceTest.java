package jtorch.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.cpu.Parallel;
import jtorch.backend.ref.RefBackend;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The Transformer layer's kernels {@link Backend#gemmBatched}, {@link Backend#softmax}, {@link Backend#softmaxBackward}
 * and {@link Backend#layerNorm} with its backward kernels (γ and β, γ only, neither; rows inside wider rows): cpu
 * F32 and the interface's composed defaults against the ref F64 oracle on the same F32-representable inputs, rank 3
 * and 4, each operand plain or transposed, C contiguous or a strided per-head view, beta 0 (C filled with NaN, which
 * must not leak) and beta ≠ 0, sizes on and off the tile and lane multiples, a broadcast (stride-0) operand, masks
 * with −∞ and a fully masked row (NaN in every back end), in place; a second cpu call and a 1-thread call give the
 * same bits as the first (2-thread) call.
 */
class TransformerKernelsConformanceTest {
    static final Backend CPU = Backends.cpu(), REF = Backends.ref();

    /** Reaches the interface's default kernels (a class extending RefBackend cannot name Backend.super itself). */
    interface ViaDefaults extends Backend {
        default void defaultGemmBatched(double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            Backend.super.gemmBatched(alpha, a, b, beta, c);
        }
        default void defaultSoftmax(Tensor out, Tensor in, Tensor bias) { Backend.super.softmax(out, in, bias); }
        default void defaultSoftmaxBackward(Tensor gi, Tensor go, Tensor out) { Backend.super.softmaxBackward(gi, go, out); }
        default void defaultAttention(Tensor q, Tensor k, Tensor v, Tensor bias, double scale, Tensor p, Tensor ctx) {
            Backend.super.attention(q, k, v, bias, scale, p, ctx);
        }
        default void defaultAttentionBackward(Tensor q, Tensor k, Tensor v, Tensor p, Tensor dctx, double scale,
                                              Tensor dp, Tensor dq, Tensor dk, Tensor dv) {
            Backend.super.attentionBackward(q, k, v, p, dctx, scale, dp, dq, dk, dv);
        }
        default void defaultLayerNorm(Tensor y, Tensor xh, Tensor inv, Tensor x, Tensor g, Tensor b, double eps) {
            Backend.super.layerNorm(y, xh, inv, x, g, b, eps);
        }
        default void defaultLayerNormBackward(Tensor gi, Tensor go, Tensor xh, Tensor inv, Tensor g) {
            Backend.super.layerNormBackward(gi, go, xh, inv, g);
        }
        default void defaultLayerNormParams(Tensor gg, Tensor gb, Tensor go, Tensor xh, double scale) {
            Backend.super.layerNormParams(gg, gb, go, xh, scale);
        }
    }

    /** The interface's default kernels on top of the reference back end. */
    static final class Defaults extends RefBackend implements ViaDefaults {
        @Override public void gemmBatched(double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            defaultGemmBatched(alpha, a, b, beta, c);
        }
        @Override public void softmax(Tensor out, Tensor in, Tensor bias) { defaultSoftmax(out, in, bias); }
        @Override public void softmaxBackward(Tensor gi, Tensor go, Tensor out) { defaultSoftmaxBackward(gi, go, out); }
        @Override public void layerNorm(Tensor y, Tensor xh, Tensor inv, Tensor x, Tensor g, Tensor b, double eps) {
            defaultLayerNorm(y, xh, inv, x, g, b, eps);
        }
        @Override public void layerNormBackward(Tensor gi, Tensor go, Tensor xh, Tensor inv, Tensor g) {
            defaultLayerNormBackward(gi, go, xh, inv, g);
        }
        @Override public void layerNormParams(Tensor gg, Tensor gb, Tensor go, Tensor xh, double scale) {
            defaultLayerNormParams(gg, gb, go, xh, scale);
        }
    }

    static final Backend DEFAULTS = new Defaults();

    /** The cpu back end with the unfused attention (the interface's composition of its batched kernels). */
    static final class CpuUnfused extends jtorch.backend.cpu.CpuBackend implements ViaDefaults {
        @Override public void attention(Tensor q, Tensor k, Tensor v, Tensor bias, double scale, Tensor p, Tensor ctx) {
            defaultAttention(q, k, v, bias, scale, p, ctx);
        }
        @Override public void attentionBackward(Tensor q, Tensor k, Tensor v, Tensor p, Tensor dctx, double scale,
                                                Tensor dp, Tensor dq, Tensor dk, Tensor dv) {
            defaultAttentionBackward(q, k, v, p, dctx, scale, dp, dq, dk, dv);
        }
    }

    static Tensor on(Tensor t, Backend be, DType dt) { return Tensor.zeros(be, dt, t.sizes()).copy(t.to(dt).to(be)); }

    /** An operand of logical shape lead + [r, c], stored transposed (as the view of a [.., c, r] tensor) when asked. */
    static Tensor operand(Tensor base, boolean transposed) {
        int d = base.dim();
        return transposed ? base.transpose(d - 2, d - 1).contiguous().transpose(d - 2, d - 1) : base;
    }

    /** |got − ref| ≤ tol·(1 + |ref|) where ref is finite; NaN exactly where ref is NaN. */
    static void assertClose(String what, Tensor got, Tensor ref, double tol) {
        Tensor g = got.to(DType.F64).to(REF), zero = Tensor.zeros(REF, DType.F64, 1);
        Tensor gn = g.ne(g), rn = ref.ne(ref);
        assertEquals(0, gn.sub(rn).abs().sum(), 0, what + ": NaN positions differ");
        Tensor err = Tensor.where(rn, zero, g.sub(ref).abs().sub(ref.abs().mulInPlace(tol)));
        double worst = err.max();
        assertTrue(worst <= tol, what + ": off by " + worst);
    }

    static void gemmCase(int[] lead, int m, int n, int k, boolean ta, boolean tb, boolean stridedC, double beta,
                         boolean broadcastA) {
        Generator g = new Generator(m * 1000L + n * 10L + k + (ta ? 3 : 0) + (tb ? 5 : 0));
        int[] as = concat(lead, m, k), bs = concat(lead, k, n), cs = concat(lead, m, n);
        Tensor a0 = Tensor.randn(g, as), b0 = Tensor.randn(g, bs), c0 = Tensor.randn(g, cs);
        if (broadcastA) {
            int[] one = as.clone();
            one[0] = 1;
            a0 = Tensor.randn(g, one).expand(as);
        }
        String what = "gemmBatched lead " + java.util.Arrays.toString(lead) + " " + m + "x" + n + "x" + k + (ta ? " tA" : "")
                + (tb ? " tB" : "") + (stridedC ? " stridedC" : "") + " beta " + beta + (broadcastA ? " broadcastA" : "");
        Tensor want = run(REF, DType.F64, a0, b0, c0, ta, tb, stridedC, beta, broadcastA);
        int threads = Parallel.threads();
        try {
            Parallel.setThreads(2);
            Tensor cpu = run(CPU, DType.F32, a0, b0, c0, ta, tb, stridedC, beta, broadcastA);
            Tensor again = run(CPU, DType.F32, a0, b0, c0, ta, tb, stridedC, beta, broadcastA);
            Parallel.setThreads(1);
            Tensor one = run(CPU, DType.F32, a0, b0, c0, ta, tb, stridedC, beta, broadcastA);
            assertClose(what + " cpu", cpu, want, 2e-6 * (4 + k));
            assertEquals(0, cpu.sub(again).abs().max(), 0, what + ": second call differs");
            assertEquals(0, cpu.sub(one).abs().max(), 0, what + ": 1 thread differs from 2");
        } finally {
            Parallel.setThreads(threads);
        }
        assertClose(what + " default", run(DEFAULTS, DType.F64, a0, b0, c0, ta, tb, stridedC, beta, broadcastA), want, 1e-12);
    }

    static Tensor run(Backend be, DType dt, Tensor a0, Tensor b0, Tensor c0, boolean ta, boolean tb, boolean stridedC,
                      double beta, boolean broadcastA) {
        Tensor a = broadcastA ? a0.to(dt).to(be) : operand(on(a0, be, dt), ta);
        Tensor b = operand(on(b0, be, dt), tb);
        Tensor c;
        int d = c0.dim();
        if (stridedC) { // C rows inside wider rows, as a head's columns of a [T, B·E] tensor
            int[] wide = c0.sizes().clone();
            wide[d - 1] += 7;
            c = Tensor.zeros(be, dt, wide).narrow(d - 1, 3, c0.size(d - 1));
        } else {
            c = Tensor.zeros(be, dt, c0.sizes());
        }
        if (beta == 0) c.fillInPlace(Double.NaN); else c.copy(c0.to(dt).to(be));
        be.gemmBatched(0.75, a, b, beta, c);
        return c.to(DType.F64).to(REF);
    }

    static int[] concat(int[] lead, int r, int c) {
        int[] s = java.util.Arrays.copyOf(lead, lead.length + 2);
        s[lead.length] = r;
        s[lead.length + 1] = c;
        return s;
    }

    @Test void gemmBatched() {
        int[][] mnk = {{64, 64, 32}, {64, 32, 64}, {13, 37, 9}, {1, 5, 3}, {17, 33, 1}, {9, 16, 40}, {40, 3, 7}};
        for (int[] s : mnk) for (boolean ta : new boolean[] {false, true}) for (boolean tb : new boolean[] {false, true}) {
            gemmCase(new int[] {3}, s[0], s[1], s[2], ta, tb, false, 0, false);
            gemmCase(new int[] {2, 3}, s[0], s[1], s[2], ta, tb, true, 0.5, false);
        }
        gemmCase(new int[] {48}, 64, 64, 32, false, true, true, 0, false); // large enough to split over 2 threads
        gemmCase(new int[] {48}, 64, 32, 64, true, false, true, 1, false);
        gemmCase(new int[] {4}, 20, 48, 24, false, false, false, 0.5, true);
        gemmCase(new int[] {2}, 8, 300, 200, false, false, false, 0, false); // panel too large: per-slice gemm
    }

    /** Scores [lead..., r, c] and a 0/−∞ mask broadcast along dimension 1 with one fully masked row. */
    static void softmaxCase(int[] lead, int r, int c, boolean masked, boolean inPlace) {
        Generator g = new Generator(r * 100L + c + (masked ? 1 : 0));
        int[] s = concat(lead, r, c);
        Tensor x = Tensor.randn(g, s).mulInPlace(3), go = Tensor.randn(g, s);
        Tensor bias = null;
        if (masked) {
            int[] bs = s.clone();
            bs[1] = 1;
            Tensor ninf = Tensor.zeros(1).fillInPlace(Double.NEGATIVE_INFINITY);
            Tensor m = Tensor.where(Tensor.rand(g, bs).lt(0.3), ninf, Tensor.zeros(1));
            m.narrow(bs.length - 2, 0, 1).fillInPlace(Double.NEGATIVE_INFINITY); // row 0 of every slice: all masked
            bias = m.expand(s);
        }
        String what = "softmax lead " + java.util.Arrays.toString(lead) + " " + r + "x" + c + (masked ? " masked" : "")
                + (inPlace ? " in place" : "");
        Tensor[] want = softmaxRun(REF, DType.F64, x, bias, go, inPlace);
        int threads = Parallel.threads();
        try {
            Parallel.setThreads(2);
            Tensor[] cpu = softmaxRun(CPU, DType.F32, x, bias, go, inPlace);
            Tensor[] again = softmaxRun(CPU, DType.F32, x, bias, go, inPlace);
            Parallel.setThreads(1);
            Tensor[] one = softmaxRun(CPU, DType.F32, x, bias, go, inPlace);
            for (int i = 0; i < 2; i++) {
                assertClose(what + (i == 0 ? " forward" : " backward"), cpu[i], want[i], 2e-6);
                assertEquals(0, bits(cpu[i], again[i]), 0, what + ": second call differs");
                assertEquals(0, bits(cpu[i], one[i]), 0, what + ": 1 thread differs from 2");
            }
        } finally {
            Parallel.setThreads(threads);
        }
        Tensor[] def = softmaxRun(DEFAULTS, DType.F64, x, bias, go, inPlace);
        for (int i = 0; i < 2; i++) assertClose(what + " default", def[i], want[i], 1e-12);
    }

    static Tensor[] softmaxRun(Backend be, DType dt, Tensor x, Tensor bias, Tensor go, boolean inPlace) {
        Tensor in = on(x, be, dt), out = inPlace ? in : Tensor.zeros(be, dt, x.sizes());
        Tensor b = bias == null ? null : on(bias.narrow(1, 0, 1), be, dt).expand(x.sizes());
        be.softmax(out, in, b);
        Tensor g = on(go, be, dt), gi = inPlace ? g : Tensor.zeros(be, dt, x.sizes());
        be.softmaxBackward(gi, g, out);
        return new Tensor[] {out.to(DType.F64).to(REF), gi.to(DType.F64).to(REF)};
    }

    /** Elements whose bits differ (NaN equal to NaN). */
    static double bits(Tensor x, Tensor y) {
        double[] a = x.contiguous().toDoubleArray(), b = y.contiguous().toDoubleArray();
        int n = 0;
        for (int i = 0; i < a.length; i++) if (Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(b[i])) n++;
        return n;
    }

    @Test void softmax() {
        int[][] rc = {{64, 64}, {17, 19}, {5, 1}, {3, 40}};
        for (int[] s : rc) for (boolean masked : new boolean[] {false, true}) for (boolean inPlace : new boolean[] {false, true}) {
            softmaxCase(new int[] {2, 3}, s[0], s[1], masked, inPlace);
        }
        softmaxCase(new int[] {8, 4}, 64, 64, true, true); // 2,048 rows: large enough to split over 2 threads
    }

    /** [M, K] rows inside wider rows (a column block of an [M, K + 5] tensor). */
    static Tensor wideRows(Tensor t, Backend be, DType dt) {
        Tensor w = Tensor.zeros(be, dt, t.size(0), t.size(1) + 5);
        return w.narrow(1, 2, t.size(1)).copy(t.to(dt).to(be));
    }

    /** y, x̂, invstd, gradIn, gradGamma, gradBeta of one forward and backward. */
    static Tensor[] layerNormRun(Backend be, DType dt, Tensor x0, Tensor g0, Tensor gamma0, Tensor beta0, boolean wide) {
        int m = x0.size(0), k = x0.size(1);
        Tensor x = wide ? wideRows(x0, be, dt) : on(x0, be, dt), go = wide ? wideRows(g0, be, dt) : on(g0, be, dt);
        Tensor gamma = gamma0 == null ? null : on(gamma0, be, dt), beta = beta0 == null ? null : on(beta0, be, dt);
        Tensor y = Tensor.zeros(be, dt, m, k), xh = Tensor.zeros(be, dt, m, k), inv = Tensor.zeros(be, dt, m, 1);
        be.layerNorm(y, xh, inv, x, gamma, beta, 1e-5);
        Tensor gi = Tensor.zeros(be, dt, m, k), gg = Tensor.zeros(be, dt, k).fillInPlace(0.25);
        Tensor gb = Tensor.zeros(be, dt, k).fillInPlace(-0.5);
        be.layerNormBackward(gi, go, xh, inv, gamma);
        be.layerNormParams(gg, beta0 == null ? null : gb, go, xh, 0.7);
        Tensor[] r = {y, xh, inv, gi, gg, gb};
        for (int i = 0; i < r.length; i++) r[i] = r[i].to(DType.F64).to(REF);
        return r;
    }

    @Test void layerNorm() {
        int[][] mk = {{37, 128}, {5, 19}, {3, 1}, {40, 64}};
        String[] names = {"y", "xhat", "invstd", "gradIn", "gradGamma", "gradBeta"};
        for (int[] s : mk) for (int affine = 0; affine < 3; affine++) for (boolean wide : new boolean[] {false, true}) {
            Generator g = new Generator(s[0] * 31L + s[1] + affine);
            Tensor x = Tensor.randn(g, s[0], s[1]).mulInPlace(2).addInPlace(0.5), go = Tensor.randn(g, s[0], s[1]);
            Tensor gamma = affine < 2 ? Tensor.randn(g, s[1]) : null, beta = affine < 1 ? Tensor.randn(g, s[1]) : null;
            String what = "layerNorm " + s[0] + "x" + s[1] + (gamma == null ? " no gamma" : "") + (beta == null ? " no beta" : "")
                    + (wide ? " wide rows" : "");
            Tensor[] want = layerNormRun(REF, DType.F64, x, go, gamma, beta, wide);
            int threads = Parallel.threads();
            try {
                Parallel.setThreads(2);
                Tensor[] cpu = layerNormRun(CPU, DType.F32, x, go, gamma, beta, wide);
                Tensor[] again = layerNormRun(CPU, DType.F32, x, go, gamma, beta, wide);
                Parallel.setThreads(1);
                Tensor[] one = layerNormRun(CPU, DType.F32, x, go, gamma, beta, wide);
                for (int i = 0; i < want.length; i++) {
                    assertClose(what + " " + names[i], cpu[i], want[i], 2e-5 * Math.max(1, Math.sqrt(s[0])));
                    assertEquals(0, bits(cpu[i], again[i]), 0, what + " " + names[i] + ": second call differs");
                    assertEquals(0, bits(cpu[i], one[i]), 0, what + " " + names[i] + ": 1 thread differs from 2");
                }
            } finally {
                Parallel.setThreads(threads);
            }
            Tensor[] def = layerNormRun(DEFAULTS, DType.F64, x, go, gamma, beta, wide);
            for (int i = 0; i < want.length; i++) assertClose(what + " default " + names[i], def[i], want[i], 1e-10);
        }
    }

    /** p, ctx, dq, dk, dv of one fused attention forward and backward on [B, H, T, dh] head views of [T, B, 3, H, dh]. */
    static Tensor[] attentionRun(Backend be, DType dt, Tensor qkv0, Tensor g0, Tensor mask0, int b, int h, int t, int dh) {
        Tensor qkv = on(qkv0, be, dt), g = on(g0, be, dt);
        Tensor[] heads = new Tensor[3];
        for (int i = 0; i < 3; i++) heads[i] = qkv.select(2, i).permute(1, 2, 0, 3);
        Tensor p = Tensor.zeros(be, dt, b, h, t, t), ctx = Tensor.zeros(be, dt, t, b, h, dh).fillInPlace(Double.NaN);
        Tensor bias = mask0 == null ? null : on(mask0, be, dt).view(b, 1, t, t).expand(b, h, t, t);
        Tensor ch = ctx.permute(1, 2, 0, 3);
        be.attention(heads[0], heads[1], heads[2], bias, 0.3, p, ch);
        Tensor d = Tensor.zeros(be, dt, t, b, 3, h, dh).fillInPlace(Double.NaN), dp = Tensor.zeros(be, dt, b, h, t, t);
        Tensor[] dh3 = new Tensor[3];
        for (int i = 0; i < 3; i++) dh3[i] = d.select(2, i).permute(1, 2, 0, 3);
        be.attentionBackward(heads[0], heads[1], heads[2], p, g.permute(1, 2, 0, 3), 0.3, dp, dh3[0], dh3[1], dh3[2]);
        Tensor[] r = {p, ctx, d};
        for (int i = 0; i < r.length; i++) r[i] = r[i].to(DType.F64).to(REF);
        return r;
    }

    @Test void attention() {
        int[][] cases = {{3, 4, 64, 32}, {2, 3, 13, 8}};
        for (int[] c : cases) for (boolean masked : new boolean[] {false, true}) {
            int b = c[0], h = c[1], t = c[2], dh = c[3];
            Generator g = new Generator(b * 1000L + t + (masked ? 1 : 0));
            Tensor qkv = Tensor.randn(g, t, b, 3, h, dh), go = Tensor.randn(g, t, b, h, dh), mask = null;
            if (masked) { // causal, so no row is fully masked
                mask = Tensor.zeros(b, t, t);
                for (int i = 0; i < t; i++) mask.narrow(1, i, 1).narrow(2, i + 1, t - i - 1).fillInPlace(Double.NEGATIVE_INFINITY);
            }
            String what = "attention B " + b + " H " + h + " T " + t + " dh " + dh + (masked ? " causal" : "");
            Tensor[] want = attentionRun(REF, DType.F64, qkv, go, mask, b, h, t, dh);
            int threads = Parallel.threads();
            try {
                Parallel.setThreads(2);
                Tensor[] cpu = attentionRun(CPU, DType.F32, qkv, go, mask, b, h, t, dh);
                Tensor[] unfused = attentionRun(new CpuUnfused(), DType.F32, qkv, go, mask, b, h, t, dh);
                Parallel.setThreads(1);
                Tensor[] one = attentionRun(CPU, DType.F32, qkv, go, mask, b, h, t, dh);
                String[] names = {"p", "ctx", "dq dk dv"};
                for (int i = 0; i < want.length; i++) {
                    assertClose(what + " " + names[i], cpu[i], want[i], 2e-5);
                    assertEquals(0, bits(cpu[i], unfused[i]), 0, what + " " + names[i] + ": fused differs from unfused");
                    assertEquals(0, bits(cpu[i], one[i]), 0, what + " " + names[i] + ": 1 thread differs from 2");
                }
            } finally {
                Parallel.setThreads(threads);
            }
        }
    }
}
