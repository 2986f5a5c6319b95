package jtorch.backend.ref;

import jtorch.tensor.DType;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * {@link jtorch.backend.Backend#classTargets}: one pass over the targets t [B] of a C-class criterion, any dtype and
 * stride. For each b: keep[b] = (t[b] ≠ ignoreIndex), index[b] = t[b] when kept, else 0. Returns the first b whose
 * t[b] is neither ignoreIndex nor an integer in 0..C-1 (NaN included), or -1. Exact, allocation-free, so it serves as
 * both the reference and the cpu kernel.
 */
final class ClassTargets {
    private ClassTargets() {}

    static int run(Tensor target, int classes, int ignoreIndex, Tensor index, Tensor keep) {
        int b = target.dim() == 1 ? target.size(0) : -1;
        if (b < 0 || index.dim() != 1 || keep.dim() != 1 || index.size(0) != b || keep.size(0) != b
                || index.dtype() != DType.I32) throw new IllegalArgumentException("classTargets: expected target [B], "
                + "index [B] (I32) and keep [B], got " + target.shape() + ", " + index.shape() + " (" + index.dtype()
                + ") and " + keep.shape());
        HeapStorage ht = RefBackend.h(target), hk = RefBackend.h(keep);
        int[] ix = ((HeapStorage) index.storage()).ints();
        int bad = -1;
        for (int i = 0; i < b; i++) {
            double v = ht.get(target.offset() + i * target.stride(0));
            boolean kept = v != ignoreIndex;
            if (kept && bad < 0 && !(v >= 0 && v < classes && v == Math.rint(v))) bad = i;
            ix[index.offset() + i * index.stride(0)] = kept && bad < 0 ? (int) v : 0;
            hk.set(keep.offset() + i * keep.stride(0), kept ? 1 : 0);
        }
        return bad;
    }
}
