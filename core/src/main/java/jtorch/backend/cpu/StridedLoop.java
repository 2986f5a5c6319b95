package jtorch.backend.cpu;

import jtorch.tensor.Tensor;

/**
 * An iteration plan over up to four same-shaped strided tensors (operand 0 is the output): size-1 dimensions dropped,
 * dimensions ordered by the output's strides (largest first, so the output's unit stride is innermost), and adjacent
 * dimensions merged wherever every operand steps through them as one. The element range {@code [from, to)} in that
 * order is then visited as "lines" along the innermost dimension: {@code line(o0, o1, o2, o3, len)} gets each operand's
 * storage index of the line's first element; the innermost strides are {@link #innerStride(int)}.
 * <p>Example: a contiguous [N, M] plus a bias row expanded to [N, M] (strides [0, 1]) becomes N lines of M elements with
 * unit strides; a contiguous tensor plus an expanded scalar becomes one line of N·M elements, the scalar with stride 0.
 */
final class StridedLoop {
    /** Body called once per line. */
    @FunctionalInterface
    interface Line { void run(int o0, int o1, int o2, int o3, int len); }

    final int numel;
    final int rank;
    final int[] sizes;
    /** strides[operand][dim] of the collapsed dimensions. */
    final int[][] strides;
    final int[] offsets;

    private StridedLoop(int numel, int[] sizes, int[][] strides, int[] offsets) {
        this.numel = numel; this.rank = sizes.length; this.sizes = sizes; this.strides = strides; this.offsets = offsets;
    }

    /** The plan for {@code ts} (ts[0] the output), all of ts[0]'s shape. */
    static StridedLoop of(Tensor... ts) {
        int r = ts[0].dim(), k = ts.length;
        int[] order = new int[r];
        int m = 0;
        for (int d = 0; d < r; d++) if (ts[0].size(d) != 1) order[m++] = d;
        // stable insertion sort by output stride, descending
        for (int i = 1; i < m; i++) {
            int d = order[i], j = i - 1;
            while (j >= 0 && Math.abs(ts[0].stride(order[j])) < Math.abs(ts[0].stride(d))) { order[j + 1] = order[j]; j--; }
            order[j + 1] = d;
        }
        int[] sz = new int[Math.max(1, m)];
        int[][] st = new int[k][sz.length];
        sz[0] = 1;
        int q = -1; // index of the last collapsed dimension written
        for (int i = 0; i < m; i++) {
            int d = order[i];
            boolean merge = q >= 0;
            for (int t = 0; t < k && merge; t++) merge = st[t][q] == ts[t].stride(d) * ts[0].size(d);
            if (merge) {
                sz[q] *= ts[0].size(d);
                for (int t = 0; t < k; t++) st[t][q] = ts[t].stride(d);
            } else {
                q++;
                sz[q] = ts[0].size(d);
                for (int t = 0; t < k; t++) st[t][q] = ts[t].stride(d);
            }
        }
        int rank = Math.max(1, q + 1);
        int[] sizes = java.util.Arrays.copyOf(sz, rank);
        int[][] strides = new int[k][];
        int[] offsets = new int[k];
        for (int t = 0; t < k; t++) { strides[t] = java.util.Arrays.copyOf(st[t], rank); offsets[t] = ts[t].offset(); }
        if (q < 0) for (int t = 0; t < k; t++) strides[t][0] = 1;
        return new StridedLoop(ts[0].numel(), sizes, strides, offsets);
    }

    /** Stride of operand t along the innermost (line) dimension. */
    int innerStride(int t) { return strides[t][rank - 1]; }

    /** Length of a full line. */
    int lineLength() { return sizes[rank - 1]; }

    /** Visits the elements [from, to) of the plan's order as lines. */
    void run(int from, int to, Line body) {
        if (from >= to) return;
        int r = rank, k = offsets.length;
        int[] idx = new int[r];
        int rem = from;
        for (int d = r - 1; d >= 0; d--) { idx[d] = rem % sizes[d]; rem /= sizes[d]; }
        int inner = sizes[r - 1];
        int pos = from;
        int o0 = 0, o1 = 0, o2 = 0, o3 = 0;
        while (pos < to) {
            int len = Math.min(inner - idx[r - 1], to - pos);
            o0 = at(0, idx);
            if (k > 1) o1 = at(1, idx);
            if (k > 2) o2 = at(2, idx);
            if (k > 3) o3 = at(3, idx);
            body.run(o0, o1, o2, o3, len);
            pos += len;
            idx[r - 1] += len;
            for (int d = r - 1; d > 0 && idx[d] == sizes[d]; d--) { idx[d] = 0; idx[d - 1]++; }
        }
    }

    private int at(int t, int[] idx) {
        int o = offsets[t];
        int[] s = strides[t];
        for (int d = 0; d < idx.length; d++) o += idx[d] * s[d];
        return o;
    }
}
