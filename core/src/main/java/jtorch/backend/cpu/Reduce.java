package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jtorch.backend.ReduceOp;
import jtorch.tensor.Tensor;

/**
 * F32 reductions along one dimension for {@link CpuBackend}: {@code out[..1..] = reduce_j in[..j..]}, out having in's
 * shape with size 1 at {@code dim}. Three layouts:
 * <ul>
 *   <li>reduced dimension contiguous (stride 1): each output reduces one contiguous line with vectors
 *       ({@link ReduceKernels}); a single long line (a full reduction) is split across threads and the partial
 *       results combined;</li>
 *   <li>reduced dimension strided but the kept innermost dimension contiguous (e.g. a sum along dim 0 of [R, C]):
 *       rows are accumulated into vector accumulators, 4 vectors of columns at a time; sums flush to double every
 *       {@link #ROW_BLOCK} rows;</li>
 *   <li>anything else: the scalar definition in double per output element.</li>
 * </ul>
 * Outputs are split across threads when the total work reaches {@link Elementwise#GRAIN} elements per thread.
 */
final class Reduce {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int ROW_BLOCK = 256;

    private Reduce() {}

    static void reduce(ReduceOp op, Tensor out, Tensor in, int dim) {
        int len = in.size(dim), rs = in.stride(dim);
        float[] o = Elementwise.f(out), x = Elementwise.f(in);
        if (len == 0) {
            Elementwise.fill(out, (float) ReduceKernels.strided(op, x, 0, 1, 0));
            return;
        }
        StridedLoop p = StridedLoop.of(out, in.narrow(dim, 0, 1));
        int os = p.innerStride(0), xs = p.innerStride(1), count = p.numel;
        if ((rs == 1 || len == 1) && count == 1 && len >= 2 * Elementwise.GRAIN && op != ReduceOp.PROD) {
            o[p.offsets[0]] = (float) splitLine(op, x, p.offsets[1], len);
            return;
        }
        int grain = Math.max(1, Elementwise.GRAIN / len);
        boolean rows = rs != 1 && len > 1 && os == 1 && xs == 1 && op != ReduceOp.PROD;
        Parallel.range(count, grain, (from, to) -> p.run(from, to, (o0, x0, u2, u3, n) -> {
            if (rows) { acrossRows(op, o, o0, x, x0, rs, len, n); return; }
            for (int i = 0; i < n; i++) o[o0 + i * os] = (float) ReduceKernels.line(op, x, x0 + i * xs, rs, len);
        }));
    }

    /** One contiguous line reduced by all threads (SUM, SUMSQ, MAX, MIN, LOGSUMEXP). */
    private static double splitLine(ReduceOp op, float[] x, int base, int len) {
        int chunks = Math.max(1, Math.min(Parallel.threads(), len / Elementwise.GRAIN));
        double[] part = new double[chunks];
        ReduceOp first = op == ReduceOp.LOGSUMEXP ? ReduceOp.MAX : op;
        Parallel.range(chunks, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int a = (int) ((long) len * c / chunks), b = (int) ((long) len * (c + 1) / chunks);
                part[c] = ReduceKernels.line(first, x, base + a, 1, b - a);
            }
        });
        double r = combine(first, part);
        if (op != ReduceOp.LOGSUMEXP || Double.isInfinite(r) || Double.isNaN(r)) return r;
        float m = (float) r;
        Parallel.range(chunks, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int a = (int) ((long) len * c / chunks), b = (int) ((long) len * (c + 1) / chunks);
                part[c] = ReduceKernels.sumExp(x, base + a, b - a, m);
            }
        });
        return m + Math.log(combine(ReduceOp.SUM, part));
    }

    private static double combine(ReduceOp op, double[] part) {
        double r = part[0];
        for (int c = 1; c < part.length; c++) {
            double v = part[c];
            r = switch (op) {
                case SUM, SUMSQ -> r + v;
                case MAX -> (v > r || v != v || r != r) ? (r != r ? r : v) : r;
                case MIN -> (v < r || v != v || r != r) ? (r != r ? r : v) : r;
                default -> throw new IllegalStateException(op.name());
            };
        }
        return r;
    }

    /**
     * o[o0 + j] = reduce_r x[x0 + r·rs + j] for j in [0, n): rows of n contiguous columns accumulated with vectors.
     * SUM/SUMSQ partials are flushed to a double buffer every ROW_BLOCK rows; LOGSUMEXP takes the column max first.
     */
    private static void acrossRows(ReduceOp op, float[] o, int o0, float[] x, int x0, int rs, int len, int n) {
        boolean sums = op == ReduceOp.SUM || op == ReduceOp.SUMSQ || op == ReduceOp.LOGSUMEXP;
        double[] acc = sums ? new double[4 * L] : null;
        float[] tmp = sums ? new float[4 * L] : null;
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            if (!sums || op == ReduceOp.LOGSUMEXP) {
                boolean max = op != ReduceOp.MIN;
                FloatVector a0 = v(x, x0 + j), a1 = v(x, x0 + j + L), a2 = v(x, x0 + j + 2 * L), a3 = v(x, x0 + j + 3 * L);
                for (int r = 1, k = x0 + rs + j; r < len; r++, k += rs) {
                    if (max) { a0 = a0.max(v(x, k)); a1 = a1.max(v(x, k + L)); a2 = a2.max(v(x, k + 2 * L)); a3 = a3.max(v(x, k + 3 * L)); }
                    else { a0 = a0.min(v(x, k)); a1 = a1.min(v(x, k + L)); a2 = a2.min(v(x, k + 2 * L)); a3 = a3.min(v(x, k + 3 * L)); }
                }
                a0.intoArray(o, o0 + j); a1.intoArray(o, o0 + j + L); a2.intoArray(o, o0 + j + 2 * L); a3.intoArray(o, o0 + j + 3 * L);
                if (!sums) continue;
            }
            sumRows(op, o, o0 + j, x, x0 + j, rs, len, acc, tmp);
        }
        for (; j < n; j++) o[o0 + j] = (float) ReduceKernels.strided(op, x, x0 + j, rs, len);
    }

    /**
     * o[o0 + q] = Σ_r f(x[x0 + r·rs + q]) for q in [0, 4L): f(v) = v (SUM), v² (SUMSQ), exp(v - m_q) (LOGSUMEXP,
     * with the column max m_q already in o, replaced by m_q + log Σ).
     */
    private static void sumRows(ReduceOp op, float[] o, int o0, float[] x, int x0, int rs, int len, double[] acc, float[] tmp) {
        boolean sq = op == ReduceOp.SUMSQ, lse = op == ReduceOp.LOGSUMEXP;
        java.util.Arrays.fill(acc, 0);
        FloatVector m0 = v(o, o0), m1 = v(o, o0 + L), m2 = v(o, o0 + 2 * L), m3 = v(o, o0 + 3 * L);
        for (int r0 = 0; r0 < len; r0 += ROW_BLOCK) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            int r1 = Math.min(len, r0 + ROW_BLOCK);
            for (int r = r0, k = x0 + r0 * rs; r < r1; r++, k += rs) {
                FloatVector v0 = v(x, k), v1 = v(x, k + L), v2 = v(x, k + 2 * L), v3 = v(x, k + 3 * L);
                if (lse) {
                    v0 = v0.sub(m0).lanewise(VectorOperators.EXP); v1 = v1.sub(m1).lanewise(VectorOperators.EXP);
                    v2 = v2.sub(m2).lanewise(VectorOperators.EXP); v3 = v3.sub(m3).lanewise(VectorOperators.EXP);
                }
                if (sq) { a0 = v0.fma(v0, a0); a1 = v1.fma(v1, a1); a2 = v2.fma(v2, a2); a3 = v3.fma(v3, a3); }
                else { a0 = a0.add(v0); a1 = a1.add(v1); a2 = a2.add(v2); a3 = a3.add(v3); }
            }
            a0.intoArray(tmp, 0); a1.intoArray(tmp, L); a2.intoArray(tmp, 2 * L); a3.intoArray(tmp, 3 * L);
            for (int q = 0; q < 4 * L; q++) acc[q] += tmp[q];
        }
        for (int q = 0; q < 4 * L; q++) {
            if (!lse) { o[o0 + q] = (float) acc[q]; continue; }
            double m = o[o0 + q];
            o[o0 + q] = (float) (Double.isInfinite(m) || Double.isNaN(m) ? m : m + Math.log(acc[q]));
        }
    }

    private static FloatVector v(float[] x, int at) { return FloatVector.fromArray(S, x, at); }
}
