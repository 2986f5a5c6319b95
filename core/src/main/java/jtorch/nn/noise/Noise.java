package jtorch.nn.noise;

import java.util.Arrays;
import jtorch.nn.BufferedGenerator;
import jtorch.nn.Module;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Base of the input-corruption modules of denoising auto-encoders: in training mode y = corrupt(x) with noise drawn
 * afresh at every forward (element-wise, any shape, in row-major order), in {@link #evaluate()} mode y = x (the input
 * object itself) unless a subclass says otherwise. Backward: ∂L/∂x = g ⊙ ∂y/∂x with the noise of the last forward (the
 * same mask); g itself in evaluate mode.
 * <p>As {@link jtorch.nn.layer.Dropout}: the generator is the module's own, seeded from {@link Generator#global()} when
 * the module is built (or given), its state is the persistent I32 [8] buffer {@code generator} (saved in model files
 * and checkpoints, so a resumed run draws the same noise); a {@link #sharedClone} draws from a split stream, a
 * {@link #clone()} continues the same one. {@link #freezeNoise(boolean)} keeps the drawn noise for later forwards of
 * the same shape and dtype, so a finite-difference check sees a fixed function.
 */
public abstract class Noise extends Module implements TensorModule {
    private BufferedGenerator rng = new BufferedGenerator(); // this module's stream, kept in its buffer
    private boolean frozen;
    private int[] drawnSizes;
    private DType drawnType;

    /** Declares the generator buffer, holding a copy of {@code generator}'s state (unless a file is being loaded). */
    protected Noise(Generator generator) {
        if (generator == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": null generator");
        addBuffer("generator", BufferedGenerator.newBuffer());
        if (drawInitialWeights()) store(generator.state());
    }

    /** A generator split from the global one, or a placeholder while a model file is loaded (its state is stored). */
    protected static Generator seed() { return drawInitialWeights() ? Generator.global().split() : new Generator(0); }

    /** While frozen, training forwards reuse the last noise when the input shape is unchanged; returns this. */
    @SuppressWarnings("unchecked")
    public <M extends Noise> M freezeNoise(boolean freeze) { frozen = freeze; return (M) this; }

    @Override public Noise clone() { return (Noise) super.clone(); }

    /** Draws the noise for an input like {@code x} (its shape, dtype and back end) from {@code g} into own buffers. */
    protected abstract void draw(Tensor x, Generator g);

    /** Writes y = corrupt(x) with the drawn noise. */
    protected abstract void corrupt(Tensor x, Tensor y);

    /** Writes gi = g ⊙ ∂y/∂x with the drawn noise. */
    protected abstract void pass(Tensor g, Tensor gi);

    /** The output in evaluate mode: x itself by default. */
    protected Tensor evaluateOutput(Tensor x) { return x; }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        if (!train) return evaluateOutput(x);
        boolean keep = frozen && drawnSizes != null && Arrays.equals(drawnSizes, x.sizes()) && drawnType == x.dtype();
        if (!keep) {
            Generator g = generator();
            draw(x, g);
            store(g.state());
            drawnSizes = x.sizes();
            drawnType = x.dtype();
        }
        Tensor y = reuse(output, x, x.sizes());
        corrupt(x, y);
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name()), g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the input's shape " + x.shape());
        if (!train) return g;
        if (drawnSizes == null || !Arrays.equals(drawnSizes, x.sizes())) throw new IllegalStateException(name()
                + ": backward on input " + x.shape() + " without a training forward on that shape");
        Tensor gi = reuse(gradInput, x, x.sizes());
        pass(g, gi);
        return gi;
    }

    /** The generator, rebuilt from the state buffer when someone else (loadStateDict, a checkpoint) changed it. */
    private Generator generator() {
        return rng.get(name(), buffer("generator"));
    }

    private void store(long[] s) {
        rng.store(buffer("generator"), s);
    }

    @Override protected Module copy(boolean shareWeights, boolean shareGradients) {
        Noise d = (Noise) super.copy(shareWeights, shareGradients);
        d.rng = rng.copy(name(), buffer("generator"), d.buffer("generator"), shareWeights);
        return d;
    }

    /** Subclasses null their noise buffers here and call super. */
    @Override protected void clearOwnState() { drawnSizes = null; drawnType = null; }
}
