package jtorch.nn.norm;

import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * Averaging kernels for the local contrast normalisation modules, as Torch7's {@code image.gaussian1D} /
 * {@code image.gaussian}: k_i = exp(-((i - (n-1)/2) / (σ·n))² / 2) for i = 0..n-1 (σ relative to the size, amplitude
 * 1, not normalised; the modules divide by the sum), and the 2-d kernel k_i · k_j.
 */
public final class Kernels {
    private Kernels() {}

    /** Torch7's default averaging kernel: ones(9, 9). */
    public static Tensor box(int size) { return Tensor.ones(DType.F64, size, size); }

    /** A 1-d Gaussian of {@code size} taps (odd for the normalisation modules) and relative width σ (Torch7 uses 0.25). */
    public static Tensor gaussian1D(int size, double sigma) {
        if (size < 1 || !(sigma > 0)) throw new IllegalArgumentException("Kernels.gaussian1D: need size >= 1 and sigma > 0,"
                + " got " + size + ", " + sigma);
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            double z = (i - (size - 1) / 2.0) / (sigma * size);
            v[i] = Math.exp(-z * z / 2);
        }
        return Tensor.of(v, size);
    }

    /** The 2-d Gaussian k ⊗ k of {@link #gaussian1D}. */
    public static Tensor gaussian2D(int size, double sigma) {
        Tensor k = gaussian1D(size, sigma);
        return k.view(size, 1).mul(k.view(1, size));
    }
}
