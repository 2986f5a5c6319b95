package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * Fused F32 softmax along the last dimension, forward and backward, one pass over each row held in cache:
 * forward out = e · (1 / Σ e) with e = exp(x − max x), x = in + bias (bias may be null); backward gradIn = out ⊙ (gradOut −
 * Σ gradOut ⊙ out). Rows (every index of the leading dimensions) must have unit stride along the last dimension;
 * the leading strides are free (0 included: a broadcast bias). exp is {@link VectorMath#exp} with its scalar twin
 * {@link ScalarMath#exp} in the tails, lane sums in {@link Lanes}' fixed order, so every call gives the same bits;
 * rows are split over threads in contiguous ranges, each row computed alike by whichever thread takes it.
 * A row whose x are all −∞ (or has a NaN) gives NaN.
 */
final class SoftmaxRows {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Elements per thread chunk below which rows stay on the calling thread. */
    private static final int GRAIN = 1 << 16;
    /** Rows per pass of {@link #block}. */
    static final int BLOCK = 16;

    private SoftmaxRows() {}

    /** True when every tensor given (nulls skipped) is F32 on the heap with a unit stride along the last dimension. */
    static boolean accepts(Tensor... ts) {
        for (Tensor t : ts) {
            if (t == null) continue;
            if (t.dtype() != jtorch.tensor.DType.F32 || !(t.storage() instanceof HeapStorage) || t.dim() < 1
                    || (t.stride(t.dim() - 1) != 1 && t.size(t.dim() - 1) > 1)) return false;
        }
        return true;
    }

    static void forward(Tensor out, Tensor in, Tensor bias) {
        int c = out.dim() == 0 ? 1 : out.size(out.dim() - 1), rows = c == 0 ? 0 : out.numel() / c;
        float[] o = floats(out), x = floats(in), b = bias == null ? null : floats(bias);
        int inner = out.dim() >= 2 ? out.size(out.dim() - 2) : 1;
        int so = rowStride(out), sx = rowStride(in), sb = bias == null ? 0 : rowStride(bias);
        Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, c)), (from, to) -> {
            float[] stat = new float[BLOCK + L];
            for (int r = from; r < to; ) { // up to BLOCK rows of one index of the leading dimensions
                int end = Math.min(Math.min(to, r + BLOCK), (r / inner + 1) * inner), len = end - r;
                int oo = rowOffset(out, r), xo = rowOffset(in, r), bo = b == null ? 0 : rowOffset(bias, r);
                block(o, oo, so, x, xo, sx, b, bo, sb, c, len, stat);
                r = end;
            }
        });
    }

    /**
     * {@code len} rows, each pass over all of them before the next (max, exp and sum, scale): the rows' short
     * dependency chains (lane folds, exp) then overlap, where one row at a time waits on each.
     */
    static void block(float[] o, int oo, int so, float[] x, int xo, int sx, float[] b, int bo, int sb, int c,
                              int len, float[] stat) { // stat: BLOCK row statistics, then L floats of lane-sum scratch
        for (int i = 0; i < len; i++) {
            float m = b == null ? copyMax(o, oo + i * so, x, xo + i * sx, c)
                    : addMax(o, oo + i * so, x, xo + i * sx, b, bo + i * sb, c);
            stat[i] = m == Float.NEGATIVE_INFINITY ? Float.NaN : m; // every key masked: NaN, as PyTorch
        }
        for (int i = 0; i < len; i++) stat[i] = 1 / expSum(o, oo + i * so, stat[i], c, stat);
        for (int i = 0; i < len; i++) scale(o, oo + i * so, stat[i], c);
    }

    static void backward(Tensor gradIn, Tensor gradOut, Tensor out) {
        int c = out.dim() == 0 ? 1 : out.size(out.dim() - 1), rows = c == 0 ? 0 : out.numel() / c;
        float[] gi = floats(gradIn), go = floats(gradOut), y = floats(out);
        int inner = out.dim() >= 2 ? out.size(out.dim() - 2) : 1;
        int si = rowStride(gradIn), sg = rowStride(gradOut), sy = rowStride(out);
        Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, c)), (from, to) -> {
            for (int r = from; r < to; ) {
                int end = Math.min(to, (r / inner + 1) * inner);
                int io = rowOffset(gradIn, r), goo = rowOffset(gradOut, r), yo = rowOffset(out, r);
                for (; r < end; r++, io += si, goo += sg, yo += sy) rowBackward(gi, io, go, goo, y, yo, c);
            }
        });
    }

    /** The stride between consecutive rows of the second-to-last dimension (0 for a 1-d tensor). */
    private static int rowStride(Tensor t) { return t.dim() >= 2 ? t.stride(t.dim() - 2) : 0; }

    /** o = x + b; returns max o (NaN propagates; max is exact in any order). */
    private static float addMax(float[] o, int oo, float[] x, int xo, float[] b, int bo, int c) {
        int n = S.loopBound(c), j = 0;
        FloatVector mv = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (; j < n; j += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + j).add(FloatVector.fromArray(S, b, bo + j));
            v.intoArray(o, oo + j);
            mv = mv.max(v);
        }
        float m = mv.reduceLanes(VectorOperators.MAX); // exact in any order (NaN propagates): no fixed order needed
        for (; j < c; j++) { float v = x[xo + j] + b[bo + j]; o[oo + j] = v; m = Math.max(m, v); }
        return m;
    }

    /** o = x; returns max o. */
    private static float copyMax(float[] o, int oo, float[] x, int xo, int c) {
        int n = S.loopBound(c), j = 0;
        FloatVector mv = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (; j < n; j += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + j);
            v.intoArray(o, oo + j);
            mv = mv.max(v);
        }
        float m = mv.reduceLanes(VectorOperators.MAX); // exact in any order (NaN propagates): no fixed order needed
        for (; j < c; j++) { float v = x[xo + j]; o[oo + j] = v; m = Math.max(m, v); }
        return m;
    }

    /** o = exp(o − m); returns Σ o (lanes in {@link Lanes}' order, then the tail in order). */
    private static float expSum(float[] o, int oo, float m, int c, float[] t) {
        int n = S.loopBound(c), j = 0;
        FloatVector mb = FloatVector.broadcast(S, m), acc = FloatVector.zero(S);
        for (; j < n; j += L) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, o, oo + j).sub(mb));
            e.intoArray(o, oo + j);
            acc = acc.add(e);
        }
        float sum = LaneSum.sum(acc, t, BLOCK);
        for (; j < c; j++) { float e = ScalarMath.exp(o[oo + j] - m); o[oo + j] = e; sum += e; }
        return sum;
    }

    private static void scale(float[] o, int oo, float s, int c) {
        int n = S.loopBound(c), j = 0;
        FloatVector sv = FloatVector.broadcast(S, s);
        for (; j < n; j += L) FloatVector.fromArray(S, o, oo + j).mul(sv).intoArray(o, oo + j);
        for (; j < c; j++) o[oo + j] *= s;
    }

    static void rowBackward(float[] gi, int io, float[] go, int goo, float[] y, int yo, int c) {
        int n = S.loopBound(c), j = 0;
        FloatVector acc = FloatVector.zero(S);
        for (; j < n; j += L) acc = FloatVector.fromArray(S, go, goo + j).fma(FloatVector.fromArray(S, y, yo + j), acc);
        float dot = Lanes.sum(acc);
        for (; j < c; j++) dot = Math.fma(go[goo + j], y[yo + j], dot);
        FloatVector dv = FloatVector.broadcast(S, dot);
        for (j = 0; j < n; j += L) {
            FloatVector.fromArray(S, go, goo + j).sub(dv).mul(FloatVector.fromArray(S, y, yo + j)).intoArray(gi, io + j);
        }
        for (; j < c; j++) gi[io + j] = (go[goo + j] - dot) * y[yo + j];
    }

    /** Storage offset of row r (row-major over all dimensions but the last). */
    static int rowOffset(Tensor t, int r) {
        int o = t.offset();
        for (int d = t.dim() - 2; d >= 0; d--) {
            int size = t.size(d);
            o += (r % size) * t.stride(d);
            r /= size;
        }
        return o;
    }

    private static float[] floats(Tensor t) { return ((HeapStorage) t.storage()).floats(); }
}
