package jtorch.backend.cpu;

import jtorch.backend.ConvSpec;
import jtorch.tensor.Tensor;

/**
 * The sizes of one convolution as the cpu kernels see it: 3 spatial dimensions (1-d and 2-d problems have leading
 * sizes 1), the input's element strides, and the im2col tiling of each sample's O = Do·Ho·Wo output positions into
 * tiles of {@code tile} positions, a whole number of output rows (Wo positions), so that one tile's column matrix
 * [CK, tile] (CK = C_in/G · Kd·Kh·Kw) stays under {@link #TILE_FLOATS} floats, in L2 (or is one output row).
 * <p>When a sample has fewer output positions than {@link #BATCH_TILE_COLS} and its whole column matrix fits in
 * {@link #BATCH_TILE_FLOATS}, one tile instead holds {@link #spt} whole samples side by side, col [CK, spt·O] of about
 * {@link #BATCH_TILE_COLS} columns, so that small outputs (7×7 = 49 positions in DCGAN) still make one GEMM wide
 * enough to run near the kernel's peak (before, 4 output rows per tile at DCGAN's width 64: 0.62× PyTorch's step).
 * spt depends only on the shapes (never on the thread count), and the batch is split into groups of nearly equal
 * size.
 */
final class ConvPlan {
    /** Column-tile budget in floats (measured, see the conv benchmark; {@code -Djtorch.conv.tile}). */
    static final int TILE_FLOATS = Integer.getInteger("jtorch.conv.tile", 1 << 15);

    final int batch, cin, cout, groups, cg, og;
    final int d, h, w;                 // input spatial sizes
    final int sb, sc, sd, sh, sw;      // input element strides
    final int kd, kh, kw, std, sth, stw, pd, ph, pw, dd, dh, dw;
    final int od, oh, ow, o;           // output spatial sizes, o = od·oh·ow
    /** Budget of a multi-sample column tile in floats ({@code -Djtorch.conv.batchTile}). */
    static final int BATCH_TILE_FLOATS = Integer.getInteger("jtorch.conv.batchTile", 1 << 20);
    /**
     * Columns a multi-sample tile aims at (the fewest whole samples reaching it). Measured on the whole DCGAN train
     * step (bench DcganStepSideBySide, 1 thread, steps/s of thread CPU time, machine load 7–9): 192 columns 14.5–15.9,
     * 384 14.5–15.0, 490 15.6–16.1, 784 16.6–17.3, 1568 14.7–15.7, 3136 (the whole batch) 13.2–15.1; the forward
     * GEMM alone, [64, 512] · [512, N], peaks earlier (N = 392: 81 GFLOP/s, 784: 69), the transposed products of the
     * backward passes later ({@code -Djtorch.conv.batchCols}).
     */
    static final int BATCH_TILE_COLS = Integer.getInteger("jtorch.conv.batchCols", 768);

    final int ck, tile, tiles;
    /** Samples per tile (1 unless a sample's whole column matrix fits many times in the budget); sampleGroups of them. */
    final int spt, sampleGroups;

    /** x, y: 5-d views [B, C, D, H, W]; spec: 3-d. */
    ConvPlan(ConvSpec s, Tensor x, Tensor y) {
        batch = x.size(0);
        cin = x.size(1);
        cout = y.size(1);
        groups = s.groups();
        cg = cin / groups;
        og = cout / groups;
        d = x.size(2); h = x.size(3); w = x.size(4);
        sb = x.stride(0); sc = x.stride(1); sd = x.stride(2); sh = x.stride(3); sw = x.stride(4);
        kd = s.kernel(0); kh = s.kernel(1); kw = s.kernel(2);
        std = s.stride(0); sth = s.stride(1); stw = s.stride(2);
        pd = s.padding(0); ph = s.padding(1); pw = s.padding(2);
        dd = s.dilation(0); dh = s.dilation(1); dw = s.dilation(2);
        od = y.size(2); oh = y.size(3); ow = y.size(4);
        o = od * oh * ow;
        ck = cg * kd * kh * kw;
        int t = o;
        boolean small = o < BATCH_TILE_COLS && (long) ck * o <= BATCH_TILE_FLOATS; // whole samples side by side
        if (!small && (long) ck * o > TILE_FLOATS) t = Math.min(o, Math.max(1, TILE_FLOATS / ck / ow) * ow); // whole output rows
        tile = t;
        tiles = (o + t - 1) / t;
        int most = tiles == 1 ? (int) Math.max(1, Math.min(Math.min(batch, (BATCH_TILE_COLS + o - 1) / o),
                BATCH_TILE_FLOATS / Math.max(1L, (long) ck * o))) : 1;
        sampleGroups = (batch + most - 1) / most;
        spt = sampleGroups == 0 ? 1 : (batch + sampleGroups - 1) / sampleGroups;
    }

    /** First sample of sample group i. */
    int groupStart(int i) { return Math.min(batch, i * spt); }

    /** Samples in sample group i. */
    int groupSize(int i) { return Math.min(batch, (i + 1) * spt) - groupStart(i); }

    /** Multiply-adds of one (sample, tile) item over all groups: the work unit for thread splitting. */
    long itemMacs() { return (long) cout * ck * tile; }

    /** Multiply-adds of one sample group (spt whole samples) over all groups. */
    long groupMacs() { return (long) cout * ck * o * spt; }
}
