package jtorch.backend;

import java.util.Arrays;

/**
 * The geometry of an N-d convolution (N = 1, 2, 3 spatial dimensions): kernel size, stride, padding (zeros, the same
 * on both sides) and dilation per spatial dimension, and the number of groups.
 * <p>Tensors, channels first: input x [B, C_in, S_1..S_N], weight w [C_out, C_in/G, K_1..K_N], output
 * y [B, C_out, O_1..O_N] with output channel o in group g = o / (C_out/G) seeing input channels
 * g·C_in/G .. (g+1)·C_in/G − 1:
 * <pre>
 *   y[b, o, j] = Σ_{c, k} w[o, c, k] · x[b, g·C_in/G + c, j·stride − padding + k·dilation]   (x = 0 outside)
 *   O_d = ⌊(S_d + 2·padding_d − dilation_d·(K_d − 1) − 1) / stride_d⌋ + 1
 * </pre>
 * A transposed ("full") convolution is this map's adjoint: its forward is {@link Backend#convBackwardInput}, and its
 * input may be larger than the minimal O by an output padding (each extra position only receives zero terms).
 */
public record ConvSpec(int[] kernel, int[] stride, int[] padding, int[] dilation, int groups) {

    /** Checks sizes (kernel, stride, dilation ≥ 1; padding ≥ 0; groups ≥ 1; N in 1..3, the same in every array). */
    public ConvSpec {
        int n = kernel.length;
        if (n < 1 || n > 3 || stride.length != n || padding.length != n || dilation.length != n) {
            throw new IllegalArgumentException("ConvSpec: kernel, stride, padding and dilation need 1 to 3 entries each,"
                    + " the same number, got kernel " + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride)
                    + ", padding " + Arrays.toString(padding) + ", dilation " + Arrays.toString(dilation));
        }
        for (int d = 0; d < n; d++) {
            if (kernel[d] < 1 || stride[d] < 1 || dilation[d] < 1 || padding[d] < 0) throw new IllegalArgumentException(
                    "ConvSpec: need kernel, stride, dilation >= 1 and padding >= 0, got kernel " + Arrays.toString(kernel)
                    + ", stride " + Arrays.toString(stride) + ", padding " + Arrays.toString(padding) + ", dilation "
                    + Arrays.toString(dilation));
        }
        if (groups < 1) throw new IllegalArgumentException("ConvSpec: groups must be >= 1, got " + groups);
        kernel = kernel.clone();
        stride = stride.clone();
        padding = padding.clone();
        dilation = dilation.clone();
    }

    /** K_d per spatial dimension (a copy). */
    @Override public int[] kernel() { return kernel.clone(); }
    /** Stride per spatial dimension (a copy). */
    @Override public int[] stride() { return stride.clone(); }
    /** Zero padding on each side per spatial dimension (a copy). */
    @Override public int[] padding() { return padding.clone(); }
    /** Dilation per spatial dimension (a copy). */
    @Override public int[] dilation() { return dilation.clone(); }

    /** K_d. */
    public int kernel(int d) { return kernel[d]; }
    /** stride_d. */
    public int stride(int d) { return stride[d]; }
    /** padding_d. */
    public int padding(int d) { return padding[d]; }
    /** dilation_d. */
    public int dilation(int d) { return dilation[d]; }

    /** Number of spatial dimensions N. */
    public int dims() { return kernel.length; }

    /** Π K_d. */
    public int kernelVolume() {
        int v = 1;
        for (int k : kernel) v *= k;
        return v;
    }

    /** O_d for an input of size {@code in} along spatial dimension d; ≤ 0 when the kernel does not fit. */
    public int outputSize(int d, int in) {
        int span = dilation[d] * (kernel[d] - 1) + 1, padded = in + 2 * padding[d];
        return padded < span ? 0 : (padded - span) / stride[d] + 1;
    }

    /** The input size of a transposed convolution's output: (O − 1)·stride − 2·padding + dilation·(K − 1) + 1 + extra. */
    public int transposedSize(int d, int in, int outputPadding) {
        return (in - 1) * stride[d] - 2 * padding[d] + dilation[d] * (kernel[d] - 1) + 1 + outputPadding;
    }

    /** This geometry with 3 spatial dimensions: leading ones of kernel 1, stride 1, padding 0, dilation 1. */
    public ConvSpec to3d() {
        int n = dims();
        if (n == 3) return this;
        return new ConvSpec(lead(kernel, 1), lead(stride, 1), lead(padding, 0), lead(dilation, 1), groups);
    }

    private static int[] lead(int[] a, int fill) {
        int[] r = new int[3];
        Arrays.fill(r, fill);
        System.arraycopy(a, 0, r, 3 - a.length, a.length);
        return r;
    }

    /**
     * Checks that x [B, C_in, S...], w [C_out, C_in/G, K...] and y [B, C_out, O...] fit this geometry, with
     * O_d = {@link #outputSize}(d, S_d); throws naming {@code op} and the shapes otherwise.
     */
    public void check(String op, jtorch.tensor.Tensor x, jtorch.tensor.Tensor w, jtorch.tensor.Tensor y) {
        int n = dims();
        boolean ok = x.dim() == n + 2 && w.dim() == n + 2 && y.dim() == n + 2 && x.size(0) == y.size(0)
                && w.size(0) == y.size(1) && w.size(0) % groups == 0 && x.size(1) % groups == 0
                && w.size(1) * groups == x.size(1);
        for (int d = 0; ok && d < n; d++) {
            ok = w.size(d + 2) == kernel[d] && y.size(d + 2) == outputSize(d, x.size(d + 2)) && y.size(d + 2) > 0;
        }
        if (!ok) throw new IllegalArgumentException(op + ": shapes do not fit " + this + ": input " + x.shape()
                + ", weight " + w.shape() + ", output " + y.shape() + " (need input [B, C_in, S...], weight [C_out, C_in/"
                + "groups, K...], output [B, C_out, O...] with O = (S + 2*padding - dilation*(K-1) - 1)/stride + 1)");
    }

    @Override public boolean equals(Object o) {
        return o instanceof ConvSpec s && Arrays.equals(kernel, s.kernel) && Arrays.equals(stride, s.stride)
                && Arrays.equals(padding, s.padding) && Arrays.equals(dilation, s.dilation) && groups == s.groups;
    }

    @Override public int hashCode() {
        return Arrays.hashCode(new int[] {Arrays.hashCode(kernel), Arrays.hashCode(stride), Arrays.hashCode(padding),
                Arrays.hashCode(dilation), groups});
    }

    @Override public String toString() {
        return "ConvSpec[kernel " + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride) + ", padding "
                + Arrays.toString(padding) + ", dilation " + Arrays.toString(dilation) + ", groups " + groups + "]";
    }
}
