package jtorch.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;
import jtorch.data.FashionMnist;
import jtorch.data.Normalizer;
import jtorch.data.TensorDataset;

/**
 * Fashion-MNIST as an RDD's partitions, read on the executors (as a job would read its own storage): partition k of
 * p holds the training examples i ≡ k (mod p) among the first {@code limit}, standardised with the whole training
 * split's per-pixel mean and std (the gate's preprocessing). Each executor JVM reads and standardises the split
 * once and keeps it for the following jobs (the tests run several fits on the same executors).
 */
final class FashionSamples {
    private static float[] cachedX;
    private static int[] cachedY;

    private FashionSamples() {}

    static boolean available() { return FashionMnist.available(FashionMnist.DEFAULT_DIR); }

    static Normalizer normalizer(TensorDataset train) { return Normalizer.fit(train.inputs()); }

    private static synchronized void load() {
        if (cachedX != null) return;
        TensorDataset train = FashionMnist.train(FashionMnist.DEFAULT_DIR);
        cachedX = normalizer(train).apply(train.inputs()).toFloatArray();
        cachedY = train.targets().toIntArray();
    }

    static Iterator<Sample> partition(int k, int p, int limit) {
        load();
        float[] x = cachedX;
        int[] y = cachedY;
        int n = Math.min(limit, y.length), d = x.length / y.length;
        return new Iterator<>() {
            int i = k;

            @Override public boolean hasNext() { return i < n; }

            @Override public Sample next() {
                if (i >= n) throw new NoSuchElementException();
                float[] f = new float[d];
                System.arraycopy(x, i * d, f, 0, d);
                Sample s = new Sample(f, y[i]);
                i += p;
                return s;
            }
        };
    }
}
