package jtorch.backend.cpu;

import java.util.Arrays;
import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * F32 element-wise kernels of {@link CpuBackend} over any strides: fill, copy, unary, binary and where.
 * <p>Each call builds a {@link StridedLoop} (dimensions collapsed, innermost dimension last), splits its elements
 * over {@link Parallel} when there are at least {@link #GRAIN} of them per thread, and runs each line with the
 * contiguous vector kernels ({@link UnaryKernels}, {@link BinaryKernels}). Operands whose line stride is 1 are read
 * and written in place; a stride-0 operand (broadcast scalar or column) is filled into a small buffer, any other stride
 * is gathered into one (and the output scattered back), {@link #BLOCK} elements at a time. So contiguous, bias-row
 * ([N, M] + [M]) and scalar-broadcast cases run at vector speed with no copying, and everything else stays vectorised
 * in its arithmetic. The output may be exactly an input (same offset and strides): in-place ops work.
 */
final class Elementwise {
    /**
     * Elements per chunk below which a call stays on the calling thread: handing a chunk to a pool thread costs
     * ~15 µs on the calling thread even when the caller ends up doing it itself ({@link Parallel#range}); measured
     * (1 vs 2 threads, workers idle between calls): add / mul-scalar / tanh on 256K floats 35 / 25 / 86 µs → 44 / 31 /
     * 68 µs, on 512K 86 / 50 / 170 → 63 / 54 / 110, on 1M all faster. (It was 32K: a 96K-element Tanh took 67 µs on
     * 2 threads against 8 on one.)
     */
    static final int GRAIN = 1 << 18;
    /** The same for reductions, which read 4 bytes per element and write nothing (sum of 1M floats: 45 → 49 µs). */
    static final int REDUCE_GRAIN = 1 << 20;
    /** Buffer length for gathered / broadcast operands. */
    static final int BLOCK = 512;

    private Elementwise() {}

    static float[] f(Tensor t) { return ((HeapStorage) t.storage()).floats(); }

    /** out[i] = v. */
    static void fill(Tensor out, float v) {
        StridedLoop p = StridedLoop.of(out);
        float[] o = f(out);
        int os = p.innerStride(0);
        Parallel.range(p.numel, GRAIN, (from, to) -> p.run(from, to, (o0, u1, u2, u3, len) -> {
            if (os == 1) Arrays.fill(o, o0, o0 + len, v);
            else for (int i = 0; i < len; i++) o[o0 + i * os] = v;
        }));
    }

    /** dst[i] = src[i]; dst and src must not overlap unless they are the same view. */
    static void copy(Tensor dst, Tensor src) {
        StridedLoop p = StridedLoop.of(dst, src);
        float[] o = f(dst), x = f(src);
        int os = p.innerStride(0), xs = p.innerStride(1);
        if (p.rank >= 2 && os == 1 && xs != 1 && Transpose.applies(p)) { Transpose.copy(p, o, x); return; }
        Parallel.range(p.numel, GRAIN, (from, to) -> p.run(from, to, (o0, x0, u2, u3, len) -> {
            if (os == 1 && xs == 1) System.arraycopy(x, x0, o, o0, len);
            else if (xs == 0 && os == 1) Arrays.fill(o, o0, o0 + len, x[x0]);
            else for (int i = 0; i < len; i++) o[o0 + i * os] = x[x0 + i * xs];
        }));
    }

    /** out[i] = op(in[i], a, b). */
    /** Per-thread staging blocks (a chunk uses them exclusively while it runs), so no kernel call allocates them. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][BLOCK]);

    static void unary(UnaryOp op, double a, double b, Tensor out, Tensor in) {
        StridedLoop p = StridedLoop.of(out, in);
        float[] o = f(out), x = f(in);
        int os = p.innerStride(0), xs = p.innerStride(1);
        boolean vec = UnaryKernels.vectorizes(op, a, b);
        Parallel.range(p.numel, GRAIN, (from, to) -> {
            float[][] sc = SCRATCH.get();
            float[] tx = sc[0], to_ = sc[1];
            p.run(from, to, (o0, x0, u2, u3, len) -> {
                if (!vec) { UnaryKernels.scalar(op, a, b, o, o0, os, x, x0, xs, len); return; }
                if (xs == 0) { // one value for the whole line, by the vector kernels' formula
                    float v = UnaryKernels.one(op, x[x0], (float) a, (float) b, a);
                    for (int i = 0; i < len; i++) o[o0 + i * os] = v;
                    return;
                }
                if (os == 1 && xs == 1) { UnaryKernels.run(op, a, b, o, o0, x, x0, len); return; }
                for (int blk = 0; blk < len; blk += BLOCK) {
                    int m = Math.min(BLOCK, len - blk);
                    stage(x, x0, xs, blk, m, tx);
                    UnaryKernels.run(op, a, b, os == 1 ? o : to_, os == 1 ? o0 + blk : 0,
                            xs == 1 ? x : tx, xs == 1 ? x0 + blk : 0, m);
                    if (os != 1) scatter(to_, o, o0, os, blk, m);
                }
            });
        });
    }

    /** out[i] = op(x[i], y[i], alpha). */
    static void binary(BinaryOp op, double alpha, Tensor out, Tensor xt, Tensor yt) {
        StridedLoop p = StridedLoop.of(out, xt, yt);
        float[] o = f(out), x = f(xt), y = f(yt);
        int os = p.innerStride(0), xs = p.innerStride(1), ys = p.innerStride(2);
        Parallel.range(p.numel, GRAIN, (from, to) -> {
            float[][] sc = SCRATCH.get();
            float[] tx = sc[0], ty = sc[1], to_ = sc[2];
            p.run(from, to, (o0, x0, y0, u3, len) -> {
                if (os == 1 && xs == 1 && ys == 1) { BinaryKernels.run(op, alpha, o, o0, x, x0, y, y0, len); return; }
                for (int blk = 0; blk < len; blk += BLOCK) {
                    int m = Math.min(BLOCK, len - blk);
                    stage(x, x0, xs, blk, m, tx);
                    stage(y, y0, ys, blk, m, ty);
                    BinaryKernels.run(op, alpha, os == 1 ? o : to_, os == 1 ? o0 + blk : 0,
                            xs == 1 ? x : tx, xs == 1 ? x0 + blk : 0, ys == 1 ? y : ty, ys == 1 ? y0 + blk : 0, m);
                    if (os != 1) scatter(to_, o, o0, os, blk, m);
                }
            });
        });
    }

    /** out[i] = cond[i] != 0 ? x[i] : y[i]. */
    static void where(Tensor out, Tensor cond, Tensor xt, Tensor yt) {
        StridedLoop p = StridedLoop.of(out, cond, xt, yt);
        float[] o = f(out), c = f(cond), x = f(xt), y = f(yt);
        int os = p.innerStride(0), cs = p.innerStride(1), xs = p.innerStride(2), ys = p.innerStride(3);
        Parallel.range(p.numel, GRAIN, (from, to) -> {
            float[][] sc = SCRATCH.get();
            float[] tc = sc[3], tx = sc[0], ty = sc[1], to_ = sc[2];
            p.run(from, to, (o0, c0, x0, y0, len) -> {
                if (os == 1 && cs == 1 && xs == 1 && ys == 1) { BinaryKernels.where(o, o0, c, c0, x, x0, y, y0, len); return; }
                for (int blk = 0; blk < len; blk += BLOCK) {
                    int m = Math.min(BLOCK, len - blk);
                    stage(c, c0, cs, blk, m, tc);
                    stage(x, x0, xs, blk, m, tx);
                    stage(y, y0, ys, blk, m, ty);
                    BinaryKernels.where(os == 1 ? o : to_, os == 1 ? o0 + blk : 0, cs == 1 ? c : tc, cs == 1 ? c0 + blk : 0,
                            xs == 1 ? x : tx, xs == 1 ? x0 + blk : 0, ys == 1 ? y : ty, ys == 1 ? y0 + blk : 0, m);
                    if (os != 1) scatter(to_, o, o0, os, blk, m);
                }
            });
        });
    }

    /** For a non-unit stride s, puts elements blk..blk+m-1 of the line at a[off] (stride s) into tmp[0..m). */
    private static void stage(float[] a, int off, int s, int blk, int m, float[] tmp) {
        if (s == 1) return;
        if (s == 0) { Arrays.fill(tmp, 0, m, a[off]); return; }
        int k = off + blk * s;
        for (int i = 0; i < m; i++, k += s) tmp[i] = a[k];
    }

    private static void scatter(float[] tmp, float[] o, int o0, int os, int blk, int m) {
        int k = o0 + blk * os;
        for (int i = 0; i < m; i++, k += os) o[k] = tmp[i];
    }
}
