package jtorch.data;

import jtorch.tensor.Tensor;

/**
 * A map-style data set: {@link #size()} examples, addressable by index. {@link #batch(int[])} gathers several examples
 * into one {@link Batch}; in-memory data sets override it with a single {@code indexSelect} per tensor.
 */
public interface Dataset {
    int size();

    /** Example {@code i}: input and target without the batch dimension. */
    Batch get(int i);

    /** The examples at {@code indices}, stacked along a new dimension 0. */
    default Batch batch(int[] indices) {
        if (indices.length == 0) throw new IllegalArgumentException("Dataset.batch: no indices");
        Batch first = get(indices[0]);
        int[] is = first.input().sizes(), ts = first.target().sizes();
        Tensor in = first.input().newZeros(prepend(indices.length, is)), tg = first.target().newZeros(prepend(indices.length, ts));
        for (int k = 0; k < indices.length; k++) {
            Batch b = k == 0 ? first : get(indices[k]);
            in.select(0, k).copy(b.input());
            tg.select(0, k).copy(b.target());
        }
        return new Batch(in, tg);
    }

    private static int[] prepend(int n, int[] s) {
        int[] r = new int[s.length + 1];
        r[0] = n;
        System.arraycopy(s, 0, r, 1, s.length);
        return r;
    }
}
