package jtorch.nn;

import jtorch.tensor.Activity;
import jtorch.tensor.Table;

/**
 * Applies child i to entry i of a table input: y = {m_1(x_1), ..., m_n(x_n)}; the input must have exactly n
 * entries. Backward: gradOutput is a table of n entries and ∂L/∂x_i comes from child i alone, so gradInput =
 * {∂L/∂x_1, ..., ∂L/∂x_n} (the children's own gradInput buffers).
 */
public class ParallelTable extends Container {

    @Override public ParallelTable add(Module m) { super.add(m); return this; }

    private Table table(String what, Activity a) {
        Table t = a.toTable(name() + " " + what);
        if (t.size() != modules.size()) throw new IllegalArgumentException(name() + ": " + what + " has " + t.size()
                + " entries, expected one per child module (" + modules.size() + ")");
        return t;
    }

    @Override public Activity updateOutput(Activity input) {
        Table x = table("input", input);
        Table y = output instanceof Table t ? t : Table.of();
        for (int i = 0; i < modules.size(); i++) y.set(i, modules.get(i).forward(x.get(i)));
        y.truncate(modules.size());
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Table x = table("input", input), g = table("gradOutput", gradOutput);
        Table gi = gradTable();
        for (int i = 0; i < modules.size(); i++) {
            Module m = modules.get(i);
            m.gradInput = m.updateGradInput(x.get(i), g.get(i));
            gi.set(i, m.gradInput);
        }
        return gi;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Table x = table("input", input), g = table("gradOutput", gradOutput);
        for (int i = 0; i < modules.size(); i++) modules.get(i).accGradParameters(x.get(i), g.get(i), scale);
    }

    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        Table x = table("input", input), g = table("gradOutput", gradOutput);
        Table gi = gradTable();
        for (int i = 0; i < modules.size(); i++) gi.set(i, modules.get(i).backward(x.get(i), g.get(i), scale));
        return gi;
    }

    private Table gradTable() {
        Table gi = gradInput instanceof Table t ? t : Table.of();
        gi.truncate(modules.size());
        gradInput = gi;
        return gi;
    }
}
