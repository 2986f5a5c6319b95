package jtorch.nn;

import jtorch.tensor.Activity;
import jtorch.tensor.Table;

/**
 * Applies child i to entry i of a table input: y = {m_1(x_1), ..., m_n(x_n)}; the input must have exactly n
 * entries. Backward: gradOutput is a table of n entries and ∂L/∂x_i comes from child i alone, so gradInput =
 * {∂L/∂x_1, ..., ∂L/∂x_n} (the children's own gradInput buffers).
 */
public class ParallelTable extends Container {
    public static final ModuleType<ParallelTable> TYPE = ModuleType.container("ParallelTable", ParallelTable.class,
            m -> java.util.Map.of(), (a, children) -> {
                ParallelTable p = new ParallelTable();
                for (Module m : children) p.add(m);
                return p;
            });

    @Override public ParallelTable add(Module m) { super.add(m); return this; }

    @Override public ParallelTable clone() { return (ParallelTable) super.clone(); }

    private Table table(String what, Activity a) {
        Table t = a.toTable(name() + " " + what);
        if (t.size() != modules.size()) throw new IllegalArgumentException(name() + ": " + what + " has " + t.size()
                + " entries, expected one per child module (" + modules.size() + ")");
        return t;
    }

    @Override public Activity updateOutput(Activity input) {
        Table x = table("input", input);
        Table y = output instanceof Table t ? t : Table.of();
        for (int i = 0; i < modules.size(); i++) y.set(i, forwardChild(i, x.get(i)));
        y.truncate(modules.size());
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Table x = table("input", input), g = table("gradOutput", gradOutput);
        Table gi = gradTable();
        for (int i = 0; i < modules.size(); i++) gi.set(i, gradInputChild(i, x.get(i), g.get(i)));
        return gi;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Table x = table("input", input), g = table("gradOutput", gradOutput);
        for (int i = 0; i < modules.size(); i++) accGradChild(i, x.get(i), g.get(i), scale, false);
    }

    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        requireForward("backward");
        Table x = table("input", input), g = table("gradOutput", gradOutput);
        Table gi = gradTable();
        for (int i = 0; i < modules.size(); i++) gi.set(i, backwardChild(i, x.get(i), g.get(i), scale));
        return gi;
    }

    private Table gradTable() {
        Table gi = gradInput instanceof Table t ? t : Table.of();
        gi.truncate(modules.size());
        gradInput = gi;
        return gi;
    }
}
