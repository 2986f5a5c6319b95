package jtorch.nn.noise;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Additive Gaussian noise (Torch7 dpnn's {@code nn.WhiteNoise(mean = 0, std = 0.1)}): in training mode
 * y = x + ε with ε_i ~ N(mean, std²) drawn for every element in row-major order ({@link Tensor#randn}); in evaluate
 * mode y = x + mean (x itself when mean = 0, the usual case). Any shape. Backward: ∂L/∂x = g. Generator, saving and
 * {@link #freezeNoise}: see {@link Noise}. Each training forward allocates the standard normals it draws.
 */
public class WhiteNoise extends Noise {
    public static final ModuleType<WhiteNoise> TYPE = ModuleType.of("WhiteNoise", WhiteNoise.class,
            m -> ModuleArgs.of("mean", m.mean(), "std", m.std()), a -> new WhiteNoise(a.number("mean"), a.number("std")));

    private final double mean, std;
    private Tensor noise;

    /** N(0, std²) noise with its own generator split from the global one. */
    public WhiteNoise(double std) { this(0, std); }

    /** N(0, std²) noise drawn from a copy of {@code generator}'s current state. */
    public WhiteNoise(double std, Generator generator) { this(0, std, generator); }

    /** N(mean, std²) noise with its own generator split from the global one. */
    public WhiteNoise(double mean, double std) { this(mean, std, seed()); }

    /** N(mean, std²) noise drawn from a copy of {@code generator}'s current state. */
    public WhiteNoise(double mean, double std, Generator generator) {
        super(generator);
        if (!(std >= 0) || !Double.isFinite(std) || !Double.isFinite(mean)) throw new IllegalArgumentException(
                "WhiteNoise: need a finite mean and a finite std >= 0, got mean " + mean + ", std " + std);
        this.mean = mean;
        this.std = std;
    }

    public double mean() { return mean; }

    public double std() { return std; }

    @Override public WhiteNoise clone() { return (WhiteNoise) super.clone(); }

    @Override protected void draw(Tensor x, Generator g) {
        noise = reuse(noise, x, x.sizes());
        noise.copy(Tensor.randn(x.dtype(), g, x.sizes())).mulInPlace(std).addInPlace(mean);
    }

    @Override protected void corrupt(Tensor x, Tensor y) { x.add(noise, y); }

    @Override protected void pass(Tensor g, Tensor gi) { gi.copy(g); }

    @Override protected Tensor evaluateOutput(Tensor x) {
        if (mean == 0) return x;
        Tensor y = reuse(output, x, x.sizes());
        return x.apply(jtorch.backend.UnaryOp.ADD, mean, 0, y);
    }

    @Override protected void clearOwnState() { super.clearOwnState(); noise = null; }

    @Override public String name() { return "WhiteNoise(" + mean + ", " + std + ")"; }
}
