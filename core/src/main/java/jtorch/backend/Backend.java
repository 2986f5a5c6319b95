package jtorch.backend;

import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Storage;
import jtorch.tensor.Tensor;

/**
 * The kernels that tensor operations dispatch to: a small, device-neutral set. Every kernel writes into an output tensor
 * the caller has allocated with the right shape and dtype; inputs may be arbitrary strided views (broadcast dimensions
 * have stride 0). Kernels check nothing that {@link Tensor} already checked (shapes, dtypes); they do handle any strides.
 * <p>Implementations: {@code ref} (plain scalar loops, F32/F64/I32, the test oracle) and {@code cpu} (Vector API, F32,
 * multithreaded). A later accelerator back end implements the same interface with its own {@link Storage}.
 */
public interface Backend {

    /** Short name, e.g. "ref" or "cpu". */
    String name();

    /** A zero-filled storage of {@code n} elements. */
    Storage allocate(DType dtype, int n);

    /** out[i] = v for every element. */
    void fill(Tensor out, double v);

    /** dst[i] = src[i] (same shape), converting dtype when they differ (to I32 by truncation toward zero). */
    void copy(Tensor dst, Tensor src);

    /** out[i] = op(in[i], a, b); {@code out} and {@code in} have the same shape and may be the same tensor. */
    void unary(UnaryOp op, double a, double b, Tensor out, Tensor in);

    /** out[i] = op(x[i], y[i], alpha); all three have the same shape; out may alias x or y exactly. */
    void binary(BinaryOp op, double alpha, Tensor out, Tensor x, Tensor y);

    /** out[i] = cond[i] != 0 ? x[i] : y[i]; all four have the same shape. */
    void where(Tensor out, Tensor cond, Tensor x, Tensor y);

    /** Reduces {@code in} along {@code dim} into {@code out}, whose shape is in's with size 1 at {@code dim}. */
    void reduce(ReduceOp op, Tensor out, Tensor in, int dim);

    /**
     * Max ({@code max = true}) or min of {@code in} along {@code dim}: values into {@code values} (in's dtype) and the
     * index of the first extreme element into {@code indices} (I32); both have in's shape with size 1 at {@code dim}.
     * NaN counts as the extreme (as in PyTorch).
     */
    void argReduce(boolean max, Tensor values, Tensor indices, Tensor in, int dim);

    /**
     * C = alpha · A · B + beta · C for 2-d tensors A [m, k], B [k, n], C [m, n]. A transpose is just a view whose
     * strides are swapped; a back end reads strides to pick its transpose case. When beta is 0, C's old contents are
     * ignored (NaN in C does not propagate).
     */
    void gemm(double alpha, Tensor a, Tensor b, double beta, Tensor c);

    /**
     * Batched matrix product, the per-head products of attention: C_s = alpha · A_s · B_s + beta · C_s for every index s
     * of the leading dimensions of A [..., m, k], B [..., k, n], C [..., m, n] (rank ≥ 2, the same leading sizes; any
     * strides, so a leading dimension of stride 0 broadcasts an operand). When beta is 0, C's old contents are ignored.
     * Each slice gives the same bits on every call and with any thread count. Default: a {@link #gemm} per slice.
     */
    default void gemmBatched(double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        if (c.dim() == 2) { gemm(alpha, a, b, beta, c); return; }
        for (int i = 0; i < c.size(0); i++) gemmBatched(alpha, a.select(0, i), b.select(0, i), beta, c.select(0, i));
    }

    /**
     * Softmax along the last dimension: out = e / Σ_last e with e = exp(x − max_last x) and x = in + bias ({@code bias}
     * in's shape, a broadcast view allowed, or null for none), e.g. attention weights from scores and a 0/−∞ mask. out,
     * in and bias have the same shape; out may be in. A row whose x are all −∞ gives NaN (as PyTorch). Default: composed
     * from {@link #reduce}, {@link #binary} and {@link #unary} (allocates its row statistics).
     */
    default void softmax(Tensor out, Tensor in, Tensor bias) {
        int last = out.dim() - 1;
        if (bias != null) binary(BinaryOp.ADD, 1, out, in, bias);
        else if (out != in) copy(out, in);
        int[] rs = out.sizes().clone();
        rs[last] = 1;
        Tensor m = out.newZeros(rs);
        reduce(ReduceOp.MAX, m, out, last);
        binary(BinaryOp.SUB, 1, out, out, m.expand(out.sizes()));
        unary(UnaryOp.EXP, 0, 0, out, out);
        reduce(ReduceOp.SUM, m, out, last);
        binary(BinaryOp.DIV, 1, out, out, m.expand(out.sizes()));
    }

    /**
     * The softmax's backward along the last dimension from its output {@code out}: gradIn = out ⊙ (gradOut −
     * Σ_last gradOut ⊙ out); all three have the same shape and gradIn may be gradOut. Default: composed from
     * {@link #binary} and {@link #reduce} (allocates).
     */
    default void softmaxBackward(Tensor gradIn, Tensor gradOut, Tensor out) {
        int last = out.dim() - 1;
        int[] rs = out.sizes().clone();
        rs[last] = 1;
        Tensor dot = out.newZeros(rs), prod = out.newZeros(out.sizes());
        binary(BinaryOp.MUL, 1, prod, gradOut, out);
        reduce(ReduceOp.SUM, dot, prod, last);
        binary(BinaryOp.SUB, 1, gradIn, gradOut, dot.expand(out.sizes()));
        binary(BinaryOp.MUL, 1, gradIn, gradIn, out);
    }

    /**
     * Scaled dot-product attention: p = softmax(scale · q·kᵀ + bias) along the last dimension, ctx = p·v, for q
     * [..., Tq, d], k [..., Tk, d], v [..., Tk, dv], p [..., Tq, Tk] and ctx [..., Tq, dv] with the same leading
     * dimensions (p and ctx overwritten; bias p's shape, a broadcast view allowed, or null). The same as {@link
     * #gemmBatched}, {@link #softmax}, {@link #gemmBatched} (the default), which a back end may fuse per slice so that
     * each slice of p stays in cache; the same bits either way on the cpu back end.
     */
    default void attention(Tensor q, Tensor k, Tensor v, Tensor bias, double scale, Tensor p, Tensor ctx) {
        int r = q.dim();
        gemmBatched(scale, q, k.transpose(r - 2, r - 1), 0, p);
        softmax(p, p, bias);
        gemmBatched(1, p, v, 0, ctx);
    }

    /**
     * The backward of {@link #attention} from its weights p and ∂L/∂ctx: dv = pᵀ·dctx, dp = dctx·vᵀ, then dp becomes
     * ∂L/∂S = {@link #softmaxBackward}(dp, p), dq = scale · dp·k, dk = scale · dpᵀ·q (dp [..., Tq, Tk] scratch; dq,
     * dk, dv overwritten). Default: those five calls.
     */
    default void attentionBackward(Tensor q, Tensor k, Tensor v, Tensor p, Tensor dctx, double scale, Tensor dp,
                                   Tensor dq, Tensor dk, Tensor dv) {
        int r = q.dim();
        gemmBatched(1, p.transpose(r - 2, r - 1), dctx, 0, dv);
        gemmBatched(1, dctx, v.transpose(r - 2, r - 1), 0, dp);
        softmaxBackward(dp, dp, p);
        gemmBatched(scale, dp, k, 0, dq);
        gemmBatched(scale, dp.transpose(r - 2, r - 1), q, 0, dk);
    }

    /**
     * Layer normalisation of the rows of x [M, K]: μ, σ² (biased) per row, x̂ = (x − μ) / √(σ² + ε) into {@code xhat}
     * [M, K], 1/√(σ² + ε) into {@code invstd} [M, 1], y = x̂ ⊙ γ + β into {@code y} [M, K] ({@code gamma}, {@code beta}
     * [K] or null: no scale, no shift). Default: composed from {@link #reduce}, {@link #binary} and {@link #unary}.
     */
    default void layerNorm(Tensor y, Tensor xhat, Tensor invstd, Tensor x, Tensor gamma, Tensor beta, double eps) {
        int m = x.size(0), k = x.size(1);
        reduce(ReduceOp.SUM, invstd, x, 1);
        unary(UnaryOp.MUL, 1.0 / k, 0, invstd, invstd);
        binary(BinaryOp.SUB, 1, xhat, x, invstd.expand(m, k));
        binary(BinaryOp.MUL, 1, y, xhat, xhat);
        reduce(ReduceOp.SUM, invstd, y, 1);
        unary(UnaryOp.MUL, 1.0 / k, 0, invstd, invstd);
        unary(UnaryOp.ADD, eps, 0, invstd, invstd);
        unary(UnaryOp.SQRT, 0, 0, invstd, invstd);
        unary(UnaryOp.RECIPROCAL, 0, 0, invstd, invstd);
        binary(BinaryOp.MUL, 1, xhat, xhat, invstd.expand(m, k));
        if (gamma != null) binary(BinaryOp.MUL, 1, y, xhat, gamma.view(1, k).expand(m, k));
        else copy(y, xhat);
        if (beta != null) binary(BinaryOp.ADD, 1, y, y, beta.view(1, k).expand(m, k));
    }

    /**
     * The input gradient of {@link #layerNorm} from its {@code xhat} and {@code invstd}: with h = gradOut ⊙ γ (h =
     * gradOut without γ), gradIn [M, K] = invstd ⊙ (h − mean_row(h) − x̂ ⊙ mean_row(h ⊙ x̂)); gradIn may be gradOut.
     * Default: composed from {@link #reduce} and {@link #binary} (allocates).
     */
    default void layerNormBackward(Tensor gradIn, Tensor gradOut, Tensor xhat, Tensor invstd, Tensor gamma) {
        int m = xhat.size(0), k = xhat.size(1);
        Tensor h = xhat.newZeros(m, k), t = xhat.newZeros(m, k), mh = xhat.newZeros(m, 1), mhx = xhat.newZeros(m, 1);
        if (gamma != null) binary(BinaryOp.MUL, 1, h, gradOut, gamma.view(1, k).expand(m, k));
        else copy(h, gradOut);
        reduce(ReduceOp.SUM, mh, h, 1);
        binary(BinaryOp.MUL, 1, t, h, xhat);
        reduce(ReduceOp.SUM, mhx, t, 1);
        unary(UnaryOp.MUL, 1.0 / k, 0, mh, mh);
        unary(UnaryOp.MUL, 1.0 / k, 0, mhx, mhx);
        binary(BinaryOp.MUL, 1, t, xhat, mhx.expand(m, k));
        binary(BinaryOp.SUB, 1, h, h, mh.expand(m, k));
        binary(BinaryOp.SUB, 1, h, h, t);
        binary(BinaryOp.MUL, 1, gradIn, h, invstd.expand(m, k));
    }

    /**
     * The parameter gradients of {@link #layerNorm}: gradGamma [K] += scale · Σ_rows gradOut ⊙ x̂ and, when
     * {@code gradBeta} [K] is not null, gradBeta += scale · Σ_rows gradOut. Default: composed (allocates).
     */
    default void layerNormParams(Tensor gradGamma, Tensor gradBeta, Tensor gradOut, Tensor xhat, double scale) {
        int m = xhat.size(0), k = xhat.size(1);
        Tensor t = xhat.newZeros(m, k), col = xhat.newZeros(1, k);
        binary(BinaryOp.MUL, 1, t, gradOut, xhat);
        reduce(ReduceOp.SUM, col, t, 0);
        binary(BinaryOp.ADD, scale, gradGamma, gradGamma, col.view(k));
        if (gradBeta != null) {
            reduce(ReduceOp.SUM, col, gradOut, 0);
            binary(BinaryOp.ADD, scale, gradBeta, gradBeta, col.view(k));
        }
    }

    /**
     * The class targets of a C-class criterion in one pass: for target t [B] (integral values, any dtype), keep[b] = 1
     * where t[b] ≠ ignoreIndex, else 0 (keep [B], any float dtype), and index[b] = t[b] where kept, else 0 (index [B],
     * I32). Returns -1 when every t[b] is ignoreIndex or an integer in 0..C-1, else the first b that is not (NaN
     * included); index and keep then hold no meaning. Allocates nothing.
     */
    int classTargets(Tensor target, int classes, int ignoreIndex, Tensor index, Tensor keep);

    /** out = in.indexSelect(dim, index): out's slice j along dim is in's slice index[j]; index is 1-d I32. */
    void indexSelect(Tensor out, Tensor in, int dim, Tensor index);

    /** out[..i_d..] = in[..index[..i_d..]..] along dim; index (I32) has out's shape. */
    void gather(Tensor out, Tensor in, int dim, Tensor index);

    /** out[..index[..i_d..]..] += src[..i_d..] along dim; index (I32) has src's shape. */
    void scatterAdd(Tensor out, int dim, Tensor index, Tensor src);

    // ---- end-to-end memory networks (jtorch.nn.memory.MemN2N): sentence encodings and one hop's memory read.
    // Words are I32 indices, 0 the nil word (it pads a sentence on the right and contributes nothing); any strides.

    /**
     * Sentence encodings by n embeddings at once, an embedding gather with weights summed per sentence: for words
     * [B, M, J] and embeddings E_e = embs.get(e) [V, d], out [n, B, M, d] (overwritten) with out[e, b, i] = Σ_j l[j] ⊙
     * E_e[words[b, i, j]] (+ times.get(e)[i], [M, d], when {@code times} is not null), over the non-nil words. l = 1
     * (bag of words) or, with {@code position}, the position encoding l_k = (1 − k/d) − (j/L)(1 − 2k/d) for word
     * position j = 1..J and component k = 1..d, L the sentence's number of non-nil words. Each sentence gives the
     * same bits on every call and with any thread count.
     */
    void sentenceEncode(Tensor out, Tensor words, java.util.List<Tensor> embs, java.util.List<Tensor> times,
                        boolean position);

    /**
     * The parameter gradients of {@link #sentenceEncode} from gradOut [n, B, M, d]: gradEmbs.get(e) [V, d] += scale ·
     * Σ l[j] ⊙ gradOut[e, b, i] at row words[b, i, j] (non-nil words), and, when {@code gradTimes} is not null,
     * gradTimes.get(e)[i] [M, d] += scale · Σ_b gradOut[e, b, i]. Each element sums its terms in (b, i, j) order: the
     * same bits with any thread count.
     */
    void sentenceEncodeBackward(java.util.List<Tensor> gradEmbs, java.util.List<Tensor> gradTimes, Tensor words,
                                Tensor gradOut, boolean position, double scale);

    /**
     * One hop's memory read for memories m, c [B, M, d] and controller u [B, d]: scores s_i = m_i · u, p [B, M] =
     * softmax_i(s) ({@code softmax}) or s (linear start), o [B, d] = Σ_i p_i c_i (p and o overwritten). Each batch row
     * gives the same bits on every call and with any thread count.
     */
    void memoryRead(Tensor p, Tensor o, Tensor m, Tensor c, Tensor u, boolean softmax);

    /**
     * The backward of {@link #memoryRead} from its p and g = ∂L/∂o [B, d]: gc_i += p_i g, ∂p_i = c_i · g, ∂s = p ⊙
     * (∂p − Σ_i p_i ∂p_i) (softmax) or ∂p (linear), gm_i += ∂s_i u, gu [B, d] = Σ_i ∂s_i m_i (overwritten). gm, gc
     * [B, M, d] must not overlap each other or the inputs.
     */
    void memoryReadBackward(Tensor gm, Tensor gc, Tensor gu, Tensor g, Tensor p, Tensor m, Tensor c, Tensor u,
                            boolean softmax);

    /**
     * N-d convolution ({@link ConvSpec}, N = 1..3): out [B, C_out, O...] = Σ_{c,k} weight[o, c, k] · in[b, g·C_in/G + c,
     * j·stride − padding + k·dilation] + bias[o]; {@code bias} [C_out] may be null. {@code out} is overwritten.
     */
    void convForward(ConvSpec spec, Tensor out, Tensor in, Tensor weight, Tensor bias);

    /**
     * The convolution's adjoint w.r.t. its input (and the forward of a transposed convolution): gradIn [B, C_in, S...]
     * = Σ over every term of {@link #convForward} that reads in[b, c, i] of weight · gradOut; overwritten (positions no
     * output reads get 0). S may exceed the minimal size (output padding) as long as O = outputSize(S).
     */
    void convBackwardInput(ConvSpec spec, Tensor gradIn, Tensor gradOut, Tensor weight);

    /**
     * gradWeight [C_out, C_in/G, K...] += scale · Σ_{b, j} gradOut[b, o, j] · in[b, g·C_in/G + c, j·stride − padding +
     * k·dilation] (the bias gradient is a plain sum of gradOut: use {@link #reduce}).
     */
    void convBackwardWeight(ConvSpec spec, Tensor gradWeight, Tensor gradOut, Tensor in, double scale);

    /**
     * Per-channel statistics of x [B, C, L] (batch normalisation), n = B·L: mean[c] = Σ_{b,l} x[b, c, l] / n and the
     * biased variance var[c] = Σ_{b,l} (x[b, c, l] − mean[c])² / n (two passes); mean, var [C], overwritten.
     */
    void channelMoments(Tensor x, Tensor mean, Tensor var);

    /**
     * Per-channel sums of g [B, C, L] and of g·(x − mean) for x [B, C, L] and mean [C] (the batch-norm backward):
     * sumG[c] = Σ_{b,l} g[b, c, l], sumGX[c] = Σ_{b,l} g[b, c, l]·(x[b, c, l] − mean[c]); sumG, sumGX [C], overwritten.
     */
    void channelDots(Tensor g, Tensor x, Tensor mean, Tensor sumG, Tensor sumGX);

    /**
     * out[b, c, l] = x[b, c, l]·a[c] + s[c] + y[b, c, l]·k[c] for out, x, y [B, C, L] and a, s, k [C] (batch norm's
     * y = x·a + s, and its ∂L/∂x = g·a + m + x·k); y and k may both be null (the last term dropped). out may be x.
     */
    void channelAffine(Tensor out, Tensor x, Tensor a, Tensor s, Tensor y, Tensor k);

    /**
     * out[i] = 1 with probability p, else 0, for every element in row-major order: one {@link Generator#nextDouble()}
     * per element, {@code u < p}. Random numbers are drawn on the host (the same stream on every back end); this
     * default writes heap storage in place and copies from a host tensor otherwise. Allocates nothing for a
     * contiguous heap tensor.
     */
    default void bernoulli(Tensor out, double p, Generator g) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("bernoulli: p must be in [0, 1], got " + p);
        int n = out.numel();
        if (out.storage() instanceof HeapStorage h && out.isContiguous()) {
            int off = out.offset();
            switch (h.dtype()) {
                case F32 -> { float[] a = h.floats(); for (int i = 0; i < n; i++) a[off + i] = g.nextDouble() < p ? 1f : 0f; }
                case F64 -> { double[] a = h.doubles(); for (int i = 0; i < n; i++) a[off + i] = g.nextDouble() < p ? 1 : 0; }
                case I32 -> { int[] a = h.ints(); for (int i = 0; i < n; i++) a[off + i] = g.nextDouble() < p ? 1 : 0; }
            }
        } else {
            copy(out, Tensor.bernoulli(out.dtype(), g, p, out.sizes()));
        }
    }

    /**
     * out[i] = a standard normal draw ({@link Generator#nextGaussian()}) for every element in row-major order, the
     * stream {@link Tensor#randn(DType, Generator, int...)} draws: drawn on the host (the same numbers on every back
     * end), written in place for a contiguous heap tensor (nothing allocated), copied from a host tensor otherwise.
     * F32 stores each draw rounded to float.
     */
    default void normal(Tensor out, Generator g) {
        int n = out.numel();
        if (out.storage() instanceof HeapStorage h && out.isContiguous() && out.dtype() != DType.I32) {
            int off = out.offset();
            if (h.dtype() == DType.F32) {
                float[] a = h.floats();
                for (int i = 0; i < n; i++) a[off + i] = (float) g.nextGaussian();
            } else {
                double[] a = h.doubles();
                for (int i = 0; i < n; i++) a[off + i] = g.nextGaussian();
            }
        } else {
            copy(out, Tensor.randn(out.dtype(), g, out.sizes()));
        }
    }

    /**
     * Pooling forward ({@link Pool}: max, average or log-sum-exp over regular or adaptive windows): {@code in}
     * [N, C, D, H, W] into {@code out} [N, C, oD, oH, oW], whose sizes fix the windows; for {@link Pool.Kind#MAX} the
     * argmax flat index in the input plane goes to {@code indices} (I32, out's shape), otherwise indices is null.
     * Any strides; the result is the same bits on every call.
     */
    void pool(Pool p, Tensor out, Tensor indices, Tensor in);

    /**
     * Pooling backward: overwrites {@code gradIn} (in's shape) with ∂L/∂in given {@code gradOut} (out's shape), from the
     * forward's {@code indices} (MAX), geometry (AVG) or {@code in} and {@code out} (LSE); unused arguments may be null.
     */
    void poolBackward(Pool p, Tensor gradIn, Tensor gradOut, Tensor indices, Tensor in, Tensor out);

    /**
     * Packs B [k, n] (2-d, any strides) once for many {@link #gemmPacked} products; the result is a snapshot of B's
     * current values. Default: a contiguous copy, multiplied by {@link #gemm}.
     */
    default PackedMatrix pack(Tensor b) { return new PackedMatrix(this, b.size(0), b.size(1), b.clone()); }

    /**
     * {@link #pack(Tensor)} into {@code reuse}'s storage when it was packed by this back end from a B of the same
     * shape (then {@code reuse} is returned, repacked), else a new packing: a steady-state loop allocates nothing.
     */
    default PackedMatrix pack(Tensor b, PackedMatrix reuse) {
        if (reuse == null || reuse.backend() != this || reuse.rows() != b.size(0) || reuse.cols() != b.size(1)
                || reuse.data().dim() != 2 || reuse.data().dtype() != b.dtype()) return pack(b);
        reuse.data().copy(b);
        return reuse;
    }

    /**
     * C = alpha · A · B + beta · C with B packed by this back end's {@link #pack} (A [m, k], C [m, n]; when beta is 0
     * C's old contents are ignored). The same result as {@link #gemm} up to rounding, and the same bits on every call.
     */
    /**
     * Two products with one left operand: C1 = alpha · A · B1 + beta · C1 and C2 = alpha · A · B2 + beta · C2
     * (A [m, k], B1 [k, n1], B2 [k, n2], C1 [m, n1], C2 [m, n2]; 2-d views, any strides), e.g. a recurrent layer's
     * weight gradients δᵀ·x and δᵀ·h_prev. The same result as two {@link #gemm} calls up to rounding, and the same
     * bits on every call. Default: two {@link #gemm} calls.
     */
    default void gemmPair(double alpha, Tensor a, Tensor b1, Tensor b2, double beta, Tensor c1, Tensor c2) {
        gemm(alpha, a, b1, beta, c1);
        gemm(alpha, a, b2, beta, c2);
    }

    default void gemmPacked(double alpha, Tensor a, PackedMatrix b, double beta, Tensor c) {
        gemm(alpha, a, b.data(), beta, c);
    }

    // ---- recurrent cells (the fused jtorch.nn.rnn.LSTM / GRU / RNN): one time step for a batch of B rows, H units.
    // All arguments are 2-d [B, ·] views whose last dimension has stride 1 except mask (1-d [B], 1 = real row,
    // 0 = padded row; null = no padding) and dy (may be null = no output gradient). Padded rows keep the state
    // (h = hPrev, c = cPrev), output y = 0, get zero gate gradients and pass dh, dc through unchanged.

    /**
     * LSTM step. {@code gates} [B, 4H]: in the pre-activations x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh in gate order i, f, g,
     * o; out their activations σ(i), σ(f), tanh(g), σ(o). Then c = f ⊙ cPrev + i ⊙ g, tanhC = tanh(c),
     * h = y = o ⊙ tanhC ({@code hPrev}, {@code cPrev}, {@code h}, {@code c}, {@code tanhC}, {@code y} [B, H]).
     */
    void lstmForward(Tensor gates, Tensor hPrev, Tensor cPrev, Tensor h, Tensor c, Tensor tanhC, Tensor y, Tensor mask);

    /**
     * LSTM step backward, from the forward's activated {@code gates}, {@code cPrev} and {@code tanhC}. In: {@code dh}
     * = ∂L/∂h from later steps, {@code dy} = ∂L/∂y, {@code dc} = ∂L/∂c. With δh = dh + dy and δc = dc + δh ⊙ o ⊙
     * (1 − tanhC²): {@code dGates} [B, 4H] = [δc ⊙ g ⊙ i(1−i), δc ⊙ cPrev ⊙ f(1−f), δc ⊙ i ⊙ (1−g²), δh ⊙ tanhC ⊙
     * o(1−o)]; {@code dc} becomes δc ⊙ f (∂L/∂cPrev) and {@code dh} becomes 0, to which the caller adds dGates·W_hh.
     */
    void lstmBackward(Tensor gates, Tensor cPrev, Tensor tanhC, Tensor dy, Tensor dh, Tensor dc, Tensor dGates,
                      Tensor mask);

    /**
     * GRU step. {@code a} [B, 3H]: in x·W_ihᵀ + b_ih (gate order r, z, n); {@code hh} [B, 3H] = hPrev·W_hhᵀ + b_hh
     * (read only). r = σ(a_r + hh_r), z = σ(a_z + hh_z), n = tanh(a_n + r ⊙ hh_n), h = y = n + z ⊙ (hPrev − n);
     * {@code a} becomes [r, z, n].
     */
    void gruForward(Tensor a, Tensor hh, Tensor hPrev, Tensor h, Tensor y, Tensor mask);

    /**
     * GRU step backward from the forward's {@code acts} = [r, z, n], {@code hh} and {@code hPrev}. With δh = dh + dy:
     * δn = δh ⊙ (1−z) ⊙ (1−n²), δz = δh ⊙ (hPrev − n) ⊙ z(1−z), δr = δn ⊙ hh_n ⊙ r(1−r); {@code dA} = [δr, δz, δn]
     * (∂L/∂a), {@code dHh} = [δr, δz, δn ⊙ r] (∂L/∂hh); {@code dh} becomes δh ⊙ z, to which the caller adds
     * dHh·W_hh.
     */
    void gruBackward(Tensor acts, Tensor hh, Tensor hPrev, Tensor dy, Tensor dh, Tensor dA, Tensor dHh, Tensor mask);

    /** Elman RNN step: h = y = act(pre) with act = ReLU when {@code relu}, else tanh; {@code pre} [B, H] is read only. */
    void rnnForward(boolean relu, Tensor pre, Tensor hPrev, Tensor h, Tensor y, Tensor mask);

    /**
     * Elman RNN step backward from the forward's output state {@code h}: dPre = (dh + dy) ⊙ act'(h) (tanh: 1 − h²,
     * ReLU: [h &gt; 0]); {@code dh} becomes 0, to which the caller adds dPre·W_hh.
     */
    void rnnBackward(boolean relu, Tensor h, Tensor dy, Tensor dh, Tensor dPre, Tensor mask);

    // ---- whole sequences: one direction of one recurrent layer through time. Tensors [T, B, ·] (y and dy may be
    // column blocks of a wider [T, B, D·H] tensor; dy may be null), states [T + 1, B, H]: step s handles time
    // t = s (t = T-1-s when reverse), reads state slot t (t + 1 when reverse) and writes slot t + 1 (t). Packed
    // weights come from this back end's pack(). The defaults loop over the one-step kernels (RecurrentSteps); a back
    // end may run independent batch rows in parallel, which must not change any bit.

    /**
     * LSTM forward through time: per step, gates[t] += h[prev] · W_hhᵀ ({@code wHhT} = pack(W_hh.t())), then
     * {@link #lstmForward}(gates[t], h[prev], c[prev], h[next], c[next], tanhC[t], y[t], mask[t]).
     */
    default void lstmSequenceForward(Tensor gates, PackedMatrix wHhT, Tensor h, Tensor c, Tensor tanhC, Tensor y,
                                     Tensor mask, boolean reverse) {
        RecurrentSteps.lstmForward(this, gates, wHhT, h, c, tanhC, y, mask, reverse);
    }

    /**
     * LSTM backward through time, steps in reverse order: {@link #lstmBackward}(gates[t], c[prev], tanhC[t], dy[t],
     * dh, dc, dGates[t], mask[t]), then dh += dGates[t] · W_hh ({@code wHh} = pack(W_hh)). dh, dc [B, H]: in ∂L/∂h_T,
     * ∂L/∂c_T of the last step, out ∂L/∂h0, ∂L/∂c0.
     */
    default void lstmSequenceBackward(Tensor gates, PackedMatrix wHh, Tensor c, Tensor tanhC, Tensor dy, Tensor dh,
                                      Tensor dc, Tensor dGates, Tensor mask, boolean reverse) {
        RecurrentSteps.lstmBackward(this, gates, wHh, c, tanhC, dy, dh, dc, dGates, mask, reverse);
    }

    /**
     * GRU forward through time: per step hh[t] = b_hh + h[prev] · W_hhᵀ ({@code bHh} [3H] may be null), then
     * {@link #gruForward}(a[t], hh[t], h[prev], h[next], y[t], mask[t]).
     */
    default void gruSequenceForward(Tensor a, Tensor hh, Tensor bHh, PackedMatrix wHhT, Tensor h, Tensor y, Tensor mask,
                                    boolean reverse) {
        RecurrentSteps.gruForward(this, a, hh, bHh, wHhT, h, y, mask, reverse);
    }

    /** GRU backward through time: {@link #gruBackward} per step (in reverse order), then dh += dHh[t] · W_hh. */
    default void gruSequenceBackward(Tensor acts, Tensor hh, PackedMatrix wHh, Tensor h, Tensor dy, Tensor dh, Tensor dA,
                                     Tensor dHh, Tensor mask, boolean reverse) {
        RecurrentSteps.gruBackward(this, acts, hh, wHh, h, dy, dh, dA, dHh, mask, reverse);
    }

    /** RNN forward through time: pre[t] += h[prev] · W_hhᵀ, then {@link #rnnForward}(pre[t], h[prev], h[next], ...). */
    default void rnnSequenceForward(boolean relu, Tensor pre, PackedMatrix wHhT, Tensor h, Tensor y, Tensor mask,
                                    boolean reverse) {
        RecurrentSteps.rnnForward(this, relu, pre, wHhT, h, y, mask, reverse);
    }

    /** RNN backward through time: {@link #rnnBackward}(h[next], dy[t], dh, dPre[t], mask[t]), then dh += dPre[t] · W_hh. */
    default void rnnSequenceBackward(boolean relu, PackedMatrix wHh, Tensor h, Tensor dy, Tensor dh, Tensor dPre,
                                     Tensor mask, boolean reverse) {
        RecurrentSteps.rnnBackward(this, relu, wHh, h, dy, dh, dPre, mask, reverse);
    }
}
