package jtorch.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;
import jtorch.data.FashionMnist;
import jtorch.data.Normalizer;
import jtorch.data.TensorDataset;

/**
 * Fashion-MNIST as an RDD's partitions, read on the executors (as a job would read its own storage): partition k of
 * p holds the training examples i ≡ k (mod p) among the first {@code limit}, standardised with the whole training
 * split's per-pixel mean and std (the gate's preprocessing).
 */
final class FashionSamples {
    private FashionSamples() {}

    static boolean available() { return FashionMnist.available(FashionMnist.DEFAULT_DIR); }

    static Normalizer normalizer(TensorDataset train) { return Normalizer.fit(train.inputs()); }

    static Iterator<Sample> partition(int k, int p, int limit) {
        TensorDataset train = FashionMnist.train(FashionMnist.DEFAULT_DIR);
        Normalizer nz = normalizer(train);
        int[] ix = new int[(Math.min(limit, train.size()) - k + p - 1) / p];
        for (int i = 0; i < ix.length; i++) ix[i] = k + i * p;
        TensorDataset mine = train.subset(ix);
        float[] x = nz.apply(mine.inputs()).toFloatArray();
        int[] y = mine.targets().toIntArray();
        int d = x.length / y.length;
        return new Iterator<>() {
            int i;

            @Override public boolean hasNext() { return i < y.length; }

            @Override public Sample next() {
                if (i == y.length) throw new NoSuchElementException();
                float[] f = new float[d];
                System.arraycopy(x, i * d, f, 0, d);
                return new Sample(f, y[i++]);
            }
        };
    }
}
