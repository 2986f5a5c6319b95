package jtorch.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An ordered list of activities (tensors or nested tables), Torch7's table as modules use it. Indices are 0-based.
 * A table is mutable (modules reuse their output tables between calls) but usually built with {@link #of}.
 */
public final class Table implements Activity {
    private final List<Activity> items;

    private Table(List<Activity> items) { this.items = items; }

    public static Table of(Activity... items) { return new Table(new ArrayList<>(Arrays.asList(items))); }

    public static Table of(List<? extends Activity> items) { return new Table(new ArrayList<>(items)); }

    public int size() { return items.size(); }

    public Activity get(int i) {
        if (i < 0 || i >= items.size()) throw new IllegalArgumentException("table index " + i + " out of range for a table of "
                + items.size() + " entries");
        return items.get(i);
    }

    /** Entry i as a tensor (throws if it is a table). */
    public Tensor tensor(int i) { return get(i).toTensor("table entry " + i); }

    public void set(int i, Activity a) {
        if (i == items.size()) items.add(a); else items.set(i, a);
    }

    /** Drops entries from index n on. */
    public void truncate(int n) { while (items.size() > n) items.removeLast(); }

    public List<Activity> items() { return java.util.Collections.unmodifiableList(items); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("{\n");
        for (int i = 0; i < items.size(); i++) {
            Activity a = items.get(i);
            String s = a instanceof Tensor t ? t.dtype() + " tensor of size " + t.shape() : a.toString();
            sb.append("  ").append(i).append(" : ").append(s.replace("\n", "\n  ")).append('\n');
        }
        return sb.append('}').toString();
    }
}
