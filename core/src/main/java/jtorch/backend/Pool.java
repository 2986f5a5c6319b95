package jtorch.backend;

import java.util.Arrays;

/**
 * One pooling operation for the {@link Backend#pool} / {@link Backend#poolBackward} kernels: the reduction and the
 * window geometry over the three spatial dimensions (D, H, W) of a [N, C, D, H, W] tensor (1-d and 2-d pooling use
 * size-1 leading dimensions with kernel 1, stride 1, padding 0).
 * <p>Regular windows ({@link #adaptive} false): output position o of a dimension of input size L covers the input
 * positions {@code o·stride - pad + j·dilation}, j = 0..kernel-1, of which those inside [0, L) take part (padding
 * never contributes a value). Adaptive windows: o of O covers [⌊o·L/O⌋, ⌈(o+1)·L/O⌉).
 * <ul>
 *   <li>{@link Kind#MAX}: y = max over the window; NaN counts as the maximum (the last NaN of the window, as
 *       PyTorch), ties keep the first element in row-major window order; the argmax goes to {@code indices} as the flat index d·H·W + h·W + w in its input
 *       plane (as Torch7 and PyTorch). Backward: gradIn[argmax] += gradOut.</li>
 *   <li>{@link Kind#AVG}: y = Σ window / n, where n counts the valid elements, or with {@link #countIncludePad}
 *       Π_d (min(start_d + k_d, L_d + pad_d) - start_d) (the padded window clipped at the padded border, as Torch7).
 *       Adaptive: n = the window's element count.</li>
 *   <li>{@link Kind#LSE}: y = (1/β) · log((1/n) Σ exp(β·x)) over the n valid elements: β → ∞ gives the max,
 *       β → 0 the average. Computed as m + log1p(mean(expm1(β(x - m))))/β with m the window max, so both limits are
 *       accurate. Backward: gradIn_i += gradOut · exp(β(x_i - y)) / n.</li>
 * </ul>
 *
 * @param kernel   window size per spatial dimension (D, H, W); ignored when adaptive
 * @param stride   step per dimension
 * @param pad      implicit padding on both sides per dimension (at most half the kernel, so no window is empty)
 * @param dilation spacing of window elements (MAX only; 1 otherwise)
 * @param beta     the temperature of {@link Kind#LSE} (positive); unused otherwise
 */
public record Pool(Kind kind, boolean adaptive, int[] kernel, int[] stride, int[] pad, int[] dilation,
                   boolean countIncludePad, double beta) {

    /** The reduction over a window. */
    public enum Kind { MAX, AVG, LSE }

    public Pool {
        kernel = three("kernel", kernel, 1);
        stride = three("stride", stride, 1);
        pad = three("pad", pad, 0);
        dilation = three("dilation", dilation, 1);
        if (kind == Kind.LSE && !(beta > 0 && beta < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException(
                "Pool: the log-sum-exp temperature must be positive and finite, got " + beta);
        if (kind != Kind.MAX && !Arrays.equals(dilation, new int[] {1, 1, 1})) throw new IllegalArgumentException(
                "Pool: dilation is supported for MAX pooling only, got " + Arrays.toString(dilation) + " for " + kind);
        for (int d = 0; d < 3 && !adaptive; d++) if (pad[d] > kernel[d] / 2) throw new IllegalArgumentException(
                "Pool: padding must be at most half the kernel, got pad " + Arrays.toString(pad) + " for kernel "
                        + Arrays.toString(kernel));
    }

    private static int[] three(String what, int[] v, int min) {
        if (v == null || v.length != 3) throw new IllegalArgumentException("Pool: " + what + " needs 3 entries (D, H, W), got "
                + Arrays.toString(v));
        for (int x : v) if (x < min) throw new IllegalArgumentException("Pool: " + what + " entries must be >= " + min
                + ", got " + Arrays.toString(v));
        return v.clone();
    }

    /** A regular-window pooling. */
    public static Pool of(Kind kind, int[] kernel, int[] stride, int[] pad, int[] dilation, boolean countIncludePad,
                          double beta) {
        return new Pool(kind, false, kernel, stride, pad, dilation, countIncludePad, beta);
    }

    /** Adaptive pooling (MAX or AVG): the output size alone fixes the windows. */
    public static Pool adaptive(Kind kind) {
        if (kind == Kind.LSE) throw new IllegalArgumentException("Pool: adaptive pooling is MAX or AVG, got " + kind);
        return new Pool(kind, true, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[3], new int[] {1, 1, 1}, false, 0);
    }

    /** First input position (may be negative: padding) of output position o in dimension d. */
    public int start(int d, int o, int in, int out) {
        return adaptive ? (int) ((long) o * in / out) : o * stride[d] - pad[d];
    }

    /** Number of window taps of output position o in dimension d (valid or not). */
    public int taps(int d, int o, int in, int out) {
        if (!adaptive) return kernel[d];
        return (int) (((long) (o + 1) * in + out - 1) / out) - start(d, o, in, out);
    }

    /** Spacing of taps in dimension d. */
    public int step(int d) { return adaptive ? 1 : dilation[d]; }

    /** The AVG divisor's factor for dimension d when padding counts: the padded window clipped at the padded border. */
    public int paddedSpan(int d, int o, int in, int out) {
        int s = start(d, o, in, out);
        return Math.min(s + kernel[d], in + pad[d]) - s;
    }

    /**
     * Torch7's output size of a regular window: ⌊(L + 2·pad - dil·(k-1) - 1)/stride⌋ + 1 (⌈⌉ in ceil mode, where the
     * last window must still start inside the input or its left padding). Throws when the kernel exceeds the padded
     * input, naming {@code module}.
     */
    public static int outputSize(String module, int in, int k, int s, int p, int dil, boolean ceil) {
        int span = dil * (k - 1) + 1, num = in + 2 * p - span;
        if (num < 0) throw new IllegalArgumentException(module + ": the kernel (extent " + span + ") is larger than the"
                + " padded input (" + in + " + 2·" + p + " = " + (in + 2 * p) + ")");
        int o = (ceil ? (num + s - 1) / s : num / s) + 1;
        if (ceil && (long) (o - 1) * s >= in + p) o--;
        return o;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Pool p && kind == p.kind && adaptive == p.adaptive && Arrays.equals(kernel, p.kernel)
                && Arrays.equals(stride, p.stride) && Arrays.equals(pad, p.pad) && Arrays.equals(dilation, p.dilation)
                && countIncludePad == p.countIncludePad && Double.compare(beta, p.beta) == 0;
    }

    @Override public int hashCode() {
        return Arrays.hashCode(new int[] {kind.ordinal(), Arrays.hashCode(kernel), Arrays.hashCode(stride),
                Arrays.hashCode(pad), Arrays.hashCode(dilation)});
    }

    @Override public String toString() {
        return "Pool[" + kind + (adaptive ? ", adaptive" : ", kernel " + Arrays.toString(kernel) + ", stride "
                + Arrays.toString(stride) + ", pad " + Arrays.toString(pad) + ", dilation " + Arrays.toString(dilation))
                + (countIncludePad ? ", countIncludePad" : "") + (kind == Kind.LSE ? ", beta " + beta : "") + "]";
    }
}
