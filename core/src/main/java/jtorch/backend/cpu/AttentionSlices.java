package jtorch.backend.cpu;

import jtorch.tensor.Tensor;

/**
 * The cpu back end's fused {@link jtorch.backend.Backend#attention} and its backward: every product and the softmax of
 * one slice (one head of one sequence) run back to back, so the slice's 16 KB of weights (64 × 64) stay in L1/L2
 * between them, where the unfused calls stream all slices' weights (0.8 MB at B·H = 48) through the caches once per
 * step of the computation. Each slice runs exactly {@link SgemmBatched#slice} and {@link SoftmaxRows}' row code, so
 * the bits equal the unfused calls'; slices are split over threads in contiguous ranges.
 */
final class AttentionSlices {
    private AttentionSlices() {}

    /** Leading-dimension slices of t (a matrix per slice). */
    private static int slices(Tensor t) {
        int n = 1;
        for (int d = 0; d < t.dim() - 2; d++) n *= t.size(d);
        return n;
    }

    private static int rowStride(Tensor t) { return t.stride(t.dim() - 2); }

    /** False (nothing done) unless every operand is F32 on the heap and each product takes {@link SgemmBatched}. */
    static boolean forward(Tensor q, Tensor k, Tensor v, Tensor bias, float scale, Tensor p, Tensor ctx) {
        int r = q.dim();
        if (r < 3 || !SoftmaxRows.accepts(q, k, v, bias, p, ctx) || !Sgemm.accepts(q, k, p) || !Sgemm.accepts(v, ctx, p))
            return false;
        SgemmBatched.Plan scores = SgemmBatched.plan(q, k.transpose(r - 2, r - 1), p), mix = SgemmBatched.plan(p, v, ctx);
        if (scores == null || mix == null || p.stride(r - 1) != 1) return false;
        float[] fq = floats(q), fk = floats(k), fv = floats(v), fp = floats(p), fc = floats(ctx);
        float[] fb = bias == null ? null : floats(bias);
        int tq = p.size(r - 2), tk = p.size(r - 1), ps = rowStride(p), bs = bias == null ? 0 : rowStride(bias);
        int grain = (int) Math.max(1, SgemmBatched.GRAIN_MACS / Math.max(1, scores.macs() + mix.macs()));
        Parallel.range(slices(p), grain, (from, to) -> {
            float[][] buf = SgemmBatched.buffers(scores, mix);
            float[] stat = new float[SoftmaxRows.BLOCK + SgemmBatched.L];
            for (int s = from; s < to; s++) {
                int po = SgemmBatched.offset(p, s), bo = bias == null ? 0 : SgemmBatched.offset(bias, s);
                SgemmBatched.slice(scores, scale, fq, SgemmBatched.offset(q, s), fk, SgemmBatched.offset(k, s), 0, fp,
                        po, buf);
                for (int i = 0; i < tq; i += SoftmaxRows.BLOCK) {
                    int len = Math.min(SoftmaxRows.BLOCK, tq - i);
                    SoftmaxRows.block(fp, po + i * ps, ps, fp, po + i * ps, ps, fb, bo + i * bs, bs, tk, len, stat);
                }
                SgemmBatched.slice(mix, 1, fp, po, fv, SgemmBatched.offset(v, s), 0, fc, SgemmBatched.offset(ctx, s), buf);
            }
        });
        return true;
    }

    static boolean backward(Tensor q, Tensor k, Tensor v, Tensor p, Tensor dctx, float scale, Tensor dp, Tensor dq,
                            Tensor dk, Tensor dv) {
        int r = q.dim();
        if (r < 3 || !SoftmaxRows.accepts(q, k, v, p, dctx, dp, dq, dk, dv) || !Sgemm.accepts(q, k, v)
                || !Sgemm.accepts(p, dctx, dp) || !Sgemm.accepts(dq, dk, dv)) return false;
        Tensor pt = p.transpose(r - 2, r - 1), dpt = dp.transpose(r - 2, r - 1);
        SgemmBatched.Plan pv = SgemmBatched.plan(pt, dctx, dv), gv = SgemmBatched.plan(dctx, v.transpose(r - 2, r - 1), dp);
        SgemmBatched.Plan sq = SgemmBatched.plan(dp, k, dq), sk = SgemmBatched.plan(dpt, q, dk);
        if (pv == null || gv == null || sq == null || sk == null || p.stride(r - 1) != 1 || dp.stride(r - 1) != 1)
            return false;
        float[] fq = floats(q), fk = floats(k), fv = floats(v), fp = floats(p), fg = floats(dctx), fd = floats(dp);
        float[] fdq = floats(dq), fdk = floats(dk), fdv = floats(dv);
        int tq = p.size(r - 2), tk = p.size(r - 1), ps = rowStride(p), ds = rowStride(dp);
        long macs = pv.macs() + gv.macs() + sq.macs() + sk.macs();
        Parallel.range(slices(p), (int) Math.max(1, SgemmBatched.GRAIN_MACS / Math.max(1, macs)), (from, to) -> {
            float[][] buf = SgemmBatched.buffers(pv, gv, sq, sk);
            for (int s = from; s < to; s++) {
                int po = SgemmBatched.offset(p, s), go = SgemmBatched.offset(dctx, s), dpo = SgemmBatched.offset(dp, s);
                int qo = SgemmBatched.offset(q, s), ko = SgemmBatched.offset(k, s);
                SgemmBatched.slice(pv, 1, fp, po, fg, go, 0, fdv, SgemmBatched.offset(dv, s), buf);
                SgemmBatched.slice(gv, 1, fg, go, fv, SgemmBatched.offset(v, s), 0, fd, dpo, buf);
                for (int i = 0; i < tq; i++) SoftmaxRows.rowBackward(fd, dpo + i * ds, fd, dpo + i * ds, fp, po + i * ps, tk);
                SgemmBatched.slice(sq, scale, fd, dpo, fk, ko, 0, fdq, SgemmBatched.offset(dq, s), buf);
                SgemmBatched.slice(sk, scale, fd, dpo, fq, qo, 0, fdk, SgemmBatched.offset(dk, s), buf);
            }
        });
        return true;
    }

    private static float[] floats(Tensor t) { return ((jtorch.tensor.HeapStorage) t.storage()).floats(); }
}
