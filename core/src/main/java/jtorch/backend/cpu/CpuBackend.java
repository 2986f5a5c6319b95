package jtorch.backend.cpu;

import jtorch.backend.ref.RefBackend;

/**
 * The fast CPU back end: F32 kernels with the Vector API ({@code FloatVector.SPECIES_PREFERRED}), split across
 * {@link Parallel#threads()} above a size threshold. Other dtypes (F64, I32) run on the inherited reference loops.
 * <p>Bit-reproducible: for a fixed thread count every kernel returns the same bits on every call, interpreted or
 * compiled (transcendentals from IEEE lane arithmetic in {@code VectorMath}, lane sums in a fixed order by
 * {@code Lanes}, scalar tails computing the vector formula; checked by KernelReproducibilityTest).
 */
public class CpuBackend extends RefBackend {
    @Override public String name() { return "cpu"; }

    /** F32 heap tensors: the packed, multithreaded {@link Sgemm}; other dtypes: the reference loops. */
    @Override public void gemm(double alpha, jtorch.tensor.Tensor a, jtorch.tensor.Tensor b, double beta,
                               jtorch.tensor.Tensor c) {
        if (Sgemm.accepts(a, b, c)) Sgemm.gemm((float) alpha, a, b, (float) beta, c);
        else super.gemm(alpha, a, b, beta, c);
    }

    /** F32 heap slices of small products: {@link SgemmBatched}; else a {@link #gemm} per slice. */
    @Override public void gemmBatched(double alpha, jtorch.tensor.Tensor a, jtorch.tensor.Tensor b, double beta,
                                      jtorch.tensor.Tensor c) {
        if (c.dim() >= 3 && Sgemm.accepts(a, b, c) && SgemmBatched.gemm((float) alpha, a, b, (float) beta, c)) return;
        super.gemmBatched(alpha, a, b, beta, c);
    }

    /** F32 operands the batched kernels take: fused per slice ({@link AttentionSlices}); else the separate kernels. */
    @Override public void attention(jtorch.tensor.Tensor q, jtorch.tensor.Tensor k, jtorch.tensor.Tensor v,
                                    jtorch.tensor.Tensor bias, double scale, jtorch.tensor.Tensor p,
                                    jtorch.tensor.Tensor ctx) {
        if (!AttentionSlices.forward(q, k, v, bias, (float) scale, p, ctx)) super.attention(q, k, v, bias, scale, p, ctx);
    }

    @Override public void attentionBackward(jtorch.tensor.Tensor q, jtorch.tensor.Tensor k, jtorch.tensor.Tensor v,
                                            jtorch.tensor.Tensor p, jtorch.tensor.Tensor dctx, double scale,
                                            jtorch.tensor.Tensor dp, jtorch.tensor.Tensor dq, jtorch.tensor.Tensor dk,
                                            jtorch.tensor.Tensor dv) {
        if (!AttentionSlices.backward(q, k, v, p, dctx, (float) scale, dp, dq, dk, dv)) {
            super.attentionBackward(q, k, v, p, dctx, scale, dp, dq, dk, dv);
        }
    }

    /** F32 rows of unit stride: the fused {@link SoftmaxRows}; else the reference loops. */
    @Override public void softmax(jtorch.tensor.Tensor out, jtorch.tensor.Tensor in, jtorch.tensor.Tensor bias) {
        if (SoftmaxRows.accepts(out, in, bias)) SoftmaxRows.forward(out, in, bias);
        else super.softmax(out, in, bias);
    }

    @Override public void softmaxBackward(jtorch.tensor.Tensor gradIn, jtorch.tensor.Tensor gradOut,
                                          jtorch.tensor.Tensor out) {
        if (SoftmaxRows.accepts(gradIn, gradOut, out)) SoftmaxRows.backward(gradIn, gradOut, out);
        else super.softmaxBackward(gradIn, gradOut, out);
    }

    /** F32 rows of unit stride: the fused {@link LayerNormRows}; else the reference loops. */
    @Override public void layerNorm(jtorch.tensor.Tensor y, jtorch.tensor.Tensor xhat, jtorch.tensor.Tensor invstd,
                                    jtorch.tensor.Tensor x, jtorch.tensor.Tensor gamma, jtorch.tensor.Tensor beta,
                                    double eps) {
        if (LayerNormRows.accepts(y, xhat, invstd, x, gamma, beta)) LayerNormRows.forward(y, xhat, invstd, x, gamma, beta, eps);
        else super.layerNorm(y, xhat, invstd, x, gamma, beta, eps);
    }

    @Override public void layerNormBackward(jtorch.tensor.Tensor gradIn, jtorch.tensor.Tensor gradOut,
                                            jtorch.tensor.Tensor xhat, jtorch.tensor.Tensor invstd,
                                            jtorch.tensor.Tensor gamma) {
        if (LayerNormRows.accepts(gradIn, gradOut, xhat, invstd, gamma)) {
            LayerNormRows.backward(gradIn, gradOut, xhat, invstd, gamma);
        } else {
            super.layerNormBackward(gradIn, gradOut, xhat, invstd, gamma);
        }
    }

    @Override public void layerNormParams(jtorch.tensor.Tensor gradGamma, jtorch.tensor.Tensor gradBeta,
                                          jtorch.tensor.Tensor gradOut, jtorch.tensor.Tensor xhat, double scale) {
        if (LayerNormRows.accepts(gradGamma, gradBeta, gradOut, xhat)) {
            LayerNormRows.params(gradGamma, gradBeta, gradOut, xhat, (float) scale);
        } else {
            super.layerNormParams(gradGamma, gradBeta, gradOut, xhat, scale);
        }
    }

    /** F32 B with k ≤ KC: packed into the micro-kernels' panels once ({@link SgemmPacked}); else a contiguous copy. */
    @Override public jtorch.backend.PackedMatrix pack(jtorch.tensor.Tensor b) { return SgemmPacked.pack(this, b); }

    @Override public jtorch.backend.PackedMatrix pack(jtorch.tensor.Tensor b, jtorch.backend.PackedMatrix reuse) {
        return SgemmPacked.pack(this, b, reuse);
    }

    /** F32 heap operands of GEMM shape (no skinny side): {@link SgemmPair}, A packed once; else two {@link #gemm}s. */
    @Override public void gemmPair(double alpha, jtorch.tensor.Tensor a, jtorch.tensor.Tensor b1, jtorch.tensor.Tensor b2,
                                   double beta, jtorch.tensor.Tensor c1, jtorch.tensor.Tensor c2) {
        if (!Sgemm.pair((float) alpha, a, b1, b2, (float) beta, c1, c2)) super.gemmPair(alpha, a, b1, b2, beta, c1, c2);
    }

    @Override public void gemmPacked(double alpha, jtorch.tensor.Tensor a, jtorch.backend.PackedMatrix b, double beta,
                                     jtorch.tensor.Tensor c) {
        if (b.data().dim() == 2 || !SgemmPacked.accepts(a, c)) { gemm(alpha, a, b.data(), beta, c); return; }
        jtorch.tensor.Tensor ar = a.stride(1) == 1 || a.size(1) == 1 ? a : a.contiguous();
        if (c.stride(1) == 1 || c.size(1) == 1) { SgemmPacked.gemm((float) alpha, ar, b, (float) beta, c); return; }
        jtorch.tensor.Tensor t = c.clone(); // C with strided rows: through a contiguous temporary
        SgemmPacked.gemm((float) alpha, ar, b, (float) beta, t);
        c.copy(t);
    }

    // ---- F32 element-wise, where, reductions: Elementwise, Reduce, ArgReduce (other dtypes: the reference loops)

    private static boolean f32(jtorch.tensor.Tensor t) {
        return t.dtype() == jtorch.tensor.DType.F32 && t.storage() instanceof jtorch.tensor.HeapStorage;
    }

    @Override public void fill(jtorch.tensor.Tensor out, double v) {
        if (f32(out)) Elementwise.fill(out, (float) v);
        else super.fill(out, v);
    }

    @Override public void copy(jtorch.tensor.Tensor dst, jtorch.tensor.Tensor src) {
        if (!f32(dst) || !f32(src)) { super.copy(dst, src); return; }
        if (dst.storage() == src.storage()) {
            if (dst.offset() == src.offset() && java.util.Arrays.equals(dst.strides(), src.strides())) return;
            src = src.to(this).clone(); // may overlap: read everything first
        }
        Elementwise.copy(dst, src);
    }

    @Override public void unary(jtorch.backend.UnaryOp op, double a, double b, jtorch.tensor.Tensor out,
                                jtorch.tensor.Tensor in) {
        if (f32(out) && f32(in)) Elementwise.unary(op, a, b, out, in);
        else super.unary(op, a, b, out, in);
    }

    @Override public void binary(jtorch.backend.BinaryOp op, double alpha, jtorch.tensor.Tensor out,
                                 jtorch.tensor.Tensor x, jtorch.tensor.Tensor y) {
        if (f32(out) && f32(x) && f32(y)) Elementwise.binary(op, alpha, out, x, y);
        else super.binary(op, alpha, out, x, y);
    }

    @Override public void where(jtorch.tensor.Tensor out, jtorch.tensor.Tensor cond, jtorch.tensor.Tensor x,
                                jtorch.tensor.Tensor y) {
        if (f32(out) && f32(cond) && f32(x) && f32(y)) Elementwise.where(out, cond, x, y);
        else super.where(out, cond, x, y);
    }

    @Override public void reduce(jtorch.backend.ReduceOp op, jtorch.tensor.Tensor out, jtorch.tensor.Tensor in, int dim) {
        if (f32(out) && f32(in)) Reduce.reduce(op, out, in, dim);
        else super.reduce(op, out, in, dim);
    }

    @Override public void argReduce(boolean max, jtorch.tensor.Tensor values, jtorch.tensor.Tensor indices,
                                    jtorch.tensor.Tensor in, int dim) {
        if (f32(values) && f32(in) && in.size(dim) > 0 && indices.dtype() == jtorch.tensor.DType.I32
                && indices.storage() instanceof jtorch.tensor.HeapStorage) ArgReduce.run(max, values, indices, in, dim);
        else super.argReduce(max, values, indices, in, dim);
    }

    /** Row scatters (an embedding's gradient) by {@link ScatterRows}; everything else by the reference loop. */
    @Override public void indexSelect(jtorch.tensor.Tensor out, jtorch.tensor.Tensor in, int dim,
                                      jtorch.tensor.Tensor index) {
        if (GatherRows.accepts(out, in, dim, index)) GatherRows.run(out, in, index);
        else super.indexSelect(out, in, dim, index);
    }

    @Override public void scatterAdd(jtorch.tensor.Tensor out, int dim, jtorch.tensor.Tensor index,
                                     jtorch.tensor.Tensor src) {
        if (ScatterRows.accepts(out, dim, index, src)) ScatterRows.run(out, index, src);
        else super.scatterAdd(out, dim, index, src);
    }

    // ---- F32 memory-network kernels with unit-stride rows (SentenceRows, MemoryReadRows); otherwise the reference loops

    @Override public void sentenceEncode(jtorch.tensor.Tensor out, jtorch.tensor.Tensor words,
                                         java.util.List<jtorch.tensor.Tensor> embs,
                                         java.util.List<jtorch.tensor.Tensor> times, boolean position) {
        if (!SentenceRows.encode(out, words, embs, times, position)) super.sentenceEncode(out, words, embs, times, position);
    }

    @Override public void sentenceEncodeBackward(java.util.List<jtorch.tensor.Tensor> gradEmbs,
                                                 java.util.List<jtorch.tensor.Tensor> gradTimes,
                                                 jtorch.tensor.Tensor words, jtorch.tensor.Tensor gradOut,
                                                 boolean position, double scale) {
        if (!SentenceRows.encodeBackward(gradEmbs, gradTimes, words, gradOut, position, (float) scale)) {
            super.sentenceEncodeBackward(gradEmbs, gradTimes, words, gradOut, position, scale);
        }
    }

    @Override public void memoryRead(jtorch.tensor.Tensor p, jtorch.tensor.Tensor o, jtorch.tensor.Tensor m,
                                     jtorch.tensor.Tensor c, jtorch.tensor.Tensor u, boolean softmax) {
        if (!MemoryReadRows.read(p, o, m, c, u, softmax)) super.memoryRead(p, o, m, c, u, softmax);
    }

    @Override public void memoryReadBackward(jtorch.tensor.Tensor gm, jtorch.tensor.Tensor gc, jtorch.tensor.Tensor gu,
                                             jtorch.tensor.Tensor g, jtorch.tensor.Tensor p, jtorch.tensor.Tensor m,
                                             jtorch.tensor.Tensor c, jtorch.tensor.Tensor u, boolean softmax) {
        if (!MemoryReadRows.readBackward(gm, gc, gu, g, p, m, c, u, softmax)) {
            super.memoryReadBackward(gm, gc, gu, g, p, m, c, u, softmax);
        }
    }

    // ---- F32 per-channel (batch-norm) kernels on contiguous [B, C, L] (ChannelKernels); otherwise the reference loops

    @Override public void channelMoments(jtorch.tensor.Tensor x, jtorch.tensor.Tensor mean, jtorch.tensor.Tensor var) {
        jtorch.backend.ref.RefBackend.checkChannels("channelMoments", x, null, mean, var);
        if (!ChannelKernels.moments(x, mean, var)) super.channelMoments(x, mean, var);
    }

    @Override public void channelDots(jtorch.tensor.Tensor g, jtorch.tensor.Tensor x, jtorch.tensor.Tensor mean,
                                      jtorch.tensor.Tensor sumG, jtorch.tensor.Tensor sumGX) {
        jtorch.backend.ref.RefBackend.checkChannels("channelDots", x, g, mean, sumG, sumGX);
        if (!ChannelKernels.dots(g, x, mean, sumG, sumGX)) super.channelDots(g, x, mean, sumG, sumGX);
    }

    @Override public void channelAffine(jtorch.tensor.Tensor out, jtorch.tensor.Tensor x, jtorch.tensor.Tensor a,
                                        jtorch.tensor.Tensor s, jtorch.tensor.Tensor y, jtorch.tensor.Tensor k) {
        jtorch.backend.ref.RefBackend.checkChannels("channelAffine", x, out, a, s, k);
        jtorch.backend.ref.RefBackend.checkChannels("channelAffine", x, y);
        if ((y == null) != (k == null)) throw new IllegalArgumentException("channelAffine: y and k must both be given or both be null");
        if (!ChannelKernels.affine(out, x, a, s, y, k)) super.channelAffine(out, x, a, s, y, k);
    }

    // ---- F32 convolution: im2col tiles + Sgemm (Conv); other dtypes: the reference loops

    @Override public void convForward(jtorch.backend.ConvSpec spec, jtorch.tensor.Tensor out, jtorch.tensor.Tensor in,
                                      jtorch.tensor.Tensor weight, jtorch.tensor.Tensor bias) {
        if (f32(out) && f32(in) && f32(weight) && (bias == null || f32(bias))) Conv.forward(spec, out, in, weight, bias);
        else super.convForward(spec, out, in, weight, bias);
    }

    @Override public void convBackwardInput(jtorch.backend.ConvSpec spec, jtorch.tensor.Tensor gradIn,
                                            jtorch.tensor.Tensor gradOut, jtorch.tensor.Tensor weight) {
        if (f32(gradIn) && f32(gradOut) && f32(weight)) Conv.backwardInput(spec, gradIn, gradOut, weight);
        else super.convBackwardInput(spec, gradIn, gradOut, weight);
    }

    @Override public void convBackwardWeight(jtorch.backend.ConvSpec spec, jtorch.tensor.Tensor gradWeight,
                                             jtorch.tensor.Tensor gradOut, jtorch.tensor.Tensor in, double scale) {
        if (f32(gradWeight) && f32(gradOut) && f32(in)) Conv.backwardWeight(spec, gradWeight, gradOut, in, (float) scale);
        else super.convBackwardWeight(spec, gradWeight, gradOut, in, scale);
    }

    @Override public void pool(jtorch.backend.Pool p, jtorch.tensor.Tensor out, jtorch.tensor.Tensor indices,
                               jtorch.tensor.Tensor in) {
        if (CpuPool.accepts(indices, out, in)) CpuPool.forward(p, out, indices, in);
        else super.pool(p, out, indices, in);
    }

    @Override public void poolBackward(jtorch.backend.Pool p, jtorch.tensor.Tensor gradIn, jtorch.tensor.Tensor gradOut,
                                       jtorch.tensor.Tensor indices, jtorch.tensor.Tensor in, jtorch.tensor.Tensor out) {
        if (CpuPool.accepts(indices, gradIn, gradOut, in, out)) CpuPool.backward(p, gradIn, gradOut, indices, in, out);
        else super.poolBackward(p, gradIn, gradOut, indices, in, out);
    }

    // ---- F32 recurrent cells: CpuRecurrent (other dtypes, or a last dimension that is not contiguous: the reference)

    @Override public void lstmForward(jtorch.tensor.Tensor gates, jtorch.tensor.Tensor hPrev, jtorch.tensor.Tensor cPrev,
                                      jtorch.tensor.Tensor h, jtorch.tensor.Tensor c, jtorch.tensor.Tensor tanhC,
                                      jtorch.tensor.Tensor y, jtorch.tensor.Tensor mask) {
        if (CpuRecurrent.accepts(gates, hPrev, cPrev, h, c, tanhC, y, mask))
            CpuRecurrent.lstmForward(gates, hPrev, cPrev, h, c, tanhC, y, mask);
        else super.lstmForward(gates, hPrev, cPrev, h, c, tanhC, y, mask);
    }

    @Override public void lstmBackward(jtorch.tensor.Tensor gates, jtorch.tensor.Tensor cPrev, jtorch.tensor.Tensor tanhC,
                                       jtorch.tensor.Tensor dy, jtorch.tensor.Tensor dh, jtorch.tensor.Tensor dc,
                                       jtorch.tensor.Tensor dGates, jtorch.tensor.Tensor mask) {
        if (CpuRecurrent.accepts(gates, cPrev, tanhC, dy, dh, dc, dGates, mask))
            CpuRecurrent.lstmBackward(gates, cPrev, tanhC, dy, dh, dc, dGates, mask);
        else super.lstmBackward(gates, cPrev, tanhC, dy, dh, dc, dGates, mask);
    }

    @Override public void gruForward(jtorch.tensor.Tensor a, jtorch.tensor.Tensor hh, jtorch.tensor.Tensor hPrev,
                                     jtorch.tensor.Tensor h, jtorch.tensor.Tensor y, jtorch.tensor.Tensor mask) {
        if (CpuRecurrent.accepts(a, hh, hPrev, h, y, mask)) CpuRecurrent.gruForward(a, hh, hPrev, h, y, mask);
        else super.gruForward(a, hh, hPrev, h, y, mask);
    }

    @Override public void gruBackward(jtorch.tensor.Tensor acts, jtorch.tensor.Tensor hh, jtorch.tensor.Tensor hPrev,
                                      jtorch.tensor.Tensor dy, jtorch.tensor.Tensor dh, jtorch.tensor.Tensor dA,
                                      jtorch.tensor.Tensor dHh, jtorch.tensor.Tensor mask) {
        if (CpuRecurrent.accepts(acts, hh, hPrev, dy, dh, dA, dHh, mask))
            CpuRecurrent.gruBackward(acts, hh, hPrev, dy, dh, dA, dHh, mask);
        else super.gruBackward(acts, hh, hPrev, dy, dh, dA, dHh, mask);
    }

    @Override public void rnnForward(boolean relu, jtorch.tensor.Tensor pre, jtorch.tensor.Tensor hPrev,
                                     jtorch.tensor.Tensor h, jtorch.tensor.Tensor y, jtorch.tensor.Tensor mask) {
        if (CpuRecurrent.accepts(pre, hPrev, h, y, mask)) CpuRecurrent.rnnForward(relu, pre, hPrev, h, y, mask);
        else super.rnnForward(relu, pre, hPrev, h, y, mask);
    }

    @Override public void rnnBackward(boolean relu, jtorch.tensor.Tensor h, jtorch.tensor.Tensor dy,
                                      jtorch.tensor.Tensor dh, jtorch.tensor.Tensor dPre, jtorch.tensor.Tensor mask) {
        if (CpuRecurrent.accepts(h, dy, dh, dPre, mask)) CpuRecurrent.rnnBackward(relu, h, dy, dh, dPre, mask);
        else super.rnnBackward(relu, h, dy, dh, dPre, mask);
    }

    // ---- F32 whole sequences: batch rows split across threads once per sequence (CpuRecurrentSequence)

    @Override public void lstmSequenceForward(jtorch.tensor.Tensor gates, jtorch.backend.PackedMatrix wHhT,
                                              jtorch.tensor.Tensor h, jtorch.tensor.Tensor c, jtorch.tensor.Tensor tanhC,
                                              jtorch.tensor.Tensor y, jtorch.tensor.Tensor mask, boolean reverse) {
        if (CpuRecurrentSequence.accepts(wHhT, gates, h, c, tanhC, y, mask))
            CpuRecurrentSequence.lstmForward(gates, wHhT, h, c, tanhC, y, mask, reverse);
        else super.lstmSequenceForward(gates, wHhT, h, c, tanhC, y, mask, reverse);
    }

    @Override public void lstmSequenceBackward(jtorch.tensor.Tensor gates, jtorch.backend.PackedMatrix wHh,
                                               jtorch.tensor.Tensor c, jtorch.tensor.Tensor tanhC, jtorch.tensor.Tensor dy,
                                               jtorch.tensor.Tensor dh, jtorch.tensor.Tensor dc,
                                               jtorch.tensor.Tensor dGates, jtorch.tensor.Tensor mask, boolean reverse) {
        if (CpuRecurrentSequence.accepts(wHh, gates, c, tanhC, dy, dh, dc, dGates, mask))
            CpuRecurrentSequence.lstmBackward(gates, wHh, c, tanhC, dy, dh, dc, dGates, mask, reverse);
        else super.lstmSequenceBackward(gates, wHh, c, tanhC, dy, dh, dc, dGates, mask, reverse);
    }

    @Override public void gruSequenceForward(jtorch.tensor.Tensor a, jtorch.tensor.Tensor hh, jtorch.tensor.Tensor bHh,
                                             jtorch.backend.PackedMatrix wHhT, jtorch.tensor.Tensor h,
                                             jtorch.tensor.Tensor y, jtorch.tensor.Tensor mask, boolean reverse) {
        if (CpuRecurrentSequence.accepts(wHhT, a, hh, bHh, h, y, mask))
            CpuRecurrentSequence.gruForward(a, hh, bHh, wHhT, h, y, mask, reverse);
        else super.gruSequenceForward(a, hh, bHh, wHhT, h, y, mask, reverse);
    }

    @Override public void gruSequenceBackward(jtorch.tensor.Tensor acts, jtorch.tensor.Tensor hh,
                                              jtorch.backend.PackedMatrix wHh, jtorch.tensor.Tensor h,
                                              jtorch.tensor.Tensor dy, jtorch.tensor.Tensor dh, jtorch.tensor.Tensor dA,
                                              jtorch.tensor.Tensor dHh, jtorch.tensor.Tensor mask, boolean reverse) {
        if (CpuRecurrentSequence.accepts(wHh, acts, hh, h, dy, dh, dA, dHh, mask))
            CpuRecurrentSequence.gruBackward(acts, hh, wHh, h, dy, dh, dA, dHh, mask, reverse);
        else super.gruSequenceBackward(acts, hh, wHh, h, dy, dh, dA, dHh, mask, reverse);
    }

    @Override public void rnnSequenceForward(boolean relu, jtorch.tensor.Tensor pre, jtorch.backend.PackedMatrix wHhT,
                                             jtorch.tensor.Tensor h, jtorch.tensor.Tensor y, jtorch.tensor.Tensor mask,
                                             boolean reverse) {
        if (CpuRecurrentSequence.accepts(wHhT, pre, h, y, mask))
            CpuRecurrentSequence.rnnForward(relu, pre, wHhT, h, y, mask, reverse);
        else super.rnnSequenceForward(relu, pre, wHhT, h, y, mask, reverse);
    }

    @Override public void rnnSequenceBackward(boolean relu, jtorch.backend.PackedMatrix wHh, jtorch.tensor.Tensor h,
                                              jtorch.tensor.Tensor dy, jtorch.tensor.Tensor dh, jtorch.tensor.Tensor dPre,
                                              jtorch.tensor.Tensor mask, boolean reverse) {
        if (CpuRecurrentSequence.accepts(wHh, h, dy, dh, dPre, mask))
            CpuRecurrentSequence.rnnBackward(relu, wHh, h, dy, dh, dPre, mask, reverse);
        else super.rnnSequenceBackward(relu, wHh, h, dy, dh, dPre, mask, reverse);
    }
}
