package jtorch.nn;

import java.util.ArrayList;
import java.util.List;
import jtorch.tensor.Activity;

/**
 * A module made of child modules, in order. Containers in any package run their children through
 * {@link #forwardChild}, {@link #backwardChild}, {@link #gradInputChild} and {@link #accGradChild}: these keep the
 * child's output and gradInput, and an exception inside a child comes out naming the path to it, as Torch7's
 * {@code rethrowErrors} does: {@code Sequential[3] Linear(64 -> 10): expected input [B, 64], got [2, 65]}
 * (indices from 0, as in parameter names; nested containers add their own prefix).
 */
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

    /** Child i's forward. */
    protected final Activity forwardChild(int i, Activity input) {
        try {
            return modules.get(i).forward(input);
        } catch (RuntimeException e) {
            throw located(i, e);
        }
    }

    /** Child i's backward (input gradient kept as its gradInput, parameter gradients accumulated). */
    protected final Activity backwardChild(int i, Activity input, Activity gradOutput, double scale) {
        try {
            return modules.get(i).backward(input, gradOutput, scale);
        } catch (RuntimeException e) {
            throw located(i, e);
        }
    }

    /** Child i's input gradient only, kept as its gradInput ({@link Module#computeGradInput}). */
    protected final Activity gradInputChild(int i, Activity input, Activity gradOutput) {
        try {
            return modules.get(i).computeGradInput(input, gradOutput);
        } catch (RuntimeException e) {
            throw located(i, e);
        }
    }

    /** Child i's parameter gradients; with {@code withoutGradInput} its gradInput becomes null. */
    protected final void accGradChild(int i, Activity input, Activity gradOutput, double scale, boolean withoutGradInput) {
        try {
            if (withoutGradInput) modules.get(i).accGradParametersOnly(input, gradOutput, scale);
            else modules.get(i).accGradParameters(input, gradOutput, scale);
        } catch (RuntimeException e) {
            throw located(i, e);
        }
    }

    /** {@code e} from child i, re-thrown (same kind where it is an argument, state or unsupported error) with its path. */
    protected final RuntimeException located(int i, RuntimeException e) {
        Module c = modules.get(i);
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String text = name() + "[" + i + "] " + (msg.startsWith(c.name()) ? msg : c.name() + ": " + msg);
        return switch (e) {
            case IllegalArgumentException x -> new IllegalArgumentException(text, e);
            case UnsupportedOperationException x -> new UnsupportedOperationException(text, e);
            default -> new IllegalStateException(text, e);
        };
    }

    @Override protected void copyChildren(boolean shareWeights, boolean shareGradients) {
        List<Module> copies = new ArrayList<>(modules.size());
        for (Module m : modules) copies.add(m.copy(shareWeights, shareGradients));
        modules = copies;
    }

    /** Torch7-style tree: {@code nn.Sequential { (0): nn.Linear(2 -> 3) ... }}, numbered from 0 like get(i) and parameter names. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder("nn.").append(name()).append(" {");
        for (int i = 0; i < modules.size(); i++) {
            sb.append("\n  (").append(i).append("): ").append(modules.get(i).toString().replace("\n", "\n  "));
        }
        return sb.append("\n}").toString();
    }
}
