package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * Many small F32 products at once, the per-head products of attention: {@code C_s = alpha·A_s·B_s + beta·C_s} for
 * every batch index s of A [..., m, k], B [..., k, n], C [..., m, n] (the leading sizes equal, any strides, stride 0
 * included). Per slice, B is copied once into a zero-padded row-major panel (k × n rounded up to {@link #NR}; a
 * transposed B is transposed there), A is read in place through its strides (either of them may be the unit one),
 * and {@link SgemmBatchedKernel} computes {@link #MR} × {@link #NR} tiles of C with k in one block (no packing of A,
 * no K blocks: the slices are small). The slices are split over threads in contiguous ranges; each slice is computed
 * by one thread with the same loops whatever the thread count, so the bits do not depend on it.
 * <p>Taken when every C row has unit stride, A and B each have a unit stride along one of their two matrix
 * dimensions and B's panel fits {@link #MAX_PANEL} floats; otherwise {@link #gemm} returns false.
 */
final class SgemmBatched {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final boolean WIDE = L >= 16;
    /** Rows of the register tile: 8 with 16-lane vectors ({@link SgemmBatchedWide}), else 4 ({@link SgemmBatchedNarrow}). */
    static final int MR = WIDE ? SgemmBatchedWide.MR : SgemmBatchedNarrow.MR;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    /** Largest packed B panel (floats) per slice: 32K floats = 128 KB, well within L2. */
    static final int MAX_PANEL = 1 << 15;
    /** Multiply-adds per thread chunk (~20 µs of work) below which slices are not handed to another thread. */
    static final long GRAIN_MACS = 1L << 20;

    /** Per thread: the packed B panels, the edge tile. */
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[][] {
        new float[0], new float[MR * NR]});

    private SgemmBatched() {}

    /** One slice's product geometry: sizes, the padded panel width and the (normalised) matrix strides. */
    record Plan(int m, int n, int k, int nPad, int asi, int asp, int bsp, int bsj, int csi) {
        long macs() { return (long) m * n * k; }
    }

    /** The plan for A [..., m, k]·B [..., k, n] into C [..., m, n], or null when this path does not take them. */
    static Plan plan(Tensor a, Tensor b, Tensor c) {
        int r = c.dim();
        int m = c.size(r - 2), n = c.size(r - 1), k = a.size(r - 1);
        int asi = a.stride(r - 2), asp = a.stride(r - 1), bsp = b.stride(r - 2), bsj = b.stride(r - 1);
        int csi = c.stride(r - 2), csj = c.stride(r - 1);
        if (m == 1) asi = 1;
        if (k == 1) { asp = 1; bsp = 1; }
        if (n == 1) { bsj = 1; csj = 1; }
        if (csj != 1 || (asi != 1 && asp != 1) || (bsp != 1 && bsj != 1)) return null;
        int nPad = (n + NR - 1) / NR * NR;
        if ((long) k * nPad > MAX_PANEL || k == 0 || m == 0 || n == 0) return null;
        return new Plan(m, n, k, nPad, asi, asp, bsp, bsj, csi);
    }

    /** The per-thread buffers with room for the panels of every plan given. */
    static float[][] buffers(Plan... plans) {
        float[][] buf = BUFFERS.get();
        for (Plan p : plans) if (buf[0].length < p.k * p.nPad) buf[0] = new float[p.k * p.nPad];
        return buf;
    }

    /** The product for F32 heap tensors of rank ≥ 3 (shapes checked by the caller); false when not taken. */
    static boolean gemm(float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        int r = c.dim();
        if (c.size(r - 2) == 0 || c.size(r - 1) == 0) return true;
        Plan pl = plan(a, b, c);
        if (pl == null) return false;
        int slices = 1;
        for (int d = 0; d < r - 2; d++) slices *= c.size(d);
        float[] fa = floats(a), fb = floats(b), fc = floats(c);
        int grain = (int) Math.max(1, GRAIN_MACS / Math.max(1, pl.macs()));
        Parallel.range(slices, grain, (from, to) -> {
            float[][] buf = buffers(pl);
            for (int s = from; s < to; s++) slice(pl, alpha, fa, offset(a, s), fb, offset(b, s), beta, fc, offset(c, s), buf);
        });
        return true;
    }

    static void slice(Plan p, float alpha, float[] a, int ao, float[] b, int bo, float beta, float[] c, int co,
                      float[][] buf) {
        slice(p.m, p.n, p.k, p.nPad, alpha, a, ao, p.asi, p.asp, b, bo, p.bsp, p.bsj, beta, c, co, p.csi, buf);
    }

    /** Storage offset of batch slice s (row-major over the leading r - 2 dimensions). */
    static int offset(Tensor t, int s) {
        int o = t.offset();
        for (int d = t.dim() - 3; d >= 0; d--) {
            int size = t.size(d);
            o += (s % size) * t.stride(d);
            s /= size;
        }
        return o;
    }

    static void slice(int m, int n, int k, int nPad, float alpha, float[] a, int ao, int asi, int asp, float[] b,
                      int bo, int bsp, int bsj, float beta, float[] c, int co, int csi, float[][] buf) {
        float[] bp = buf[0], tile = buf[1];
        pack(n, k, b, bo, bsp, bsj, bp);
        boolean rows = asp == 1; // A's rows have unit stride (else its columns do: A transposed)
        int i = 0;
        for (; i + MR <= m; i += MR) {
            int aoi = ao + i * asi;
            for (int j = 0; j < nPad; j += NR) {
                int coi = co + i * csi + j, bo2 = j * k;
                if (j + NR <= n) {
                    if (beta == 0) {
                        if (rows) kernelN(k, a, aoi, asi, bp, bo2, c, coi, csi, alpha);
                        else kernelT(k, a, aoi, asp, bp, bo2, c, coi, csi, alpha);
                    } else if (rows) {
                        if (WIDE) SgemmBatchedWide.kernelAccN(k, a, aoi, asi, bp, bo2, c, coi, csi, alpha, beta);
                        else SgemmBatchedNarrow.kernelAccN(k, a, aoi, asi, bp, bo2, c, coi, csi, alpha, beta);
                    } else if (WIDE) {
                        SgemmBatchedWide.kernelAccT(k, a, aoi, asp, bp, bo2, c, coi, csi, alpha, beta);
                    } else {
                        SgemmBatchedNarrow.kernelAccT(k, a, aoi, asp, bp, bo2, c, coi, csi, alpha, beta);
                    }
                } else {
                    if (rows) kernelN(k, a, aoi, asi, bp, bo2, tile, 0, NR, 1f);
                    else kernelT(k, a, aoi, asp, bp, bo2, tile, 0, NR, 1f);
                    merge(tile, MR, n - j, c, coi, csi, alpha, beta);
                }
            }
        }
        for (; i < m; i++) {
            for (int j = 0; j < nPad; j += NR) {
                row(k, a, ao + i * asi, asp, bp, j * k, tile);
                merge(tile, 1, Math.min(NR, n - j), c, co + i * csi + j, csi, alpha, beta);
            }
        }
    }

    private static void kernelN(int k, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc,
                                float alpha) {
        if (WIDE) SgemmBatchedWide.kernelN(k, a, ao, lda, bp, bo, c, co, ldc, alpha);
        else SgemmBatchedNarrow.kernelN(k, a, ao, lda, bp, bo, c, co, ldc, alpha);
    }

    private static void kernelT(int k, float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc,
                                float alpha) {
        if (WIDE) SgemmBatchedWide.kernelT(k, a, ao, lda, bp, bo, c, co, ldc, alpha);
        else SgemmBatchedNarrow.kernelT(k, a, ao, lda, bp, bo, c, co, ldc, alpha);
    }

    /** One row: tile[j] = Σ_p A(0, p) · bp[bo + p·NR + j], p in order (the kernels' sums; the caller merges). */
    static void row(int k, float[] a, int ao, int asp, float[] bp, int bo, float[] tile) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0;
        for (int p = 0, q = ao; p < k; p++, q += asp, bo += NR) {
            FloatVector x = FloatVector.broadcast(S, a[q]);
            c0 = x.fma(FloatVector.fromArray(S, bp, bo), c0);
            c1 = x.fma(FloatVector.fromArray(S, bp, bo + L), c1);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, L);
    }

    /**
     * B into panels of NR columns: bp[(j / NR)·k·NR + p·NR + j % NR] = B(p, j) for j &lt; n, zero up to the last
     * panel's end; B(p, j) = b[bo + p·bsp + j·bsj], one of the two strides 1.
     */
    static void pack(int n, int k, float[] b, int bo, int bsp, int bsj, float[] bp) {
        for (int j0 = 0; j0 < n; j0 += NR) {
            int w = Math.min(NR, n - j0), base = j0 * k;
            if (bsj == 1) {
                for (int p = 0, s = bo + j0, d = base; p < k; p++, s += bsp, d += NR) {
                    if (w == NR) {
                        FloatVector.fromArray(S, b, s).intoArray(bp, d);
                        FloatVector.fromArray(S, b, s + L).intoArray(bp, d + L);
                    } else {
                        System.arraycopy(b, s, bp, d, w);
                        java.util.Arrays.fill(bp, d + w, d + NR, 0f);
                    }
                }
                continue;
            }
            SgemmPack.lines(b, bo + j0 * bsj, bsj, w, k, bp, base, NR); // B transposed: its columns are lines
        }
    }

    /** C[i, j] = alpha·tile[i, j] + beta·C[i, j] for the rows × cols corner (beta 0: C is not read). */
    private static void merge(float[] tile, int rows, int cols, float[] c, int co, int csi, float alpha, float beta) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0, t = i * NR, o = co + i * csi; j < cols; j++) {
                c[o + j] = beta == 0 ? alpha * tile[t + j] : alpha * tile[t + j] + beta * c[o + j];
            }
        }
    }

    private static float[] floats(Tensor t) { return ((HeapStorage) t.storage()).floats(); }
}
