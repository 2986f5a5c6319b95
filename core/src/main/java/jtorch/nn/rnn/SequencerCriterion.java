package jtorch.nn.rnn;

import jtorch.nn.Criterion;
import jtorch.tensor.Activity;

/**
 * A criterion applied at every time step (Torch7 rnn's {@code nn.SequencerCriterion}): input x [T, B, ...] and
 * target y [T, B, ...] (or tables of such sequences, step t taking their step-t entries),
 * <pre>
 * L = Σ_t c(x[t], y[t])          (sizeAverage off, the default, as Torch7 rnn)
 * L = (1/T) Σ_t c(x[t], y[t])    (sizeAverage on)
 * </pre>
 * The inner criterion c keeps its own sizeAverage (e.g. ClassNLLCriterion averages over the batch of each step), so
 * with both on L is the mean over all T·B samples when every step has B of them. ∂L/∂x[t] = ∂c/∂x(x[t], y[t]) (/T).
 * For variable-length batches with a padding target use {@link MaskedNLLCriterion}, which averages over the real
 * tokens only.
 */
public class SequencerCriterion extends Criterion {
    private final Criterion criterion;

    /** Summed over time (sizeAverage off). */
    public SequencerCriterion(Criterion criterion) { this(criterion, false); }

    /** @param sizeAverage divide the sum over time steps by T */
    public SequencerCriterion(Criterion criterion, boolean sizeAverage) {
        if (criterion == null) throw new IllegalArgumentException("SequencerCriterion: null criterion");
        this.criterion = criterion;
        this.sizeAverage = sizeAverage;
    }

    /** The per-step criterion c. */
    public Criterion criterion() { return criterion; }

    private int steps(Activity input, Activity target) {
        int t = Steps.length(name(), input, "input"), u = Steps.length(name(), target, "target");
        if (t != u) throw new IllegalArgumentException(name() + ": input has " + t + " steps, target " + u
                + " (both are time first: [T, B, ...])");
        return t;
    }

    @Override public double updateOutput(Activity input, Activity target) {
        int n = steps(input, target);
        double loss = 0;
        for (int t = 0; t < n; t++) {
            try {
                loss += criterion.forward(Steps.at(input, t), Steps.at(target, t));
            } catch (RuntimeException e) {
                throw Steps.located(name(), t, e);
            }
        }
        return sizeAverage ? loss / n : loss;
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        int n = steps(input, target);
        Activity g = gradInput;
        for (int t = 0; t < n; t++) {
            Activity gt;
            try {
                gt = criterion.backward(Steps.at(input, t), Steps.at(target, t));
            } catch (RuntimeException e) {
                throw Steps.located(name(), t, e);
            }
            if (t == 0) g = Steps.stacked(g, gt, n);
            Steps.put(name(), g, t, gt);
        }
        if (sizeAverage) scale(g, 1.0 / n);
        return g;
    }

    private static void scale(Activity a, double s) {
        if (a instanceof jtorch.tensor.Tensor t) t.mulInPlace(s);
        else for (Activity e : ((jtorch.tensor.Table) a).items()) scale(e, s);
    }

    @Override public String name() { return "SequencerCriterion(" + criterion.name() + ")"; }
}
