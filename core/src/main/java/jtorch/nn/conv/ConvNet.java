package jtorch.nn.conv;

import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.layer.Dropout;
import jtorch.nn.layer.Flatten;
import jtorch.nn.layer.Linear;
import jtorch.nn.layer.View;
import jtorch.nn.norm.SpatialBatchNormalization;
import jtorch.nn.pool.SpatialMaxPooling;

/**
 * A small modern convnet for 28×28 single-channel images: three conv–batch-norm–ReLU blocks, each followed by 2×2 max
 * pooling, then dropout and one linear classifier. Input [B, 784] or [B, 1, 28, 28]; with widths (c₁, c₂, c₃):
 * <pre>
 *   View(1, 28, 28)
 *   → SpatialConvolution(1 → c₁, 3×3, pad 1, no bias) → SpatialBatchNormalization(c₁) → ReLU → SpatialMaxPooling(2×2)   [B, c₁, 14, 14]
 *   → SpatialConvolution(c₁ → c₂, 3×3, pad 1, no bias) → SpatialBatchNormalization(c₂) → ReLU → SpatialMaxPooling(2×2)  [B, c₂, 7, 7]
 *   → SpatialConvolution(c₂ → c₃, 3×3, pad 1, no bias) → SpatialBatchNormalization(c₃) → ReLU → SpatialMaxPooling(2×2)  [B, c₃, 3, 3]
 *   → Flatten → Dropout(p) → Linear(9·c₃, classes) → LogSoftMax                                                          [B, classes]
 * </pre>
 * The convolutions have no bias (the batch norm's shift takes its place). The default widths (16, 32, 96) and
 * p = 0.3 give 41,338 parameters for 10 classes (under the 100,000 of the "&lt; 100K parameters" class of
 * Fashion-MNIST's benchmark table). Not a module type of its own: the result is a plain {@link Sequential}, saved and
 * loaded like any other; {@code get(1)} is the first convolution (its filters are what
 * {@code jtorch.train.plot.ConvPlots.filterGrid} draws).
 */
public final class ConvNet {
    /** The default channel widths of the three blocks. */
    public static final int C1 = 16, C2 = 32, C3 = 96;
    /** The default dropout probability before the classifier. */
    public static final double DROPOUT = 0.3;

    private ConvNet() {}

    /** The network with the default widths and dropout. */
    public static Sequential build(int classes) { return build(classes, C1, C2, C3, DROPOUT); }

    /** The network with widths c1, c2, c3 and dropout probability p (0 ≤ p &lt; 1) before the classifier. */
    public static Sequential build(int classes, int c1, int c2, int c3, double p) {
        if (classes < 2) throw new IllegalArgumentException("ConvNet: need at least 2 classes, got " + classes);
        if (c1 < 1 || c2 < 1 || c3 < 1) throw new IllegalArgumentException("ConvNet: widths must be >= 1, got "
                + c1 + ", " + c2 + ", " + c3);
        Sequential s = new Sequential().add(new View(1, 28, 28));
        block(s, 1, c1);
        block(s, c1, c2);
        block(s, c2, c3);
        s.add(new Flatten()).add(new Dropout(p)).add(new Linear(9 * c3, classes));
        return s.add(new LogSoftMax());
    }

    private static void block(Sequential s, int in, int out) {
        s.add(new SpatialConvolution(in, out, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1, false));
        s.add(new SpatialBatchNormalization(out)).add(new ReLU()).add(new SpatialMaxPooling(2, 2));
    }
}
