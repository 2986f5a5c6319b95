package jtorch.spark;

import java.util.Arrays;
import java.util.Iterator;
import jtorch.data.TensorDataset;
import jtorch.distributed.Collective;
import jtorch.tensor.Tensor;

/** A task's partition of {@link Sample}s read into memory: features F32 [n, d] and labels I32 [n]. */
final class PartitionData {
    final float[] features;
    final int[] labels;
    final int n, d;

    private PartitionData(float[] features, int[] labels, int n, int d) {
        this.features = features;
        this.labels = labels;
        this.n = n;
        this.d = d;
    }

    static PartitionData read(Iterator<Sample> it, int rank) {
        float[] x = new float[0];
        int[] y = new int[16];
        int n = 0, d = -1;
        while (it.hasNext()) {
            Sample s = it.next();
            if (d < 0) {
                d = s.features().length;
                x = new float[16 * d];
            } else if (s.features().length != d) throw new IllegalArgumentException("SparkTrainer: rank " + rank
                    + ": example " + n + " of its partition has " + s.features().length + " features, the first had " + d);
            if (n == y.length) {
                if (2L * n * d > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("SparkTrainer: rank " + rank
                        + "'s partition holds more than " + n + " examples of " + d + " features, over 2^31 floats; "
                        + "use more partitions or workers");
                y = Arrays.copyOf(y, 2 * n);
                x = Arrays.copyOf(x, 2 * n * d);
            }
            System.arraycopy(s.features(), 0, x, n * d, d);
            y[n++] = s.label();
        }
        return new PartitionData(x, y, n, Math.max(d, 0));
    }

    /**
     * The example count every rank keeps, min_r n_r, after checking that the ranks agree on the feature count
     * (one sum all-reduce of [n_0..n_{p−1}, d_0..d_{p−1}]).
     */
    int agreeOnCount(Collective c) {
        int p = c.size(), r = c.rank();
        if ((long) n >= 1L << 24) throw new IllegalArgumentException("SparkTrainer: rank " + r + " holds " + n
                + " examples; at most 2^24 per partition (use more partitions or workers)");
        Tensor info = Tensor.zeros(2 * p);
        info.set(n, r);
        info.set(d, p + r);
        c.allReduce(info, Collective.Op.SUM);
        int min = Integer.MAX_VALUE;
        for (int k = 0; k < p; k++) {
            int nk = (int) info.get(k), dk = (int) info.get(p + k);
            if (nk == 0) throw new IllegalArgumentException("SparkTrainer: the partition of rank " + k
                    + " is empty; every one of the " + p + " workers needs data (fewer workers, or repartition)");
            if (dk != d) throw new IllegalArgumentException("SparkTrainer: rank " + k + "'s examples have " + dk
                    + " features, rank " + r + "'s have " + d);
            min = Math.min(min, nk);
        }
        return min;
    }

    /** The first {@code count} examples as a data set, features viewed as [count, shape...] (null: [count, d]). */
    TensorDataset dataset(int count, int[] shape) {
        int[] sizes = new int[shape == null ? 2 : shape.length + 1];
        sizes[0] = count;
        if (shape == null) sizes[1] = d;
        else {
            long prod = 1;
            for (int k = 0; k < shape.length; k++) prod *= (sizes[k + 1] = shape[k]);
            if (prod != d) throw new IllegalArgumentException("SparkTrainer.inputShape " + Arrays.toString(shape)
                    + " has " + prod + " entries but the examples have " + d + " features");
        }
        Tensor in = Tensor.of(Arrays.copyOf(features, count * d), sizes);
        Tensor lab = Tensor.of(Arrays.copyOf(labels, count), count);
        return new TensorDataset(in, lab);
    }
}
