package jtorch.nn;

import java.util.ArrayList;
import java.util.List;

/** A module made of child modules, in order. */
public abstract class Container extends Module {
    protected List<Module> modules = new ArrayList<>();

    /** Appends a child; returns this for chaining. */
    public Container add(Module m) {
        if (m == null) throw new IllegalArgumentException(name() + ".add: null module");
        modules.add(m);
        return this;
    }

    public Module get(int i) {
        if (i < 0 || i >= modules.size()) throw new IllegalArgumentException(name() + ".get: index " + i
                + " out of range for " + modules.size() + " modules");
        return modules.get(i);
    }

    public int size() { return modules.size(); }

    @Override public List<Module> children() { return java.util.Collections.unmodifiableList(modules); }

    @Override protected void copyChildren(boolean shareWeights, boolean shareGradients) {
        List<Module> copies = new ArrayList<>(modules.size());
        for (Module m : modules) copies.add(m.copy(shareWeights, shareGradients));
        modules = copies;
    }

    /** Torch7-style tree: {@code nn.Sequential { (1): nn.Linear(2 -> 3) ... }}. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder("nn.").append(name()).append(" {");
        for (int i = 0; i < modules.size(); i++) {
            sb.append("\n  (").append(i + 1).append("): ").append(modules.get(i).toString().replace("\n", "\n  "));
        }
        return sb.append("\n}").toString();
    }
}
