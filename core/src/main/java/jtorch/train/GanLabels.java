package jtorch.train;

import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Class conditioning for a {@link GanTrainer} (Mirza &amp; Osindero 2014): a label y in 0..C−1 as a one-hot row
 * e_y [C], appended to G's noise, z ⊕ e_y [B, nz + C], and paired with D's image as the table {x, e_y}.
 */
final class GanLabels {
    final int classes;

    GanLabels(int classes) {
        if (classes < 2) throw new IllegalArgumentException("GanTrainer.conditional: at least 2 classes, got " + classes);
        this.classes = classes;
    }

    /** One-hot rows F32 [B, C] of class indices [B] (0-based); an index outside 0..C−1 is an error naming it. */
    Tensor oneHot(Tensor labels, String what) {
        if (labels.dim() != 1) throw new IllegalArgumentException("GanTrainer (conditional): " + what + " must be class"
                + " indices [B], got " + java.util.Arrays.toString(labels.sizes()));
        int[] y = labels.toIntArray();
        float[] v = new float[y.length * classes];
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) throw new IllegalArgumentException("GanTrainer (conditional, " + classes
                    + " classes): " + what + "[" + i + "] is " + y[i] + ", not a class index in 0.." + (classes - 1));
            v[i * classes + y[i]] = 1;
        }
        return Tensor.of(v, y.length, classes);
    }

    /** n labels drawn uniformly from 0..C−1 by {@code rng}, I32 [n]. */
    Tensor draw(Generator rng, int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = rng.nextInt(classes);
        return Tensor.of(y, n);
    }

    /** z [B, nz] ⊕ one-hot [B, C] → [B, nz + C]. */
    static Tensor append(Tensor z, Tensor oneHot) {
        if (z.dim() != 2 || z.size(0) != oneHot.size(0)) throw new IllegalArgumentException("GanTrainer (conditional):"
                + " the noise must be [B, nz] with one label per row, got noise " + java.util.Arrays.toString(z.sizes())
                + " and " + oneHot.size(0) + " labels");
        Tensor g = Tensor.zeros(z.size(0), z.size(1) + oneHot.size(1));
        g.narrow(1, 0, z.size(1)).copy(z);
        g.narrow(1, z.size(1), oneHot.size(1)).copy(oneHot);
        return g;
    }
}
