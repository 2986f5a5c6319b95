package jtorch.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jtorch.nn.Module;
import jtorch.tensor.Tensor;

/**
 * An exponential moving average of a network's weights (Polyak averaging as GANs use it for the generator: Yazıcı et
 * al. 2019, "The unusual effectiveness of averaging in GAN training"; BigGAN's and StyleGAN's "G_ema"). It holds a
 * {@link Module#clone() clone} of the source network and, after each {@link #update()} (the t-th, t = 1, 2, ...),
 * every floating parameter and persistent buffer θ̄ of the clone (batch-norm running statistics included) becomes
 * <pre>
 *   β_t = min(β, (1 + t) / (10 + t))      θ̄ ← β_t θ̄ + (1 − β_t) θ
 * </pre>
 * of the source's θ: the warm-up β_t keeps the first, random weights from lingering (TensorFlow's
 * ExponentialMovingAverage with num_updates). Integer buffers are copied. The average is a module of its own
 * ({@link #module()}, in evaluation mode), used only for sampling; the source trains as before.
 */
public final class EmaModule {
    private final Module source, average;
    private final double decay;
    private final List<Tensor[]> pairs = new ArrayList<>(); // {source tensor, average tensor}
    private long updates;

    /** Starts the average at a copy of {@code source}'s current weights; {@code decay} β in [0, 1). */
    public EmaModule(Module source, double decay) {
        if (source == null) throw new IllegalArgumentException("EmaModule: null source module");
        if (!(decay >= 0 && decay < 1)) throw new IllegalArgumentException("EmaModule: decay must be in [0, 1), got " + decay);
        this.source = source;
        this.decay = decay;
        average = source.clone().evaluate();
        Map<String, Tensor> s = source.stateDict(), a = average.stateDict();
        if (!s.keySet().equals(a.keySet())) throw new IllegalStateException("EmaModule: the clone of " + source.name()
                + " names its tensors differently: " + s.keySet() + " vs " + a.keySet());
        for (var e : s.entrySet()) pairs.add(new Tensor[] {e.getValue(), a.get(e.getKey())});
    }

    /** One averaging step (see the class comment). */
    public void update() {
        updates++;
        double b = Math.min(decay, (1.0 + updates) / (10.0 + updates));
        for (Tensor[] p : pairs) {
            if (p[0].dtype().isFloating()) p[1].mulInPlace(b).addInPlace(1 - b, p[0]);
            else p[1].copy(p[0]);
        }
    }

    /** The averaged network (evaluation mode; put it in training mode only for something like batch-norm re-estimation). */
    public Module module() { return average; }

    /** The network being averaged. */
    public Module source() { return source; }

    public double decay() { return decay; }

    /** How many {@link #update()} calls so far. */
    public long updates() { return updates; }

    @Override public String toString() {
        return String.format(Locale.ROOT, "EmaModule(%s, decay %s, %d updates)", source.name(), decay, updates);
    }
}
