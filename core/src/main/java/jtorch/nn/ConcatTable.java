package jtorch.nn;

import jtorch.tensor.Activity;
import jtorch.tensor.Table;

/**
 * Feeds the same input (tensor or table) to every child and returns their outputs as a table:
 * y = {m_1(x), ..., m_n(x)} (Torch7's ConcatTable; the "Y-connector" / Duplicate of a graph). The entries are the
 * children's own output buffers.
 * <p>Backward: gradOutput must be a table of n entries; child i gets entry i and ∂L/∂x = Σ_i ∂L/∂x via child i
 * (tables summed entry by entry).
 */
public class ConcatTable extends Container {
    public static final ModuleType<ConcatTable> TYPE = ModuleType.container("ConcatTable", ConcatTable.class,
            m -> java.util.Map.of(), (a, children) -> {
                ConcatTable c = new ConcatTable();
                for (Module m : children) c.add(m);
                return c;
            });

    @Override public ConcatTable add(Module m) { super.add(m); return this; }

    @Override public ConcatTable clone() { return (ConcatTable) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        if (modules.isEmpty()) throw new IllegalArgumentException(name() + ": no child modules");
        Table y = output instanceof Table t ? t : Table.of();
        for (int i = 0; i < modules.size(); i++) y.set(i, forwardChild(i, input));
        y.truncate(modules.size());
        return y;
    }

    /** gradOutput as a table with one entry per child. */
    private Table grad(Activity gradOutput) {
        Table g = gradOutput.toTable(name() + " gradOutput");
        if (g.size() != modules.size()) throw new IllegalArgumentException(name() + ": gradOutput has " + g.size()
                + " entries, expected one per child module (" + modules.size() + ")");
        return g;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Table g = grad(gradOutput);
        for (int i = 0; i < modules.size(); i++) {
            accumulate(i, gradInputChild(i, input, g.get(i)));
        }
        return gradInput;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Table g = grad(gradOutput);
        for (int i = 0; i < modules.size(); i++) accGradChild(i, input, g.get(i), scale, false);
    }

    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        requireForward("backward");
        Table g = grad(gradOutput);
        for (int i = 0; i < modules.size(); i++) accumulate(i, backwardChild(i, input, g.get(i), scale));
        return gradInput;
    }

    private void accumulate(int i, Activity childGrad) {
        if (i == 0) gradInput = Activities.copyInto(gradInput, childGrad);
        else Activities.addInto(name(), gradInput, childGrad);
    }
}
