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

    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        Activity g = gradOutput;
        for (int i = modules.size() - 1; i >= 0; i--) g = modules.get(i).backward(inputOf(i, input), g, scale);
        gradInput = g;
        return g;
    }

    private Activity inputOf(int i, Activity input) { return i == 0 ? input : modules.get(i - 1).output(); }
}
