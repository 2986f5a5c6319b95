package jtorch.nn.spatial;

import jtorch.nn.Module;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Dropout of whole feature maps, the shared body of {@link SpatialDropout} ([B, C, H, W]) and
 * {@link VolumetricDropout} ([B, C, D, H, W]): in training, y[b, c, …] = x[b, c, …] · m[b, c] with m[b, c] = 1/(1-p)
 * with probability 1-p and 0 with probability p (one draw per map, row-major over (b, c), from the module's own
 * {@link Generator}); in evaluation y = x. (Torch7's SpatialDropout scales by (1-p) at test time instead; this is the
 * inverted form, as jtorch's Dropout and PyTorch's Dropout2d.) Backward: ∂L/∂x = g · m.
 * <p>The generator state is the persistent buffer {@code generator} (I32 [8]), saved in model files and checkpoints;
 * a {@link #sharedClone} gets a generator split from this one. {@link #freezeNoise(boolean)} keeps the mask for
 * finite-difference checks.
 */
public abstract class FeatureDropout extends Module implements TensorModule {
    private final String type;
    private final int rank;
    final double p;
    private Generator generator;
    private boolean frozen;
    private Tensor mask; // [B, C, 1, 1(, 1)]

    FeatureDropout(String type, int rank, double p, Generator g) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException(type + ": p must be in [0, 1), got " + p);
        if (g == null) throw new IllegalArgumentException(type + ": null generator");
        this.type = type;
        this.rank = rank;
        this.p = p;
        addBuffer("generator", encode(g.state()));
    }

    static Generator seed() { return drawInitialWeights() ? Generator.global().split() : new Generator(0); }

    public double p() { return p; }

    /** While frozen, training forwards reuse the last mask when the input shape is unchanged; returns this. */
    public FeatureDropout freezeNoise(boolean freeze) { frozen = freeze; return this; }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != rank) throw new IllegalArgumentException(name() + ": expected input "
                + (rank == 4 ? "[B, C, H, W]" : "[B, C, D, H, W]") + ", got " + x.shape());
        return x;
    }

    private int[] maskSizes(Tensor x) {
        int[] s = new int[rank];
        java.util.Arrays.fill(s, 1);
        s[0] = x.size(0);
        s[1] = x.size(1);
        return s;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        if (!train) return x;
        int[] ms = maskSizes(x);
        boolean keep = frozen && mask != null && java.util.Arrays.equals(mask.sizes(), ms) && mask.dtype() == x.dtype();
        if (!keep) {
            mask = reuse(mask, x, ms);
            Generator g = generator();
            x.backend().bernoulli(mask, 1 - p, g);
            mask.mulInPlace(1 / (1 - p));
            buffer("generator").copy(encode(g.state()));
        }
        return x.mul(mask, reuse(output, x, x.sizes()));
    }

    private Generator generator() {
        long[] s = decode(buffer("generator"));
        if (generator == null || !java.util.Arrays.equals(generator.state(), s)) generator = Generator.restore(s);
        return generator;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the input's shape " + x.shape());
        if (!train) return g;
        if (mask == null || !java.util.Arrays.equals(mask.sizes(), maskSizes(x))) throw new IllegalStateException(name()
                + ": backward without a training forward on this input shape");
        return g.mul(mask, reuse(gradInput, x, x.sizes()));
    }

    @Override protected Module copy(boolean shareWeights, boolean shareGradients) {
        FeatureDropout d = (FeatureDropout) super.copy(shareWeights, shareGradients);
        if (shareWeights) {
            Generator mine = generator();
            d.buffer("generator").copy(encode(mine.split().state()));
            buffer("generator").copy(encode(mine.state()));
        }
        d.generator = null;
        return d;
    }

    @Override protected void clearOwnState() { mask = null; }

    @Override public String name() { return type + "(" + p + ")"; }

    private static Tensor encode(long[] s) {
        int[] a = new int[8];
        for (int i = 0; i < 4; i++) { a[2 * i] = (int) s[i]; a[2 * i + 1] = (int) (s[i] >>> 32); }
        return Tensor.of(a, 8);
    }

    private long[] decode(Tensor t) {
        if (t.dtype() != DType.I32 || t.numel() != 8) throw new IllegalStateException(type + ": the generator buffer must"
                + " be I32 [8], got " + t.dtype() + " " + t.shape());
        int[] a = t.toIntArray();
        long[] s = new long[4];
        for (int i = 0; i < 4; i++) s[i] = (a[2 * i] & 0xFFFFFFFFL) | ((long) a[2 * i + 1] << 32);
        return s;
    }
}
