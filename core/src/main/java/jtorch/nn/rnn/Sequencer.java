package jtorch.nn.rnn;

import java.util.List;
import jtorch.nn.Container;
import jtorch.nn.Module;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;

/**
 * Applies one module to every time step (Torch7 rnn's {@code nn.Sequencer}): y[t] = m(x[t]) for t = 0..T-1, all steps
 * with the same weights. Input x [T, B, ...] gives y [T, B, ...'] (m maps [B, ...] to [B, ...']); a table of
 * sequences {a [T, B, ...], b [T, B, ...]} gives m the table {a[t], b[t]} at step t, and when m's output is a table,
 * y is the table of its entries stacked over time.
 * <p>Each step runs on its own {@link Module#sharedClone(boolean) sharedClone(true)} of m (step 0 on m itself), which
 * shares m's weights and gradients and keeps its own buffers, so backward sees every step's forward state. The clones
 * are made the first time a length T is reached and kept (no allocation per step afterwards); they follow
 * {@code training()} / {@code evaluate()} of m itself and are dropped by {@code clearState()}, {@code to(dtype)} and
 * clones. Persistent buffers (e.g. BatchNormalization's running statistics) are per clone, as in Torch7.
 * <p>Backward: ∂L/∂x[t] = ∂m/∂x(x[t])ᵀ · ∂L/∂y[t]; parameter gradients are summed over the steps (steps run in reverse).
 * The step module is this container's only child, so parameters, state dicts and model files hold m once.
 */
public class Sequencer extends Container implements TensorModule {
    public static final ModuleType<Sequencer> TYPE = ModuleType.container("Sequencer", Sequencer.class,
            m -> java.util.Map.of(), (a, children) -> new Sequencer(children.getFirst()));
    private List<Module> clones;
    private int steps;

    public Sequencer(Module module) { add(module); }

    @Override public Sequencer add(Module m) {
        if (!modules.isEmpty()) throw new IllegalArgumentException(name() + ": takes exactly one step module");
        super.add(m);
        return this;
    }

    /** The step module m. */
    public Module module() { return modules.getFirst(); }

    @Override public Sequencer clone() { return (Sequencer) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        int n = Steps.length(name(), input, "input");
        clones = Steps.clones(module(), clones, n);
        steps = n;
        Activity y = output;
        for (int t = 0; t < n; t++) {
            Activity yt;
            try {
                yt = clones.get(t).forward(Steps.at(input, t));
            } catch (RuntimeException e) {
                throw Steps.located(name(), t, e);
            }
            if (t == 0) y = Steps.stacked(y, yt, n);
            Steps.put(name(), y, t, yt);
        }
        return y;
    }

    private void checkSteps(Activity input, String what) {
        requireForward(what);
        int n = Steps.length(name(), input, "input");
        if (n != steps) throw new IllegalArgumentException(name() + ": " + what + " for an input of " + n + " steps "
                + "after a forward of " + steps + " (call forward with the same input first)");
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        checkSteps(input, "updateGradInput");
        Activity gi = gradInput;
        for (int t = steps - 1; t >= 0; t--) {
            Activity g;
            try {
                g = clones.get(t).computeGradInput(Steps.at(input, t), Steps.at(gradOutput, t));
            } catch (RuntimeException e) {
                throw Steps.located(name(), t, e);
            }
            if (t == steps - 1) gi = Steps.stacked(gi, g, steps);
            Steps.put(name(), gi, t, g);
        }
        return gi;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        checkSteps(input, "accGradParameters");
        for (int t = steps - 1; t >= 0; t--) {
            try {
                clones.get(t).accGradParameters(Steps.at(input, t), Steps.at(gradOutput, t), scale);
            } catch (RuntimeException e) {
                throw Steps.located(name(), t, e);
            }
        }
    }

    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        checkSteps(input, "backward");
        Activity gi = gradInput;
        for (int t = steps - 1; t >= 0; t--) {
            Activity g;
            try {
                g = clones.get(t).backward(Steps.at(input, t), Steps.at(gradOutput, t), scale);
            } catch (RuntimeException e) {
                throw Steps.located(name(), t, e);
            }
            if (t == steps - 1) gi = Steps.stacked(gi, g, steps);
            Steps.put(name(), gi, t, g);
        }
        gradInput = gi;
        return gi;
    }

    @Override protected void clearOwnState() { clones = null; steps = 0; }

    @Override public String name() { return "Sequencer"; }
}
