package jtorch.nn.pool;

import java.util.Arrays;
import jtorch.backend.Pool;
import jtorch.nn.Module;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * The shared body of the window pooling modules (Temporal* [B, C, L], Spatial* [B, C, H, W], Volumetric*
 * [B, C, D, H, W]): shape checks, output sizes, and forward beside backward through the back end's
 * {@link jtorch.backend.Backend#pool} kernels. Geometry arrays are in (D, H, W) order internally (the leading entries
 * of lower-dimensional pooling are kernel 1, stride 1, padding 0); Torch7's constructors take them as (W, H) or
 * (T, W, H), and {@link #name()} prints them in that order. Any input strides are accepted (views need no copy).
 */
public abstract class WindowPooling extends Module implements TensorModule {
    private final String type;
    final int dims;
    final Pool.Kind kind;
    final int[] kernel, stride, pad, dilation, outSize; // outSize: adaptive output (D, H, W), else null
    final double beta;
    boolean ceil, countIncludePad;
    private Pool pool;
    private Tensor indices;
    private int[] inputSizes;

    WindowPooling(String type, int dims, Pool.Kind kind, int[] kernel, int[] stride, int[] pad, int[] dilation,
                  boolean countIncludePad, double beta, int[] outSize) {
        this.type = type;
        this.dims = dims;
        this.kind = kind;
        this.kernel = dhw(kernel, 1);
        this.stride = dhw(stride, 1);
        this.pad = dhw(pad, 0);
        this.dilation = dhw(dilation, 1);
        this.outSize = outSize == null ? null : dhw(outSize, 1);
        this.countIncludePad = countIncludePad;
        this.beta = beta;
        if (this.outSize != null) for (int o : this.outSize) if (o < 1) throw new IllegalArgumentException(type
                + ": output sizes must be positive, got " + Arrays.toString(outSize));
        try {
            pool();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type + ": " + e.getMessage().replaceFirst("^Pool: ", ""), e);
        }
    }

    /** Pads a (D, H, W)-suffix of length dims to 3 entries with {@code fill}; null means all fill. */
    private int[] dhw(int[] v, int fill) {
        int[] r = {fill, fill, fill};
        if (v == null) return r;
        if (v.length != dims) throw new IllegalArgumentException(type + ": expected " + dims + " sizes, got "
                + Arrays.toString(v));
        System.arraycopy(v, 0, r, 3 - dims, dims);
        return r;
    }

    /** Sets count-include-pad (average pooling) and drops the cached geometry. */
    void includePad(boolean on) { countIncludePad = on; pool = null; }

    Pool pool() {
        if (pool == null) pool = outSize != null ? Pool.adaptive(kind)
                : Pool.of(kind, kernel, stride, pad, dilation, countIncludePad, beta);
        return pool;
    }

    /** The argmax of the last forward (MAX kinds): flat indices into each input plane, I32, the output's shape. */
    public Tensor indices() { return indices; }

    /** The input shape of the last forward, or null before any. */
    public int[] lastInputSizes() { return inputSizes == null ? null : inputSizes.clone(); }

    /** The input rank's shape in words, e.g. [B, C, H, W]. */
    String expected() { return switch (dims) { case 1 -> "[B, C, L]"; case 2 -> "[B, C, H, W]"; default -> "[B, C, D, H, W]"; }; }

    Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != dims + 2) throw new IllegalArgumentException(name() + ": expected input " + expected() + ", got "
                + x.shape());
        return x;
    }

    /** x of rank dims + 2 as a 5-d view [N, C, D, H, W]. */
    static Tensor five(Tensor x) {
        while (x.dim() < 5) x = x.unsqueeze(2);
        return x;
    }

    /** The output shape for input x. */
    int[] outputSizes(Tensor x) {
        int[] s = x.sizes();
        for (int d = 0; d < dims; d++) {
            int k = 3 - dims + d, len = x.size(2 + d);
            if (outSize != null) {
                s[2 + d] = outSize[k];
            } else {
                try {
                    s[2 + d] = Pool.outputSize(name(), len, kernel[k], stride[k], pad[k], dilation[k], ceil);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + " in input " + x.shape(), e);
                }
            }
        }
        return s;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        int[] os = outputSizes(x);
        Tensor y = reuse(output, x, os);
        inputSizes = x.sizes();
        if (kind == Pool.Kind.MAX) {
            if (indices == null || !Arrays.equals(indices.sizes(), os) || indices.backend() != x.backend())
                indices = Tensor.zeros(x.backend(), DType.I32, os);
        }
        x.backend().pool(pool(), five(y), kind == Pool.Kind.MAX ? five(indices) : null, five(x));
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), y = (Tensor) output;
        Tensor g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(y)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the output's shape " + y.shape());
        if (!Arrays.equals(outputSizes(x), y.sizes())) throw new IllegalArgumentException(name() + ": backward on input "
                + x.shape() + " after a forward that gave " + y.shape() + ": call forward on this input first");
        Tensor gi = reuse(gradInput, x, x.sizes());
        x.backend().poolBackward(pool(), five(gi), five(g), kind == Pool.Kind.MAX ? five(indices) : null, five(x), five(y));
        return gi;
    }

    @Override protected void clearOwnState() { indices = null; }

    /** Entries of a (D, H, W) array in Torch7's order: (W) for 1-d, (W, H) for 2-d, (T, W, H) for 3-d. */
    int[] torchOrder(int[] v) {
        return switch (dims) { case 1 -> new int[] {v[2]}; case 2 -> new int[] {v[2], v[1]}; default -> new int[] {v[0], v[2], v[1]}; };
    }

    static String join(int[] v, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : sep).append(v[i]);
        return sb.toString();
    }

    /** Torch7's format: {@code SpatialMaxPooling(2x2, 2,2)}, padding appended when non-zero, then {@code extra}. */
    String describe(String extra) {
        if (outSize != null) return type + "(" + join(torchOrder(outSize), "x") + extra + ")";
        String s = type + "(" + join(torchOrder(kernel), "x") + ", " + join(torchOrder(stride), ",");
        if (pad[0] != 0 || pad[1] != 0 || pad[2] != 0) s += ", " + join(torchOrder(pad), ",");
        return s + extra + (ceil ? ", ceil" : "") + ")";
    }

    /** (D, H, W)-suffix of length dims of a 3-array: what the constructors take, for model files. */
    int[] own(int[] v) { return Arrays.copyOfRange(v, 3 - dims, 3); }
}
