package jtorch.nn.layer;

import jtorch.nn.BufferedGenerator;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
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
    private BufferedGenerator rng = new BufferedGenerator(); // this module's stream, kept in its buffer
    private boolean frozen;
    private Tensor mask;

    /** Dropout(0.5). */
    public Dropout() { this(0.5); }

    /** Dropout with its own generator seeded from the global one. */
    public Dropout(double p) { this(p, seed()); }

    /** Dropout drawing from a copy of {@code generator}'s current state. */
    public Dropout(double p, Generator generator) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException(getClass().getSimpleName()
                + ": p must be in [0, 1), got " + p);
        if (generator == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": null generator");
        this.p = p;
        addBuffer("generator", BufferedGenerator.newBuffer());
        if (drawInitialWeights()) store(generator.state()); // while loading, the buffer holds the stored state
    }

    /** A generator split from the global one, or a placeholder while a model file is loaded (its state is stored). */
    protected static Generator seed() { return drawInitialWeights() ? Generator.global().split() : new Generator(0); }

    public double p() { return p; }

    @Override public Dropout clone() { return (Dropout) super.clone(); }

    /** While frozen, training forwards reuse the last mask when the input shape is unchanged; returns this. */
    public Dropout freezeNoise(boolean freeze) { frozen = freeze; return this; }

    /** The input, checked; subclasses that drop whole feature maps require their layout. */
    protected Tensor in(Activity input) { return input.toTensor(name()); }

    /** The mask's shape for input {@code x}: x's own (one draw per element); feature dropout keeps [B, C, 1, ...]. */
    protected int[] maskSizes(Tensor x) { return x.sizes(); }

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
            store(g.state());
        }
        return x.mul(mask, reuse(output, x, x.sizes()));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input);
        Tensor g = LayerShapes.grad(name(), gradOutput, x.sizes());
        if (!train) return g;
        if (mask == null || !java.util.Arrays.equals(mask.sizes(), maskSizes(x))) throw new IllegalStateException(name()
                + ": backward without a training forward on this input shape");
        return g.mul(mask, reuse(gradInput, x, x.sizes()));
    }

    /**
     * The generator, rebuilt from the state buffer when someone else (loadStateDict, a checkpoint) changed it; the 8
     * ints are compared in place.
     */
    private Generator generator() {
        return rng.get(name(), buffer("generator"));
    }

    /** Writes a generator state into the buffer (low word first) and remembers it. */
    private void store(long[] s) {
        rng.store(buffer("generator"), s);
    }

    @Override protected Module copy(boolean shareWeights, boolean shareGradients) {
        Dropout d = (Dropout) super.copy(shareWeights, shareGradients);
        d.rng = rng.copy(name(), buffer("generator"), d.buffer("generator"), shareWeights);
        return d;
    }

    @Override protected void clearOwnState() { mask = null; }

    @Override public String name() { return getClass().getSimpleName() + "(" + p + ")"; }
}
