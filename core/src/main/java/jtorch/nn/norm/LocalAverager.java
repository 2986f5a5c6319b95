package jtorch.nn.norm;

import jtorch.tensor.Tensor;

/**
 * The weighted local sums of Torch7's local contrast normalisation: a same-size correlation of a map t [B, 1, H, W]
 * with the kernel divided by its sum, zero outside the image. A 2-d kernel K [kH, kW] is used as given; a 1-d kernel
 * k [n] is separable (K = k ⊗ k, applied as two passes, as Torch7). Both sizes must be odd; the kernel is centred
 * (padding ⌊k/2⌋ on each side). {@link #coefficients} gives the border correction: the same sums over an image of
 * ones, i.e. the share of the kernel's weight inside the image at each position (1 in the interior).
 */
final class LocalAverager {
    private LocalAverager() {}

    static Tensor checked(String module, Tensor kernel) {
        if (kernel == null || kernel.dim() < 1 || kernel.dim() > 2) throw new IllegalArgumentException(module
                + ": the averaging kernel must be 1-d or 2-d, got " + (kernel == null ? "null" : kernel.shape()));
        for (int d = 0; d < kernel.dim(); d++) if (kernel.size(d) % 2 == 0) throw new IllegalArgumentException(module
                + ": the averaging kernel must have odd sizes, got " + kernel.shape());
        if (!(Math.abs(kernel.sum()) > 0)) throw new IllegalArgumentException(module + ": the averaging kernel sums to 0");
        return kernel;
    }

    /** Σ_{i,j} K_ij / ΣK · t[h + i - kH/2, w + j - kW/2] (0 outside), t [B, 1, H, W]. */
    static Tensor correlate(Tensor t, Tensor kernel) {
        if (kernel.dim() == 2) return pass2d(t, kernel, false);
        return pass1d(pass1d(t, kernel, 3, false), kernel, 2, false);
    }

    /** The adjoint of {@link #correlate} (the correlation with the flipped kernel). */
    static Tensor correlateAdjoint(Tensor g, Tensor kernel) {
        if (kernel.dim() == 2) return pass2d(g, kernel, true);
        return pass1d(pass1d(g, kernel, 2, true), kernel, 3, true);
    }

    /** {@link #correlate} of ones [1, 1, H, W]: the kernel share inside the image. */
    static Tensor coefficients(Tensor like, Tensor kernel, int h, int w) {
        return correlate(like.newZeros(1, 1, h, w).fillInPlace(1), kernel);
    }

    private static Tensor pass2d(Tensor t, Tensor kernel, boolean adjoint) {
        int kh = kernel.size(0), kw = kernel.size(1), H = t.size(2), W = t.size(3);
        double sum = kernel.to(jtorch.tensor.DType.F64).sum(); // in double: an F32 sum would round
        Tensor out = t.zerosLike();
        for (int i = 0; i < kh; i++) {
            int di = i - kh / 2, rows = H - Math.abs(di);
            if (rows <= 0) continue;
            for (int j = 0; j < kw; j++) {
                int dj = j - kw / 2, cols = W - Math.abs(dj);
                double wgt = kernel.get(i, j) / sum;
                if (cols <= 0 || wgt == 0) continue;
                Tensor dst = out.narrow(2, Math.max(0, adjoint ? di : -di), rows).narrow(3, Math.max(0, adjoint ? dj : -dj), cols);
                Tensor src = t.narrow(2, Math.max(0, adjoint ? -di : di), rows).narrow(3, Math.max(0, adjoint ? -dj : dj), cols);
                dst.addInPlace(wgt, src);
            }
        }
        return out;
    }

    private static Tensor pass1d(Tensor t, Tensor kernel, int dim, boolean adjoint) {
        int k = kernel.size(0), len = t.size(dim);
        double sum = kernel.to(jtorch.tensor.DType.F64).sum(); // in double: an F32 sum would round
        Tensor out = t.zerosLike();
        for (int i = 0; i < k; i++) {
            int d = i - k / 2, n = len - Math.abs(d);
            double wgt = kernel.get(i) / sum;
            if (n <= 0 || wgt == 0) continue;
            out.narrow(dim, Math.max(0, adjoint ? d : -d), n).addInPlace(wgt, t.narrow(dim, Math.max(0, adjoint ? -d : d), n));
        }
        return out;
    }
}
