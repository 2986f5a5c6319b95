package jtorch.nn.spatial;

import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Bilinear upsampling with aligned corners, Torch7's {@code nn.SpatialUpSamplingBilinear(scale)} or
 * {@code ({oheight, owidth})}: input [B, C, H, W], output [B, C, oH, oW] with oH = (H-1)·scale + 1 (Torch7's rule,
 * which keeps the corner pixels on the grid) or the given size. Output row i samples input row r = i·(H-1)/(oH-1)
 * (0 when oH = 1) by linear interpolation between ⌊r⌋ and ⌊r⌋ + 1, the same along columns: y = A_H · x · A_Wᵀ per
 * map, with the interpolation matrices A [o, L]. Backward: ∂L/∂x = A_Hᵀ · g · A_W.
 */
public class SpatialUpSamplingBilinear extends Module implements TensorModule {
    public static final ModuleType<SpatialUpSamplingBilinear> TYPE = ModuleType.of("SpatialUpSamplingBilinear",
            SpatialUpSamplingBilinear.class, m -> ModuleArgs.of("scale", m.scale, "oH", m.oH, "oW", m.oW),
            a -> new SpatialUpSamplingBilinear(a.integer("scale"), a.integer("oH"), a.integer("oW")));
    private final int scale, oH, oW; // scale > 0, or the fixed size (oH, oW) with scale 0
    private Tensor ah, aw; // [oH, H], [oW, W]

    /** Output (H-1)·scale + 1 by (W-1)·scale + 1. */
    public SpatialUpSamplingBilinear(int scale) { this(scale, 0, 0); }

    /** Output size fixed to oH × oW (Torch7's table form). */
    public static SpatialUpSamplingBilinear ofSize(int oH, int oW) { return new SpatialUpSamplingBilinear(0, oH, oW); }

    private SpatialUpSamplingBilinear(int scale, int oH, int oW) {
        if (scale > 0 ? oH != 0 || oW != 0 : scale != 0 || oH < 1 || oW < 1) throw new IllegalArgumentException(
                "SpatialUpSamplingBilinear: give a positive scale or a positive output size, got scale " + scale
                        + ", size " + oH + "x" + oW);
        this.scale = scale;
        this.oH = oH;
        this.oW = oW;
    }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 4) throw new IllegalArgumentException(name() + ": expected input [B, C, H, W], got " + x.shape());
        return x;
    }

    private int[] outSizes(Tensor x) {
        int h = x.size(2), w = x.size(3);
        return new int[] {x.size(0), x.size(1), scale > 0 ? (h - 1) * scale + 1 : oH, scale > 0 ? (w - 1) * scale + 1 : oW};
    }

    /** The interpolation matrix [o, len] (built once per size). */
    private static Tensor matrix(Tensor like, int o, int len) {
        double[] a = new double[o * len];
        for (int i = 0; i < o; i++) {
            double r = o == 1 ? 0 : (double) i * (len - 1) / (o - 1);
            int r0 = Math.min((int) Math.floor(r), len - 1), r1 = Math.min(r0 + 1, len - 1);
            double f = r - r0;
            a[i * len + r0] += 1 - f;
            a[i * len + r1] += f;
        }
        return Tensor.of(a, o, len).to(like.dtype()).to(like.backend());
    }

    private void matrices(Tensor x, int[] os) {
        if (ah == null || ah.size(0) != os[2] || ah.size(1) != x.size(2) || aw.size(0) != os[3] || aw.size(1) != x.size(3)
                || ah.dtype() != x.dtype() || ah.backend() != x.backend()) {
            ah = matrix(x, os[2], x.size(2));
            aw = matrix(x, os[3], x.size(3));
        }
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        int[] os = outSizes(x);
        matrices(x, os);
        int n = os[0] * os[1], h = x.size(2), w = x.size(3);
        Tensor alongW = x.reshape(n * h, w).mm(aw.t());                        // [n·H, oW]
        Tensor t = alongW.view(n, h, os[3]).transpose(1, 2).reshape(n * os[3], h).mm(ah.t()); // [n·oW, oH]
        Tensor y = reuse(output, x, os);
        y.view(n, os[2], os[3]).copy(t.view(n, os[3], os[2]).transpose(1, 2));
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = gradOutput.toTensor(name() + " gradOutput");
        int[] os = outSizes(x);
        if (!Arrays.equals(g.sizes(), os)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected " + Arrays.toString(os));
        int n = os[0] * os[1], h = x.size(2), w = x.size(3);
        Tensor t = g.reshape(n, os[2], os[3]).transpose(1, 2).reshape(n * os[3], os[2]).mm(ah); // [n·oW, H]
        Tensor alongW = t.view(n, os[3], h).transpose(1, 2).reshape(n * h, os[3]).mm(aw);      // [n·H, W]
        return reuse(gradInput, x, x.sizes()).copy(alongW.view(x.sizes()));
    }

    @Override protected void clearOwnState() { ah = aw = null; }

    @Override public SpatialUpSamplingBilinear clone() { return (SpatialUpSamplingBilinear) super.clone(); }

    @Override public String name() {
        return "SpatialUpSamplingBilinear(" + (scale > 0 ? String.valueOf(scale) : oH + "x" + oW) + ")";
    }
}
