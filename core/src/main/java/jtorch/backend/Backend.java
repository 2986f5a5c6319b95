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

    /** out = in.indexSelect(dim, index): out's slice j along dim is in's slice index[j]; index is 1-d I32. */
    void indexSelect(Tensor out, Tensor in, int dim, Tensor index);

    /** out[..i_d..] = in[..index[..i_d..]..] along dim; index (I32) has out's shape. */
    void gather(Tensor out, Tensor in, int dim, Tensor index);

    /** out[..index[..i_d..]..] += src[..i_d..] along dim; index (I32) has src's shape. */
    void scatterAdd(Tensor out, int dim, Tensor index, Tensor src);

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
}
