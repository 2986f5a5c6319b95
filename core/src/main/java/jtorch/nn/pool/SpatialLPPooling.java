package jtorch.nn.pool;

import java.util.Arrays;
import jtorch.backend.Pool;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Lp pooling, Torch7's {@code nn.SpatialLPPooling(nInputPlane, p, kW, kH, dW, dH)}: y = (Σ_window x^p)^(1/p) over
 * kW×kH windows with stride (dW, dH), no padding, for any p > 0 (p = 2: the root of the sum of squares; p → ∞
 * approaches max pooling of |x|). As Torch7 (Power(p) → sum pooling → Power(1/p)), x^p is the real power: for
 * non-integer p a negative input gives NaN, so feed it non-negative values (e.g. after ReLU or Abs). Input
 * [B, nInputPlane, H, W], output [B, nInputPlane, oH, oW], oH = ⌊(H - kH)/dH⌋ + 1.
 * Backward: ∂L/∂x_i = Σ over windows holding i of ∂L/∂y · y^(1-p) · x_i^(p-1).
 */
public class SpatialLPPooling extends Module implements TensorModule {
    public static final ModuleType<SpatialLPPooling> TYPE = ModuleType.of("SpatialLPPooling", SpatialLPPooling.class,
            m -> ModuleArgs.of("nInputPlane", m.planes, "p", m.p, "kW", m.kW, "kH", m.kH, "dW", m.dW, "dH", m.dH),
            a -> new SpatialLPPooling(a.integer("nInputPlane"), a.number("p"), a.integer("kW"), a.integer("kH"),
                    a.integer("dW"), a.integer("dH")));
    private final int planes, kW, kH, dW, dH;
    private final double p;
    private final Pool sum;
    private Tensor powered, sums;

    /** Stride = kernel. */
    public SpatialLPPooling(int nInputPlane, double p, int kW, int kH) { this(nInputPlane, p, kW, kH, kW, kH); }

    public SpatialLPPooling(int nInputPlane, double p, int kW, int kH, int dW, int dH) {
        if (!(p > 0 && p < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("SpatialLPPooling: p must be"
                + " positive and finite, got " + p);
        if (nInputPlane < 1) throw new IllegalArgumentException("SpatialLPPooling: nInputPlane must be positive, got "
                + nInputPlane);
        this.planes = nInputPlane;
        this.p = p;
        this.kW = kW; this.kH = kH; this.dW = dW; this.dH = dH;
        try {
            sum = Pool.of(Pool.Kind.AVG, new int[] {1, kH, kW}, new int[] {1, dH, dW}, new int[3], new int[] {1, 1, 1}, true, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SpatialLPPooling: " + e.getMessage().replaceFirst("^Pool: ", ""), e);
        }
    }

    public double p() { return p; }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 4 || x.size(1) != planes) throw new IllegalArgumentException(name() + ": expected input [B, "
                + planes + ", H, W], got " + x.shape());
        return x;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        int oH = Pool.outputSize(name(), x.size(2), kH, dH, 0, 1, false), oW = Pool.outputSize(name(), x.size(3), kW, dW, 0, 1, false);
        powered = reuse(powered, x, x.sizes());
        x.apply(jtorch.backend.UnaryOp.POW, p, 0, powered);
        sums = reuse(sums, x, x.size(0), planes, oH, oW);
        x.backend().pool(sum, WindowPooling.five(sums), null, WindowPooling.five(powered));
        sums.mulInPlace(kW * kH);
        Tensor y = reuse(output, x, sums.sizes());
        return sums.apply(jtorch.backend.UnaryOp.POW, 1 / p, 0, y);
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), y = (Tensor) output, g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(y)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the output's shape " + Arrays.toString(y.sizes()));
        Tensor share = g.mul(y).divInPlace(sums).mulInPlace(kW * kH); // ∂L/∂s · window size (the pool divides by it)
        Tensor gi = reuse(gradInput, x, x.sizes());
        x.backend().poolBackward(sum, WindowPooling.five(gi), WindowPooling.five(share), null, null, null);
        return gi.mulInPlace(x.pow(p - 1));
    }

    @Override protected void clearOwnState() { powered = null; sums = null; }

    @Override public SpatialLPPooling clone() { return (SpatialLPPooling) super.clone(); }

    @Override public String name() {
        return "SpatialLPPooling(" + planes + ", p=" + p + ", " + kW + "x" + kH + ", " + dW + "," + dH + ")";
    }
}
