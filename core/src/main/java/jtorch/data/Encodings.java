package jtorch.data;

import java.util.Arrays;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/** Target encodings. For string class labels see {@link LabelEncoder}. */
public final class Encodings {
    private Encodings() {}

    /**
     * One-hot rows: {@code y[i][c] = 1 if labels[i] == c else 0}; labels I32 [N] with values in [0, classes), result
     * F32 [N, classes].
     */
    public static Tensor oneHot(Tensor labels, int classes) {
        if (labels.dtype() != DType.I32 || labels.dim() != 1) throw new IllegalArgumentException("oneHot: expected labels "
                + "I32 [N], got " + labels.dtype() + Arrays.toString(labels.sizes()));
        if (classes <= 0) throw new IllegalArgumentException("oneHot: classes must be positive, got " + classes);
        int[] l = labels.toIntArray();
        float[] y = new float[l.length * classes];
        for (int i = 0; i < l.length; i++) {
            if (l[i] < 0 || l[i] >= classes) throw new IllegalArgumentException("oneHot: label " + l[i] + " at index " + i
                    + " out of range [0, " + classes + ")");
            y[i * classes + l[i]] = 1;
        }
        return Sources.wrap(y, l.length, classes);
    }
}
