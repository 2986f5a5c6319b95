package jtorch.nn.noise;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Masking noise of denoising auto-encoders (Vincent, Larochelle, Bengio and Manzagol 2008): in training mode
 * y = x ⊙ m with m_i = 0 with probability p and 1 otherwise (one draw per element, row-major, from the back end's
 * {@code bernoulli}), with no rescaling (unlike {@link jtorch.nn.layer.Dropout}); y = x in evaluate mode. Any shape.
 * Backward: ∂L/∂x = g ⊙ m. Generator, saving and {@link #freezeNoise}: see {@link Noise}.
 */
public class MaskingNoise extends Noise {
    public static final ModuleType<MaskingNoise> TYPE = ModuleType.of("MaskingNoise", MaskingNoise.class,
            m -> ModuleArgs.of("p", m.p()), a -> new MaskingNoise(a.number("p")));

    private final double p;
    private Tensor mask;

    /** Masks a fraction p of the inputs, with its own generator split from the global one. */
    public MaskingNoise(double p) { this(p, seed()); }

    /** Masks a fraction p of the inputs, drawing from a copy of {@code generator}'s current state. */
    public MaskingNoise(double p, Generator generator) {
        super(generator);
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("MaskingNoise: p must be in [0, 1], got " + p);
        this.p = p;
    }

    public double p() { return p; }

    /** The mask of the last training forward (1 kept, 0 masked), or null. */
    public Tensor mask() { return mask; }

    @Override public MaskingNoise clone() { return (MaskingNoise) super.clone(); }

    @Override protected void draw(Tensor x, Generator g) {
        mask = reuse(mask, x, x.sizes());
        x.backend().bernoulli(mask, 1 - p, g);
    }

    @Override protected void corrupt(Tensor x, Tensor y) { x.mul(mask, y); }

    @Override protected void pass(Tensor g, Tensor gi) { g.mul(mask, gi); }

    @Override protected void clearOwnState() { super.clearOwnState(); mask = null; }

    @Override public String name() { return "MaskingNoise(" + p + ")"; }
}
