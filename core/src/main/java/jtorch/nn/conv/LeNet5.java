package jtorch.nn.conv;

import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.activation.Tanh;
import jtorch.nn.layer.Flatten;
import jtorch.nn.layer.Linear;
import jtorch.nn.layer.View;
import jtorch.nn.pool.SpatialMaxPooling;

/**
 * LeNet-5 for 28×28 single-channel images, as the tutorials draw it and as the DJL peer benchmark builds it
 * (no padding): input [B, 784] or [B, 1, 28, 28] →
 * <pre>
 *   View(1, 28, 28) → SpatialConvolution(1 → 6, 5×5) → act → SpatialMaxPooling(2×2)      [B, 6, 12, 12]
 *   → SpatialConvolution(6 → 16, 5×5) → act → SpatialMaxPooling(2×2) → Flatten             [B, 256]
 *   → Linear(256, 120) → act → Linear(120, 84) → act → Linear(84, classes) → LogSoftMax     [B, classes]
 * </pre>
 * with act = Tanh (LeCun's choice) or ReLU; 44,426 parameters for 10 classes. Not a module type of its own: the result
 * is a plain {@link Sequential}, saved and loaded like any other.
 */
public final class LeNet5 {
    private LeNet5() {}

    /** The Tanh network. */
    public static Sequential build(int classes) { return build(classes, false); }

    /** The network with Tanh, or with ReLU when {@code relu}. */
    public static Sequential build(int classes, boolean relu) {
        if (classes < 2) throw new IllegalArgumentException("LeNet5: need at least 2 classes, got " + classes);
        Sequential s = new Sequential().add(new View(1, 28, 28));
        s.add(new SpatialConvolution(1, 6, 5)).add(relu ? new ReLU() : new Tanh()).add(new SpatialMaxPooling(2, 2));
        s.add(new SpatialConvolution(6, 16, 5)).add(relu ? new ReLU() : new Tanh()).add(new SpatialMaxPooling(2, 2));
        s.add(new Flatten());
        s.add(new Linear(256, 120)).add(relu ? new ReLU() : new Tanh());
        s.add(new Linear(120, 84)).add(relu ? new ReLU() : new Tanh());
        return s.add(new Linear(84, classes)).add(new LogSoftMax());
    }
}
