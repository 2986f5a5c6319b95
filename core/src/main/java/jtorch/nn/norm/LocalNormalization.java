package jtorch.nn.norm;

import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * The shared part of Torch7's local contrast normalisation modules: nInputPlane, the averaging kernel (a persistent
 * buffer {@code kernel}, saved with the model; 1-d separable or 2-d, odd sizes; Torch7's default ones(9, 9); see
 * {@link Kernels} for Gaussians), and the input check [B, nInputPlane, H, W].
 */
public abstract class LocalNormalization extends Module implements TensorModule {
    private final String type;
    final int planes;
    private final int[] kernelSizes; // kept apart from the buffer: name() runs before the buffer exists

    LocalNormalization(String type, int nInputPlane, Tensor kernel) {
        if (nInputPlane < 1) throw new IllegalArgumentException(type + ": nInputPlane must be positive, got " + nInputPlane);
        this.type = type;
        this.planes = nInputPlane;
        this.kernelSizes = kernel == null ? new int[0] : kernel.sizes();
        addBuffer("kernel", LocalAverager.checked(type, kernel).to(DType.F32).clone());
    }

    /** The averaging kernel as given (the modules divide by its sum). */
    public Tensor kernel() { return buffer("kernel"); }

    int[] kernelSizes() { return kernelSizes.clone(); }

    Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 4 || x.size(1) != planes) throw new IllegalArgumentException(name() + ": expected input [B, "
                + planes + ", H, W], got " + x.shape());
        return x;
    }

    Tensor grad(Activity gradOutput, Tensor x) {
        Tensor g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the input's shape " + Arrays.toString(x.sizes()));
        return g;
    }

    @Override public String name() {
        int[] k = kernelSizes;
        if (k.length == 0) return type;
        return type + "(" + planes + ", " + (k.length == 1 ? k[0] + " separable" : k[0] + "x" + k[1]) + ")";
    }
}
