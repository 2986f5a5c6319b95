package jtorch.backend.cpu;

import jtorch.backend.PackedMatrix;
import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * GEMM with a pre-packed right operand, for products that reuse one B many times (the recurrent weight of an RNN at
 * every time step): B [k, n] is packed once into {@link SgemmBlocked}'s NR-column micro-panels over the whole depth
 * (data[jr·k + p·NR + j], zero-padded to a multiple of NR), so a product only packs its A rows (MR at a time) and
 * runs the register-tile kernels. Used when k ≤ KC (one depth block) and F32 heap tensors (A and C with
 * unit-stride rows; CpuBackend makes them so); other cases keep a plain copy and go through {@link Sgemm}. Above
 * SgemmBlocked's threshold the NR panels are split in contiguous parts across threads. Each C element is one
 * kernel's full-depth FMA chain and the edge tiles merge with the full tiles' formula, so the bits depend neither on
 * the thread count nor on which rows share a tile.
 */
final class SgemmPacked {
    static final int MR = SgemmBlocked.MR, NR = SgemmBlocked.NR;

    private SgemmPacked() {}

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[][] {new float[0],
            new float[MR * NR]});

    private static boolean f32(Tensor t) { return t.dtype() == DType.F32 && t.storage() instanceof HeapStorage; }

    private static float[] f(Tensor t) { return ((HeapStorage) t.storage()).floats(); }

    /** Packs B for {@link #gemm}; a plain contiguous copy where the packed path does not apply. */
    static PackedMatrix pack(jtorch.backend.Backend be, Tensor b) {
        int k = b.size(0), n = b.size(1);
        if (!f32(b) || k > SgemmBlocked.KC || k == 0 || n == 0) return new PackedMatrix(be, k, n, b.clone());
        int panels = (n + NR - 1) / NR;
        return new PackedMatrix(be, k, n, Tensor.of(fill(b, new float[panels * NR * k]), panels * NR * k).to(be));
    }

    /** Packs B into {@code reuse}'s array when it holds a packing of a B of this shape; else {@link #pack}. */
    static PackedMatrix pack(jtorch.backend.Backend be, Tensor b, PackedMatrix reuse) {
        int k = b.size(0), n = b.size(1);
        if (reuse == null || reuse.backend() != be || reuse.rows() != k || reuse.cols() != n || reuse.data().dim() != 1
                || !f32(b) || k > SgemmBlocked.KC || reuse.data().offset() != 0) return pack(be, b);
        fill(b, f(reuse.data()));
        return reuse;
    }

    /** Writes B's panels into dst (zero padding included); returns dst. */
    private static float[] fill(Tensor b, float[] dst) {
        int k = b.size(0), n = b.size(1), panels = (n + NR - 1) / NR;
        float[] src = f(b);
        int off = b.offset(), sp = b.stride(0), sj = b.stride(1);
        for (int jp = 0; jp < panels; jp++) {
            int j0 = jp * NR, nr = Math.min(NR, n - j0), base = jp * NR * k;
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < NR; j++) dst[base + p * NR + j] = j < nr ? src[off + p * sp + (j0 + j) * sj] : 0f;
            }
        }
        return dst;
    }

    /** Whether A and C are F32 heap tensors (the packed path's precondition besides B being packed). */
    static boolean accepts(Tensor a, Tensor c) { return f32(a) && f32(c); }

    static void gemm(float alpha, Tensor a, PackedMatrix b, float beta, Tensor c) {
        int m = a.size(0), k = a.size(1), n = b.cols(), panels = (n + NR - 1) / NR;
        float[] av = f(a), bp = f(b.data()), cv = f(c);
        int aOff = a.offset(), lda = a.stride(0), cOff = c.offset(), ldc = c.stride(0);
        int parts = Parallel.threads() <= 1 || (long) m * n * k < SgemmBlocked.PARALLEL_MIN ? 1
                : Math.min(Parallel.threads(), panels);
        if (parts == 1) {
            serial(m, k, n, 0, panels, alpha, av, aOff, lda, bp, beta, cv, cOff, ldc);
            return;
        }
        Parallel.range(parts, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                int lo = (int) ((long) panels * t / parts), hi = (int) ((long) panels * (t + 1) / parts);
                if (lo < hi) serial(m, k, n, lo, hi, alpha, av, aOff, lda, bp, beta, cv, cOff, ldc);
            }
        });
    }

    /**
     * Rows [from, to) of C = alpha·A·B + beta·C on the calling thread (A and C with unit-stride rows, B packed): what
     * a caller that already splits the rows across threads runs.
     */
    static void rows(float alpha, Tensor a, PackedMatrix b, float beta, Tensor c, int from, int to) {
        int k = a.size(1), n = b.cols(), lda = a.stride(0), ldc = c.stride(0);
        serial(to - from, k, n, 0, (n + NR - 1) / NR, alpha, f(a), a.offset() + from * lda, lda, f(b.data()), beta,
                f(c), c.offset() + from * ldc, ldc);
    }

    /**
     * Panels [p0, p1) of C for all m rows: 12-row register tiles while more than 8 rows are left, then 4-row ones
     * ({@link SgemmKernelNarrow}: its 2L-wide panels are the same), so a short edge costs a 4-row tile, not a 12-row one.
     */
    private static void serial(int m, int k, int n, int p0, int p1, float alpha, float[] a, int aOff, int lda,
                               float[] bp, float beta, float[] c, int cOff, int ldc) {
        float[][] buf = BUFFERS.get();
        if (buf[0].length < MR * k) buf[0] = new float[MR * k];
        float[] ap = buf[0], tile = buf[1];
        for (int i = 0; i < m; ) {
            int rows = m - i > 8 ? MR : 4, mr = Math.min(rows, m - i);
            SgemmPack.lines(a, aOff + i * lda, lda, mr, k, ap, 0, rows);
            for (int jp = p0; jp < p1; jp++) {
                int j = jp * NR, nr = Math.min(NR, n - j), co = cOff + i * ldc + j;
                if (mr == rows && nr == NR) {
                    if (beta == 0) kernel(rows, k, ap, bp, jp * NR * k, c, co, ldc, alpha);
                    else kernelAcc(rows, k, ap, bp, jp * NR * k, c, co, ldc, alpha, beta);
                } else {
                    kernel(rows, k, ap, bp, jp * NR * k, tile, 0, NR, 1f);
                    for (int r = 0; r < mr; r++) {
                        for (int q = 0, t = r * NR, o = co + r * ldc; q < nr; q++) {
                            c[o + q] = beta == 0 ? alpha * tile[t + q] : alpha * tile[t + q] + beta * c[o + q];
                        }
                    }
                }
            }
            i += mr;
        }
    }

    private static void kernel(int rows, int kc, float[] ap, float[] bp, int bo, float[] c, int co, int ldc, float alpha) {
        if (rows == SgemmKernelWide.MR && SgemmBlocked.WIDE) SgemmKernelWide.kernel(kc, ap, 0, rows, bp, bo, c, co, ldc,
                alpha);
        else SgemmKernelNarrow.kernel(kc, ap, 0, bp, bo, c, co, ldc, alpha);
    }

    private static void kernelAcc(int rows, int kc, float[] ap, float[] bp, int bo, float[] c, int co, int ldc,
                                  float alpha, float beta) {
        if (rows == SgemmKernelWide.MR && SgemmBlocked.WIDE) {
            SgemmKernelWide.kernelAcc(kc, ap, 0, rows, bp, bo, c, co, ldc, alpha, beta);
        } else {
            SgemmKernelNarrow.kernelAcc(kc, ap, 0, bp, bo, c, co, ldc, alpha, beta);
        }
    }
}
