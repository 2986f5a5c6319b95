package jtorch.examples;

import jtorch.data.Batch;
import jtorch.data.TensorDataset;
import jtorch.tensor.Tensor;

/**
 * Next-character examples cut from a character corpus: input the ids of L consecutive characters, target the id of
 * the character that follows; {@link #oneHot} turns a batch of ids [B, L] into the one-hot sequences [B, V, L]
 * (channels first, as TemporalConvolution reads them) that the nets take, in the data pipeline (there is no
 * LookupTable module yet).
 */
final class CharWindows {
    private CharWindows() {}

    /**
     * {@code n} windows of {@code length} ids starting at random positions of ids[from, to) (window and target both
     * inside): inputs I32 [n, length], targets I32 [n].
     */
    static TensorDataset sample(int[] ids, int from, int to, int length, int n, java.util.SplittableRandom r) {
        if (to - from < length + 1) throw new IllegalArgumentException("CharWindows: a range of " + (to - from)
                + " characters holds no window of " + length + " plus a target");
        int[] x = new int[n * length], t = new int[n];
        for (int i = 0; i < n; i++) {
            int s = r.nextInt(from, to - length);
            System.arraycopy(ids, s, x, i * length, length);
            t[i] = ids[s + length];
        }
        return new TensorDataset(Tensor.of(x, n, length), Tensor.of(t, n));
    }

    /** The batch with its ids [B, L] replaced by one-hot F32 [B, vocabulary, L]: x[b, v, l] = 1 iff ids[b, l] = v. */
    static Batch oneHot(Batch b, int vocabulary) {
        Tensor ids = b.input();
        if (ids.dim() != 2) throw new IllegalArgumentException("CharWindows.oneHot: expected ids [B, L], got "
                + java.util.Arrays.toString(ids.sizes()));
        int n = ids.size(0), l = ids.size(1);
        int[] v = ids.toIntArray();
        float[] x = new float[n * vocabulary * l];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) {
                int c = v[i * l + j];
                if (c < 0 || c >= vocabulary) throw new IllegalArgumentException("CharWindows.oneHot: id " + c
                        + " outside the vocabulary of " + vocabulary);
                x[(i * vocabulary + c) * l + j] = 1f;
            }
        }
        return new Batch(Tensor.of(x, n, vocabulary, l), b.target());
    }
}
