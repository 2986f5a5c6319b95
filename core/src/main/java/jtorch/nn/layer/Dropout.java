package jtorch.nn.layer;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Inverted dropout (Torch7's default "v2"). In training: y = x ⊙ m with m_i = 1/(1-p) with probability 1-p and 0
 * with probability p, drawn in row-major order by the back end's {@code bernoulli} kernel from the module's own
 * {@link Generator}; in {@link #evaluate()} mode y = x (the input object itself), so no rescaling is needed at test
 * time. Any input shape. Backward: ∂L/∂x = gradOutput ⊙ m (the mask of the last forward); gradOutput itself in
 * evaluate mode.
 * <p>The generator is the module's own, seeded from {@link Generator#global()} when the module is built, and its
 * state is the persistent buffer {@code generator} (I32 [8]): it is saved in model files and checkpoints, so a resumed
 * run draws the same masks. A {@link #sharedClone} gets a generator split from this one (no two threads share a
 * stream); a {@link #clone()} continues the same stream.
 * <p>{@link #freezeNoise(boolean)} keeps the current mask for later forwards of the same shape, so a
 * finite-difference check sees a deterministic function.
 */
public class Dropout extends Module implements TensorModule {
    public static final ModuleType<Dropout> TYPE = ModuleType.of("Dropout", Dropout.class,
            m -> ModuleArgs.of("p", m.p()),
            a -> new Dropout(a.number("p")));

    private final double p;
    private Generator generator; // this module's stream, kept in step with state
    private boolean frozen;
    private Tensor mask;

    /** Dropout(0.5). */
    public Dropout() { this(0.5); }

    /** Dropout with its own generator seeded from the global one. */
    public Dropout(double p) { this(p, drawInitialWeights() ? Generator.global().split() : new Generator(0)); }

    /** Dropout drawing from a copy of {@code generator}'s current state. */
    public Dropout(double p, Generator generator) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        if (generator == null) throw new IllegalArgumentException("Dropout: null generator");
        this.p = p;
        addBuffer("generator", encode(generator.state()));
    }

    public double p() { return p; }

    @Override public Dropout clone() { return (Dropout) super.clone(); }

    /** While frozen, training forwards reuse the last mask when the input shape is unchanged; returns this. */
    public Dropout freezeNoise(boolean freeze) { frozen = freeze; return this; }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        if (!train) return x;
        boolean keep = frozen && mask != null && mask.sameShape(x) && mask.dtype() == x.dtype();
        if (!keep) {
            mask = reuse(mask, x, x.sizes());
            Generator g = generator();
            x.backend().bernoulli(mask, 1 - p, g);
            mask.mulInPlace(1 / (1 - p));
            buffer("generator").copy(encode(g.state()));
        }
        return x.mul(mask, reuse(output, x, x.sizes()));
    }

    /** The generator, re-read from the state buffer when someone (loadStateDict, a checkpoint) changed it. */
    private Generator generator() {
        long[] s = decode(buffer("generator"));
        if (generator == null || !java.util.Arrays.equals(generator.state(), s)) generator = Generator.restore(s);
        return generator;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name());
        Tensor g = LayerShapes.grad(name(), gradOutput, x.sizes());
        if (!train) return g;
        if (mask == null || !mask.sameShape(x)) throw new IllegalStateException(name()
                + ": backward without a training forward on this input shape");
        return g.mul(mask, reuse(gradInput, x, x.sizes()));
    }

    @Override protected Module copy(boolean shareWeights, boolean shareGradients) {
        Dropout d = (Dropout) super.copy(shareWeights, shareGradients);
        if (shareWeights) {
            Generator mine = generator();
            d.buffer("generator").copy(encode(mine.split().state()));
            buffer("generator").copy(encode(mine.state()));
        }
        d.generator = null;
        return d;
    }

    @Override protected void clearOwnState() { mask = null; }

    @Override public String name() { return "Dropout(" + p + ")"; }

    private static Tensor encode(long[] s) {
        int[] a = new int[8];
        for (int i = 0; i < 4; i++) { a[2 * i] = (int) s[i]; a[2 * i + 1] = (int) (s[i] >>> 32); }
        return Tensor.of(a, 8);
    }

    private static long[] decode(Tensor t) {
        if (t.dtype() != DType.I32 || t.numel() != 8) throw new IllegalStateException("Dropout: the generator buffer must"
                + " be I32 [8], got " + t.dtype() + " " + t.shape());
        int[] a = t.toIntArray();
        long[] s = new long[4];
        for (int i = 0; i < 4; i++) s[i] = (a[2 * i] & 0xFFFFFFFFL) | ((long) a[2 * i + 1] << 32);
        return s;
    }
}
