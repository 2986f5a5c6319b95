package jtorch.nn.table;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;

/**
 * Picks entry {@code index} of a table (0-based; negative counts from the end, -1 = last), Torch7's
 * {@code nn.SelectTable}: {x_0, ..., x_{n-1}} → x_index (the entry itself, not a copy; it may be a nested table).
 * Backward: a table shaped like the input, with a copy of g at index and zeros (of each entry's structure) elsewhere.
 */
public class SelectTable extends Module {
    public static final ModuleType<SelectTable> TYPE = ModuleType.of("SelectTable", SelectTable.class,
            m -> ModuleArgs.of("index", m.index()),
            a -> new SelectTable(a.integer("index")));

    @Override public SelectTable clone() { return (SelectTable) super.clone(); }

    private final int index;

    public int index() { return index; }

    public SelectTable(int index) { this.index = index; }

    private int resolve(Table t) {
        int i = index < 0 ? index + t.size() : index;
        if (i < 0 || i >= t.size()) throw new IllegalArgumentException(name() + ": index " + index
                + " out of range for a table of " + t.size() + " entries");
        return i;
    }

    @Override public Activity updateOutput(Activity input) {
        Table t = input.toTable(name());
        return t.get(resolve(t));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Table t = input.toTable(name());
        int k = resolve(t);
        Table gi = Tables.table(gradInput, t.size());
        Activity picked = Tables.copyLike(name(), gi.get(k), gradOutput, t.get(k)); // checks before anything changes
        for (int i = 0; i < t.size(); i++) gi.set(i, i == k ? picked : Tables.zerosLike(gi.get(i), t.get(i)));
        return gi;
    }

    @Override public String name() { return "SelectTable(" + index + ")"; }
}
