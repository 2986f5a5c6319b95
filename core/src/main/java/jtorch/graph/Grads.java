package jtorch.graph;

import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/** Shapes of activities for a graph's messages and drawings (zeros, copies and sums: {@link jtorch.nn.Activities}). */
final class Grads {
    private Grads() {}

    /** Shape of a tensor, or {entries} of a table, for messages and drawings. */
    static String describe(Activity a) {
        if (a == null) return "-";
        if (a instanceof Tensor t) return t.shape().toString();
        Table t = (Table) a;
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < t.size(); i++) sb.append(i == 0 ? "" : ", ").append(describe(t.get(i)));
        return sb.append('}').toString();
    }
}
