package jtorch.nn.vae;

import java.util.Arrays;
import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.BufferedGenerator;
import jtorch.nn.Module;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * The reparameterised Gaussian sampler of a variational auto-encoder (Kingma and Welling 2014): input the table
 * {mu, logvar} (both [B, D], any [B, ...] of one shape), output z of that shape,
 * <pre>z = μ + exp(logvar / 2) ⊙ ε,   ε ~ N(0, I)</pre>
 * in training mode, ε drawn anew at every forward, row-major, by the back end's {@code normal} kernel from the module's
 * own {@link Generator}; in {@link #evaluate()} mode z = μ (the input tensor itself: the posterior mean, a
 * deterministic code for reconstructions and plots; to sample in evaluation keep the module in training mode, which
 * changes nothing else). Backward (the ε of the last forward held fixed): the table {∂L/∂μ = g,
 * ∂L/∂logvar = ½ g ⊙ exp(logvar / 2) ⊙ ε}; in evaluation mode {g, 0}. No parameters.
 * <p>The generator is seeded from {@link Generator#global()} when the module is built (or given), and its state is the
 * persistent buffer {@code generator} (I32 [8]), saved with the model, so a resumed run draws the same ε; a
 * {@link #sharedClone} gets a stream split from this one, a {@link #clone()} continues the same stream (as Dropout).
 * {@link #freezeNoise(boolean)} keeps the current ε for later forwards of the same shape (for finite-difference
 * checks); {@link #noise()} is the ε of the last training forward.
 */
public class GaussianSampler extends Module {
    public static final ModuleType<GaussianSampler> TYPE = ModuleType.of("GaussianSampler", GaussianSampler.class,
            GaussianSampler::new);

    private BufferedGenerator rng = new BufferedGenerator(); // this module's stream, kept in its buffer
    private boolean frozen;
    private Tensor eps, noise, gMu, gLv; // noise = exp(logvar / 2) ⊙ ε
    private Table grads = Table.of();

    /** A sampler with its own generator split from the global one. */
    public GaussianSampler() {
        this(drawInitialWeights() ? Generator.global().split() : new Generator(0));
    }

    /** A sampler drawing from a copy of {@code generator}'s current state. */
    public GaussianSampler(Generator generator) {
        if (generator == null) throw new IllegalArgumentException("GaussianSampler: null generator");
        addBuffer("generator", BufferedGenerator.newBuffer());
        if (drawInitialWeights()) store(generator.state()); // while loading, the buffer holds the stored state
    }

    @Override public GaussianSampler clone() { return (GaussianSampler) super.clone(); }

    /** While frozen, training forwards reuse the last ε when the shape is unchanged; returns this. */
    public GaussianSampler freezeNoise(boolean freeze) { frozen = freeze; return this; }

    /** The ε [B, D] of the last training forward (null before one). */
    public Tensor noise() { return eps; }

    private Tensor[] pair(Activity input) {
        if (!(input instanceof Table t) || t.size() != 2) throw new IllegalArgumentException(name() + ": expected a "
                + "table {mu, logvar} of two tensors [B, D], got " + (input instanceof Table t2 ? "a table of "
                + t2.size() + " entries" : "a tensor " + ((Tensor) input).shape()));
        Tensor mu = t.get(0).toTensor(name() + " mu"), lv = t.get(1).toTensor(name() + " logvar");
        if (mu.dim() < 1 || !mu.sameShape(lv) || mu.dtype() != lv.dtype() || mu.backend() != lv.backend())
            throw new IllegalArgumentException(name() + ": mu and logvar must be [B, D] of one shape, dtype and back "
                    + "end, got " + mu.shape() + " " + mu.dtype() + " and " + lv.shape() + " " + lv.dtype());
        return new Tensor[] {mu, lv};
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] p = pair(input);
        Tensor mu = p[0], lv = p[1];
        if (!train) return mu;
        int[] s = mu.sizes();
        if (!(frozen && eps != null && Arrays.equals(eps.sizes(), s) && eps.dtype() == mu.dtype())) {
            eps = reuse(eps, mu, s);
            Generator g = generator();
            mu.backend().normal(eps, g);
            store(g.state());
        }
        noise = lv.apply(UnaryOp.MUL, 0.5, 0, reuse(noise, mu, s)).applyInPlace(UnaryOp.EXP, 0, 0)
                .applyInPlace(BinaryOp.MUL, 1, eps);
        return mu.add(noise, reuse(output, mu, s));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor[] p = pair(input);
        int[] s = p[0].sizes();
        Tensor g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(p[0])) throw new IllegalArgumentException(name() + ": gradOutput " + g.shape()
                + " must have the shape of mu " + p[0].shape());
        gMu = reuse(gMu, p[0], s).copy(g);
        gLv = reuse(gLv, p[0], s);
        if (!train) gLv.fillInPlace(0);
        else {
            if (noise == null || !noise.sameShape(p[0])) throw new IllegalStateException(name()
                    + ": backward without a training forward on this input shape");
            g.apply(BinaryOp.MUL, 1, noise, gLv).applyInPlace(UnaryOp.MUL, 0.5, 0);
        }
        grads.set(0, gMu);
        grads.set(1, gLv);
        return grads;
    }

    /** The generator, rebuilt from the state buffer when someone else (loadStateDict, a checkpoint) changed it. */
    private Generator generator() {
        return rng.get(name(), buffer("generator"));
    }

    /** Writes a generator state into the buffer (low word first) and remembers it. */
    private void store(long[] s) {
        rng.store(buffer("generator"), s);
    }

    @Override protected Module copy(boolean shareWeights, boolean shareGradients) {
        GaussianSampler d = (GaussianSampler) super.copy(shareWeights, shareGradients);
        d.rng = rng.copy(name(), buffer("generator"), d.buffer("generator"), shareWeights);
        return d;
    }

    @Override protected void clearOwnState() {
        eps = null;
        noise = null;
        gMu = null;
        gLv = null;
        grads = Table.of(); // a fresh clone must not share its gradInput table
    }
}
