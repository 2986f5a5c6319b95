package jtorch.backend.cpu;

import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * indexSelect of whole rows (an embedding lookup): out [n, m] = in [R, m] rows index[0..n-1], dim 0, both with
 * unit-stride rows on the heap, any dtype: one array copy per row, no allocation (the reference back end's loop makes
 * two views per row). Copies are exact, so the bits equal the reference's on any thread count (threads split the rows).
 */
final class GatherRows {
    private GatherRows() {}

    static boolean accepts(Tensor out, Tensor in, int dim, Tensor index) {
        return dim == 0 && out.dim() == 2 && in.dim() == 2 && index.dim() == 1 && index.dtype() == DType.I32
                && out.dtype() == in.dtype() && out.storage() instanceof HeapStorage && in.storage() instanceof HeapStorage
                && index.storage() instanceof HeapStorage && out.size(1) == in.size(1) && out.size(0) == index.size(0)
                && (out.stride(1) == 1 || out.size(1) == 1) && (in.stride(1) == 1 || in.size(1) == 1)
                && out.storage() != in.storage();
    }

    static void run(Tensor out, Tensor in, Tensor index) {
        Object dst = array(out), src = array(in);
        int[] ix = ((HeapStorage) index.storage()).ints();
        int n = out.size(0), m = out.size(1), rows = in.size(0);
        for (int j = 0; j < n; j++) {
            int r = ix[index.offset() + j * index.stride(0)];
            if (r < 0 || r >= rows) throw new IndexOutOfBoundsException("indexSelect: index " + r + " out of range [0, "
                    + rows + ") at position " + j);
        }
        Parallel.range(n, Math.max(1, (1 << 14) / Math.max(1, m)), (j0, j1) -> {
            for (int j = j0; j < j1; j++) {
                int r = ix[index.offset() + j * index.stride(0)];
                System.arraycopy(src, in.offset() + r * in.stride(0), dst, out.offset() + j * out.stride(0), m);
            }
        });
    }

    private static Object array(Tensor t) {
        HeapStorage h = (HeapStorage) t.storage();
        return switch (t.dtype()) {
            case F32 -> h.floats();
            case F64 -> h.doubles();
            case I32 -> h.ints();
            default -> throw new IllegalArgumentException("indexSelect: unsupported dtype " + t.dtype());
        };
    }
}
