package jtorch.nn.noise;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Salt-and-pepper noise of denoising auto-encoders (Vincent et al. 2010), for inputs in [0, 1]: in training mode each
 * element is corrupted with probability p and then set to 0 or 1 with probability 1/2 each:
 * y = x ⊙ k + (1 − k) ⊙ s, with k_i ~ Bernoulli(1 − p) (1 = kept) and s_i ~ Bernoulli(1/2), both drawn for every
 * element in row-major order (all of k, then all of s); y = x in evaluate mode. Any shape. Backward: ∂L/∂x = g ⊙ k.
 * Generator, saving and {@link #freezeNoise}: see {@link Noise}.
 */
public class SaltAndPepperNoise extends Noise {
    public static final ModuleType<SaltAndPepperNoise> TYPE = ModuleType.of("SaltAndPepperNoise",
            SaltAndPepperNoise.class, m -> ModuleArgs.of("p", m.p()), a -> new SaltAndPepperNoise(a.number("p")));

    private final double p;
    private Tensor keep, value;

    /** Corrupts a fraction p of the inputs, with its own generator split from the global one. */
    public SaltAndPepperNoise(double p) { this(p, seed()); }

    /** Corrupts a fraction p of the inputs, drawing from a copy of {@code generator}'s current state. */
    public SaltAndPepperNoise(double p, Generator generator) {
        super(generator);
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("SaltAndPepperNoise: p must be in [0, 1], got " + p);
        this.p = p;
    }

    public double p() { return p; }

    /** The keep mask k of the last training forward (1 kept, 0 corrupted), or null. */
    public Tensor keep() { return keep; }

    @Override public SaltAndPepperNoise clone() { return (SaltAndPepperNoise) super.clone(); }

    @Override protected void draw(Tensor x, Generator g) {
        keep = reuse(keep, x, x.sizes());
        value = reuse(value, x, x.sizes());
        x.backend().bernoulli(keep, 1 - p, g);
        x.backend().bernoulli(value, 0.5, g);
        value.subInPlace(value.mul(keep));                 // (1 - k) ⊙ s: the salt and pepper values, 0 where kept
    }

    @Override protected void corrupt(Tensor x, Tensor y) { x.mul(keep, y).addInPlace(value); }

    @Override protected void pass(Tensor g, Tensor gi) { g.mul(keep, gi); }

    @Override protected void clearOwnState() { super.clearOwnState(); keep = null; value = null; }

    @Override public String name() { return "SaltAndPepperNoise(" + p + ")"; }
}
