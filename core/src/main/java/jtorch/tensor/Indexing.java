package jtorch.tensor;

import java.util.Arrays;

/** Index operations behind {@link Tensor}: validation here, loops in the back end. */
final class Indexing {
    private Indexing() {}

    private static void checkIndex(String op, Tensor index, int bound, Tensor t, int dim) {
        if (index.dtype() != DType.I32) throw new IllegalArgumentException(op + ": index must be I32, got " + index.dtype());
        // a broadcast (stride 0) dimension repeats the same values: check one copy (LookupTable's expanded rows)
        for (int d = 0; d < index.dim(); d++) if (index.strides[d] == 0 && index.sizes[d] > 1) index = index.narrow(d, 0, 1);
        // a contiguous heap index is checked in place (no copy: a training step's gathers allocate nothing per sample)
        boolean inPlace = index.isContiguous() && index.storage instanceof HeapStorage;
        int[] ix = inPlace ? ((HeapStorage) index.storage).ints() : index.toIntArray();
        int from = inPlace ? index.offset : 0, to = from + index.numel();
        for (int k = from; k < to; k++) {
            if (ix[k] < 0 || ix[k] >= bound) throw new IllegalArgumentException(op + ": index value " + ix[k]
                    + " out of range [0, " + bound + ") for dimension " + dim + " of shape " + Arrays.toString(t.sizes));
        }
    }

    static Tensor indexSelect(Tensor t, int dim, Tensor index) {
        Tensor.checkDim("indexSelect", dim, t.dim());
        if (index.dim() != 1) throw new IllegalArgumentException("indexSelect: index must be 1-d, got shape "
                + Arrays.toString(index.sizes));
        checkIndex("indexSelect", index, t.sizes[dim], t, dim);
        int[] s = t.sizes.clone();
        s[dim] = index.sizes[0];
        Tensor out = t.newZeros(s);
        t.backend.indexSelect(out, t, dim, index);
        return out;
    }

    /** index must have t's rank, and every size but dim's at most t's. */
    private static void checkGatherShape(String op, Tensor t, int dim, Tensor index) {
        Tensor.checkDim(op, dim, t.dim());
        boolean ok = index.dim() == t.dim();
        for (int d = 0; ok && d < t.dim(); d++) ok = d == dim || index.sizes[d] <= t.sizes[d];
        if (!ok) throw new IllegalArgumentException(op + ": index shape " + Arrays.toString(index.sizes)
                + " does not fit tensor shape " + Arrays.toString(t.sizes) + " along dimension " + dim);
    }

    static Tensor gather(Tensor t, int dim, Tensor index) { return gather(t, dim, index, t.newZeros(index.sizes)); }

    static Tensor gather(Tensor t, int dim, Tensor index, Tensor out) {
        checkGatherShape("gather", t, dim, index);
        checkIndex("gather", index, t.sizes[dim], t, dim);
        t.checkOut("gather", out, index.sizes);
        t.sameKind("gather", out);
        t.backend.gather(out, t, dim, index);
        return out;
    }

    static Tensor scatterAdd(Tensor t, int dim, Tensor index, Tensor src) {
        checkGatherShape("scatterAdd", t, dim, index);
        t.sameKind("scatterAdd", src);
        for (int d = 0; d < index.dim(); d++) {
            if (src.dim() != index.dim() || index.sizes[d] > src.sizes[d]) throw new IllegalArgumentException(
                    "scatterAdd: index shape " + Arrays.toString(index.sizes) + " larger than src shape " + Arrays.toString(src.sizes));
        }
        checkIndex("scatterAdd", index, t.sizes[dim], t, dim);
        t.checkWritable("scatterAdd");
        // out[index[i]] += src[i] reads src elements other than the one it writes: any overlap needs a copy
        t.backend.scatterAdd(t, dim, index, Tensor.overlaps(src, t) ? src.clone() : src);
        return t;
    }
}
