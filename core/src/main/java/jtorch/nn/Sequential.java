package jtorch.nn;

import jtorch.tensor.Activity;

/**
 * Chains modules: output = m_n(... m_2(m_1(input))). Backward runs the chain in reverse, each child getting the
 * input it saw in forward.
 */
public class Sequential extends Container {

    @Override public Sequential add(Module m) { super.add(m); return this; }

    @Override public Activity updateOutput(Activity input) {
        Activity x = input;
        for (Module m : modules) x = m.forward(x);
        return x;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Activity g = gradOutput;
        for (int i = modules.size() - 1; i >= 0; i--) {
            Module m = modules.get(i);
            m.gradInput = m.updateGradInput(inputOf(i, input), g);
            g = m.gradInput;
        }
        return g;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Activity g = gradOutput;
        for (int i = modules.size() - 1; i >= 0; i--) {
            Module m = modules.get(i);
            m.accGradParameters(inputOf(i, input), g, scale);
            g = m.gradInput();
        }
    }

    /**
     * Backward through the chain in reverse. When {@link #gradInputNeeded(boolean) gradInputNeeded} is off, the modules
     * before the first one with parameters are skipped, and that one (if it is not a container) only accumulates its
     * parameter gradients: nothing upstream needs its input gradient. gradInput is then null.
     */
    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        int first = gradInputNeeded ? -1 : firstWithParameters();
        Activity g = gradOutput;
        for (int i = modules.size() - 1; i >= 0 && i >= first; i--) {
            Module m = modules.get(i);
            if (i == first && m.children().isEmpty()) {
                m.accGradParameters(inputOf(i, input), g, scale);
                m.gradInput = null;
                g = null;
            } else {
                g = m.backward(inputOf(i, input), g, scale);
            }
        }
        gradInput = first >= 0 ? null : g;
        return gradInput;
    }

    /** Index of the first child with parameters, or the number of children when none has any. */
    private int firstWithParameters() {
        for (int i = 0; i < modules.size(); i++) if (!modules.get(i).parameters().weights().isEmpty()) return i;
        return modules.size();
    }

    private Activity inputOf(int i, Activity input) { return i == 0 ? input : modules.get(i - 1).output(); }
}
