package jtorch.backend.cpu;

import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * F32 scatterAdd of whole rows (an embedding's weight gradient): out [R, m], dim 0, index [n, m] I32 that repeats one
 * row index along dimension 1 (stride 0: an expanded [n, 1]), src [n, m]: out[index[i], :] += src[i, :] for i = 0..n-1
 * in order, so every element gets its additions in the reference back end's order (the same bits). Threads split the
 * columns, not the rows (two rows may hit the same output row), so the order per element is kept on any thread count.
 */
final class ScatterRows {
    private ScatterRows() {}

    static boolean accepts(Tensor out, int dim, Tensor index, Tensor src) {
        return dim == 0 && out.dim() == 2 && index.dim() == 2 && src.dim() == 2 && out.dtype() == DType.F32
                && src.dtype() == DType.F32 && index.dtype() == DType.I32 && out.storage() instanceof HeapStorage
                && src.storage() instanceof HeapStorage && index.storage() instanceof HeapStorage
                && index.stride(1) == 0 && out.stride(1) == 1 && src.stride(1) == 1 && out.storage() != src.storage()
                && java.util.Arrays.equals(index.sizes(), src.sizes()) && out.size(1) == src.size(1);
    }

    static void run(Tensor out, Tensor index, Tensor src) {
        float[] o = ((HeapStorage) out.storage()).floats(), s = ((HeapStorage) src.storage()).floats();
        int[] ix = ((HeapStorage) index.storage()).ints();
        int n = src.size(0), m = src.size(1), oo = out.offset(), os = out.stride(0), so = src.offset(), ss = src.stride(0);
        int io = index.offset(), is = index.stride(0);
        // column blocks in parallel: each element still gets its additions in row order
        Parallel.range(m, Math.max(16, (1 << 15) / Math.max(1, n)), (c0, c1) -> {
            for (int i = 0; i < n; i++) {
                int r = oo + ix[io + i * is] * os, q = so + i * ss;
                for (int j = c0; j < c1; j++) o[r + j] += s[q + j];
            }
        });
    }
}
