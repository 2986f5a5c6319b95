package jtorch.nn.conv;

import java.util.Arrays;
import jtorch.backend.ConvSpec;
import jtorch.backend.ReduceOp;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * What the N-d convolution modules share (N = 1, 2, 3; channels first, batch in dimension 0). Geometry and formulas:
 * {@link ConvSpec}. Two kinds:
 * <ul>
 *   <li>convolution: x [B, nIn, S...] → y [B, nOut, O...], O = ⌊(S + 2p − d(K−1) − 1)/s⌋ + 1; weight
 *       [nOut, nIn/G, K...] (PyTorch's {@code ConvNd} layout). Forward {@code convForward}, backward
 *       {@code convBackwardInput} and {@code convBackwardWeight}.</li>
 *   <li>transposed ("full") convolution, the adjoint: x [B, nIn, S...] → y [B, nOut, O...],
 *       O = (S − 1)s − 2p + d(K − 1) + 1 + outputPadding; weight [nIn, nOut/G, K...] (PyTorch's
 *       {@code ConvTransposeNd} layout). Forward is {@code convBackwardInput}, ∂L/∂x is {@code convForward}.</li>
 * </ul>
 * Bias b [nOut] (optional) is added to every position; ∂L/∂b = Σ over batch and positions of ∂L/∂y. Initialised as
 * Torch7 does: weight and bias ~ U(−1/√(nIn/G · ΠK), 1/√(nIn/G · ΠK)) from {@link Generator#global()}.
 * <p>Order of sizes: {@code int[]} arguments, {@link #spec()} and model files are in dimension order (D, H, W), as the
 * weight's dimensions and PyTorch are; the scalar constructors with one size per dimension and {@code toString} follow
 * Torch7's order (kW, kH) and (kT, kW, kH), as the pooling modules do, so that Torch7 code ports unchanged.
 */
public abstract class Convolution extends Module implements TensorModule {
    final int nIn, nOut;
    final ConvSpec spec;
    final int[] outputPadding;   // null for a plain convolution
    final boolean withBias;
    private Tensor rowSums, biasSums; // [B, nOut, 1] and [1, nOut, 1] scratch for the bias gradient

    Convolution(String type, int dims, int nIn, int nOut, int[] kernel, int[] stride, int[] padding, int[] dilation,
                int groups, boolean withBias, int[] outputPadding) {
        for (int[] a : new int[][] {kernel, stride, padding, dilation, outputPadding == null ? kernel : outputPadding}) {
            if (a.length != dims) throw new IllegalArgumentException(type + ": kernel, stride, padding, dilation"
                    + (outputPadding == null ? "" : " and output padding") + " need " + dims + " entries each (one per"
                    + " spatial dimension), got " + Arrays.toString(a));
        }
        if (nIn < 1 || nOut < 1) throw new IllegalArgumentException(type + ": plane counts must be positive, got " + nIn
                + " -> " + nOut);
        try {
            this.spec = new ConvSpec(kernel, stride, padding, dilation, groups);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type + ": " + e.getMessage(), e);
        }
        if (nIn % groups != 0 || nOut % groups != 0) throw new IllegalArgumentException(type + ": groups (" + groups
                + ") must divide both plane counts, got " + nIn + " -> " + nOut);
        if (outputPadding != null) {
            for (int d = 0; d < kernel.length; d++) {
                if (outputPadding[d] < 0 || outputPadding[d] >= Math.max(stride[d], dilation[d])) {
                    throw new IllegalArgumentException(type + ": output padding must be in [0, max(stride, dilation)),"
                            + " got " + Arrays.toString(outputPadding) + " with stride " + Arrays.toString(stride)
                            + " and dilation " + Arrays.toString(dilation));
                }
            }
            outputPadding = outputPadding.clone();
        }
        this.nIn = nIn;
        this.nOut = nOut;
        this.withBias = withBias;
        this.outputPadding = outputPadding;
        int[] w = new int[kernel.length + 2];
        w[0] = transposed() ? nIn : nOut;
        w[1] = (transposed() ? nOut : nIn) / groups;
        System.arraycopy(kernel, 0, w, 2, kernel.length);
        addParameter("weight", w);
        if (withBias) addParameter("bias", nOut);
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** Copies n ints equal to v. */
    static int[] same(int n, int v) { int[] a = new int[n]; Arrays.fill(a, v); return a; }

    final boolean transposed() { return outputPadding != null; }

    /** Input planes. */
    public int inputPlanes() { return nIn; }
    /** Output planes. */
    public int outputPlanes() { return nOut; }
    /** The geometry (kernel, stride, padding, dilation, groups). */
    public ConvSpec spec() { return spec; }
    /** The weight: [nOut, nIn/G, K...] for a convolution, [nIn, nOut/G, K...] for a transposed one. */
    public Tensor weight() { return param("weight"); }
    /** ∂L/∂weight. */
    public Tensor gradWeight() { return grad("weight"); }
    /** b [nOut], or null without bias. */
    public Tensor bias() { return withBias ? param("bias") : null; }
    /** ∂L/∂b [nOut], or null without bias. */
    public Tensor gradBias() { return withBias ? grad("bias") : null; }

    /** Re-draws weight and bias U(−1/√(nIn/G·ΠK), 1/√(nIn/G·ΠK)) in place. */
    public Convolution reset(Generator g) {
        double stdv = 1 / Math.sqrt((double) nIn / spec.groups() * spec.kernelVolume());
        Tensor w = weight();
        w.copy(Tensor.rand(g, w.sizes()).mulInPlace(2 * stdv).subInPlace(stdv));
        if (withBias) bias().copy(Tensor.rand(g, nOut).mulInPlace(2 * stdv).subInPlace(stdv));
        return this;
    }

    /** Constructor arguments for model files ({@code outputPadding} only for transposed modules). */
    static java.util.Map<String, Object> describe(Convolution m) {
        java.util.Map<String, Object> a = ModuleArgs.of("nInputPlane", m.nIn, "nOutputPlane", m.nOut, "kernel",
                m.spec.kernel(), "stride", m.spec.stride(), "padding", m.spec.padding(), "dilation", m.spec.dilation(),
                "groups", m.spec.groups(), "bias", m.withBias);
        if (m.transposed()) a.putAll(ModuleArgs.of("outputPadding", m.outputPadding));
        return a;
    }

    /** The input checked: [B, nIn, S...] with the kernel fitting the padded input. */
    final Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        int n = spec.dims();
        boolean ok = x.dim() == n + 2 && x.size(1) == nIn;
        for (int d = 0; ok && d < n; d++) ok = outSize(d, x.size(d + 2)) >= 1;
        if (!ok) throw new IllegalArgumentException(name() + ": expected input [B, " + nIn + ", " + dimNames(n) + "]"
                + (transposed() ? "" : " with each size + 2·padding >= dilation·(kernel − 1) + 1 (kernel "
                + Arrays.toString(spec.kernel()) + ", padding " + Arrays.toString(spec.padding()) + ", dilation "
                + Arrays.toString(spec.dilation()) + ")") + ", got " + x.shape());
        return x;
    }

    private static String dimNames(int n) { return n == 1 ? "L" : n == 2 ? "H, W" : "D, H, W"; }

    private int outSize(int d, int s) {
        return transposed() ? spec.transposedSize(d, s, outputPadding[d]) : spec.outputSize(d, s);
    }

    final int[] outShape(Tensor x) {
        int[] o = x.sizes();
        o[1] = nOut;
        for (int d = 0; d < spec.dims(); d++) o[d + 2] = outSize(d, x.size(d + 2));
        return o;
    }

    private Tensor gradOut(Activity gradOutput, Tensor x) {
        Tensor g = gradOutput.toTensor(name() + " gradOutput");
        int[] want = outShape(x);
        if (!Arrays.equals(g.sizes(), want)) throw new IllegalArgumentException(name() + ": gradOutput has shape "
                + g.shape() + ", expected the output's shape " + Arrays.toString(want));
        return g;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input), w = weight();
        Tensor y = reuse(output, w, outShape(x));
        if (!transposed()) {
            w.backend().convForward(spec, y, x, w, bias());
        } else {
            w.backend().convBackwardInput(spec, y, x, w);
            if (withBias) {
                int[] b = new int[y.dim()];
                Arrays.fill(b, 1);
                b[1] = nOut;
                y.addInPlace(bias().view(b));
            }
        }
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = gradOut(gradOutput, x), w = weight();
        Tensor gx = reuse(gradInput, x, x.sizes());
        if (!transposed()) w.backend().convBackwardInput(spec, gx, g, w);
        else w.backend().convForward(spec, gx, g, w, null);
        return gx;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor x = in(input), g = gradOut(gradOutput, x), gw = gradWeight();
        if (!transposed()) gw.backend().convBackwardWeight(spec, gw, g, x, scale);
        else gw.backend().convBackwardWeight(spec, gw, x, g, scale);
        if (withBias) {
            int batch = g.size(0);
            Tensor g3 = g.reshape(batch, nOut, g.numel() / Math.max(1, batch * nOut));
            rowSums = reuse(rowSums, g, batch, nOut, 1);
            biasSums = reuse(biasSums, g, 1, nOut, 1);
            g.backend().reduce(ReduceOp.SUM, rowSums, g3, 2);
            g.backend().reduce(ReduceOp.SUM, biasSums, rowSums, 0);
            gradBias().addInPlace(scale, biasSums.view(nOut));
        }
    }

    @Override protected void clearOwnState() { rowSums = null; biasSums = null; }

    /** Torch7-style, sizes in Torch7's order: {@code SpatialConvolution(1 -> 6, 5x3, 2,2, 1,1)} is kW = 5, kH = 3
     * (stride, then padding, when not default). */
    @Override public String name() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(').append(nIn).append(" -> ")
                .append(nOut).append(", ").append(join(torchOrder(spec.kernel()), "x"));
        boolean strided = !Arrays.equals(spec.stride(), same(spec.dims(), 1)), padded = spec.padding(0) != 0
                || !Arrays.equals(spec.padding(), same(spec.dims(), 0));
        if (strided || padded) sb.append(", ").append(join(torchOrder(spec.stride()), ","));
        if (padded) sb.append(", ").append(join(torchOrder(spec.padding()), ","));
        if (!Arrays.equals(spec.dilation(), same(spec.dims(), 1))) sb.append(", dilation ").append(join(torchOrder(spec.dilation()), ","));
        if (transposed() && !Arrays.equals(outputPadding, same(spec.dims(), 0))) {
            sb.append(", output padding ").append(join(torchOrder(outputPadding), ","));
        }
        if (spec.groups() != 1) sb.append(", groups ").append(spec.groups());
        if (!withBias) sb.append(", without bias");
        return sb.append(')').toString();
    }

    /** Dimension order (D, H, W) to Torch7's argument order: (W, H) for 2-d, (T = D, W, H) for 3-d. */
    static int[] torchOrder(int[] v) {
        return switch (v.length) { case 2 -> new int[] {v[1], v[0]}; case 3 -> new int[] {v[0], v[2], v[1]}; default -> v.clone(); };
    }

    private static String join(int[] a, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) sb.append(i == 0 ? "" : sep).append(a[i]);
        return sb.toString();
    }
}
