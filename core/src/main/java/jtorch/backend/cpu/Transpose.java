package jtorch.backend.cpu;

/**
 * Tiled copy for a transposed F32 source: when, after collapsing, the destination's last dimension has stride 1 and
 * the source's second-to-last dimension has stride 1 (e.g. {@code dst.copy(src.t())}), a line-by-line copy would read
 * the source with a large stride per element. This copies {@link #T}×{@link #T} tiles through a small contiguous
 * buffer instead: the tile's source rows are read contiguously into the buffer, then the destination rows are written
 * contiguously from it, so every cache line of either array is touched once per tile (no reuse is needed, which also
 * sidesteps the cache-set conflicts of power-of-two strides). Outer dimensions (a batch of transposes) are looped over.
 */
final class Transpose {
    static final int T = 32;

    private Transpose() {}

    /** Whether the plan (operands dst, src) is a batch of 2-d transposes large enough to tile. */
    static boolean applies(StridedLoop p) {
        int r = p.rank;
        return r >= 2 && p.strides[1][r - 2] == 1 && p.strides[0][r - 1] == 1
                && p.sizes[r - 1] >= 2 * T && p.sizes[r - 2] >= 2 * T;
    }

    static void copy(StridedLoop p, float[] o, float[] x) {
        int r = p.rank, rows = p.sizes[r - 2], cols = p.sizes[r - 1];
        int osr = p.strides[0][r - 2], xsc = p.strides[1][r - 1];
        int outer = p.numel / (rows * cols), rowTiles = (rows + T - 1) / T;
        int grain = Math.max(1, Elementwise.GRAIN / (T * cols));
        Parallel.range(outer * rowTiles, grain, (from, to) -> {
            float[] buf = new float[T * T];
            for (int w = from; w < to; w++) {
                int ob = w / rowTiles, i0 = (w % rowTiles) * T, i1 = Math.min(rows, i0 + T);
                int oBase = p.offsets[0], xBase = p.offsets[1];
                for (int d = r - 3, rem = ob; d >= 0; d--) {
                    int c = rem % p.sizes[d];
                    rem /= p.sizes[d];
                    oBase += c * p.strides[0][d];
                    xBase += c * p.strides[1][d];
                }
                for (int j0 = 0; j0 < cols; j0 += T) {
                    int j1 = Math.min(cols, j0 + T);
                    for (int j = j0; j < j1; j++) {
                        int xd = xBase + j * xsc, b = (j - j0) * T - i0;
                        for (int i = i0; i < i1; i++) buf[b + i] = x[xd + i];
                    }
                    for (int i = i0; i < i1; i++) {
                        int od = oBase + i * osr, b = i - i0 - j0 * T;
                        for (int j = j0; j < j1; j++) o[od + j] = buf[b + j * T];
                    }
                }
            }
        });
    }
}
