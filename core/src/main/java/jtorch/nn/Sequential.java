package jtorch.nn;

import jtorch.tensor.Activity;

/**
 * Chains modules: output = m_n(... m_2(m_1(input))). Backward runs the chain in reverse, each child getting the
 * input it saw in forward.
 */
public class Sequential extends Container implements TensorModule {
    public static final ModuleType<Sequential> TYPE = ModuleType.container("Sequential", Sequential.class,
            m -> java.util.Map.of(), (a, children) -> {
                Sequential s = new Sequential();
                for (Module c : children) s.add(c);
                return s;
            });

    /** An empty chain; {@link #add} appends. */
    public Sequential() {}

    /** A chain of {@code modules}, in order. */
    public Sequential(Module... modules) { for (Module m : modules) add(m); }

    @Override public Sequential add(Module m) { super.add(m); return this; }

    @Override public Sequential clone() { return (Sequential) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Activity x = input;
        for (int i = 0; i < modules.size(); i++) x = forwardChild(i, x);
        return x;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Activity g = gradOutput;
        for (int i = modules.size() - 1; i >= 0; i--) g = gradInputChild(i, inputOf(i, input), g);
        return g;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Activity g = gradOutput;
        for (int i = modules.size() - 1; i >= 0; i--) {
            accGradChild(i, inputOf(i, input), g, scale, false);
            g = modules.get(i).gradInput();
        }
    }

    /**
     * Backward through the chain in reverse. When {@link #gradInputNeeded(boolean) gradInputNeeded} is off, the modules
     * before the first one with parameters are skipped, and that one (if it is not a container) only accumulates its
     * parameter gradients: nothing upstream needs its input gradient. gradInput is then null.
     */
    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        requireForward("backward");
        int first = gradInputNeeded ? -1 : firstWithParameters();
        Activity g = gradOutput;
        for (int i = modules.size() - 1; i >= 0 && i >= first; i--) {
            if (i == first && modules.get(i).children().isEmpty()) {
                accGradChild(i, inputOf(i, input), g, scale, true);
                g = null;
            } else {
                g = backwardChild(i, inputOf(i, input), g, scale);
            }
        }
        gradInput = first >= 0 ? null : g;
        return gradInput;
    }

    /** Index of the first child with parameters, or the number of children when none has any. */
    private int firstWithParameters() {
        for (int i = 0; i < modules.size(); i++) if (modules.get(i).hasParameters()) return i;
        return modules.size();
    }

    private Activity inputOf(int i, Activity input) { return i == 0 ? input : modules.get(i - 1).output(); }
}
