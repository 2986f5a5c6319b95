package jtorch.backend.cpu;

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
 *       rows are streamed in memory order into an F32 accumulator row ({@link RowKernels}); sums flush it to double
 *       every {@link #ROW_BLOCK} rows;</li>
 *   <li>anything else: the scalar definition in double per output element.</li>
 * </ul>
 * Outputs are split across threads when the total work reaches {@link Elementwise#REDUCE_GRAIN} elements per thread.
 */
final class Reduce {
    static final int ROW_BLOCK = 256;
    static final int COL_BLOCK = 8192;

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
        if ((rs == 1 || len == 1) && count == 1 && len >= 2 * Elementwise.REDUCE_GRAIN && op != ReduceOp.PROD) {
            o[p.offsets[0]] = (float) splitLine(op, x, p.offsets[1], len);
            return;
        }
        int grain = Math.max(1, Elementwise.REDUCE_GRAIN / len);
        boolean rows = rs != 1 && len > 1 && os == 1 && xs == 1 && op != ReduceOp.PROD;
        Parallel.range(count, grain, (from, to) -> p.run(from, to, (o0, x0, u2, u3, n) -> {
            if (rows) { acrossRows(op, o, o0, x, x0, rs, len, n); return; }
            for (int i = 0; i < n; i++) o[o0 + i * os] = (float) ReduceKernels.line(op, x, x0 + i * xs, rs, len);
        }));
    }

    /** One contiguous line reduced by all threads (SUM, SUMSQ, MAX, MIN, LOGSUMEXP). */
    private static double splitLine(ReduceOp op, float[] x, int base, int len) {
        int chunks = Math.max(1, Math.min(Parallel.threads(), len / Elementwise.REDUCE_GRAIN));
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
        return m + StrictMath.log(combine(ReduceOp.SUM, part));
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
     * o[o0 + j] = reduce_r x[x0 + r·rs + j] for j in [0, n): the rows are streamed in memory order, {@link #COL_BLOCK}
     * columns at a time, into an F32 accumulator row (L1-resident) with vectors. SUM/SUMSQ/LOGSUMEXP flush that row
     * into doubles every {@link #ROW_BLOCK} rows; LOGSUMEXP first takes the column max (into o), then Σ exp(x - max).
     */
    private static void acrossRows(ReduceOp op, float[] o, int o0, float[] x, int x0, int rs, int len, int n) {
        boolean sums = op != ReduceOp.MAX && op != ReduceOp.MIN;
        int cb = Math.min(n, COL_BLOCK);
        float[] acc = new float[cb];
        double[] dacc = sums ? new double[cb] : null;
        for (int j0 = 0; j0 < n; j0 += cb) {
            int w = Math.min(cb, n - j0);
            if (op == ReduceOp.MAX || op == ReduceOp.MIN || op == ReduceOp.LOGSUMEXP) {
                boolean max = op != ReduceOp.MIN;
                System.arraycopy(x, x0 + j0, acc, 0, w);
                for (int r = 1; r < len; r++) RowKernels.extreme(max, acc, x, x0 + r * rs + j0, w);
                System.arraycopy(acc, 0, o, o0 + j0, w);
                if (!sums) continue;
            }
            java.util.Arrays.fill(dacc, 0, w, 0);
            for (int r0 = 0; r0 < len; r0 += ROW_BLOCK) {
                java.util.Arrays.fill(acc, 0, w, 0f);
                for (int r = r0, r1 = Math.min(len, r0 + ROW_BLOCK); r < r1; r++) {
                    int k = x0 + r * rs + j0;
                    switch (op) {
                        case SUM -> RowKernels.add(acc, x, k, w);
                        case SUMSQ -> RowKernels.addSquares(acc, x, k, w);
                        default -> RowKernels.addExp(acc, x, k, o, o0 + j0, w);
                    }
                }
                for (int q = 0; q < w; q++) dacc[q] += acc[q];
            }
            for (int q = 0; q < w; q++) {
                if (op != ReduceOp.LOGSUMEXP) { o[o0 + j0 + q] = (float) dacc[q]; continue; }
                double m = o[o0 + j0 + q];
                o[o0 + j0 + q] = (float) (Double.isInfinite(m) || Double.isNaN(m) ? m : m + StrictMath.log(dacc[q]));
            }
        }
    }
}
