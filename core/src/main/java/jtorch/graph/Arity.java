package jtorch.graph;

import jtorch.nn.ConcatTable;
import jtorch.nn.Module;
import jtorch.nn.ParallelTable;
import jtorch.nn.Sequential;
import jtorch.nn.TensorModule;

/**
 * What is known before any forward about the output of a node: a tensor ({@link #TENSOR}), a table of n entries
 * (n &ge; 0), or nothing ({@link #UNKNOWN}). Used to reject a wrong {@link Node#split(int)} when the graph is built.
 * Known: modules implementing {@link TensorModule} (a tensor), {@link ConcatTable} and {@link ParallelTable} (one
 * entry per child), a {@link Sequential} (its last child's), a {@link Graph} (a table of its outputs when it has several, else its output's arity).
 */
final class Arity {
    private Arity() {}

    static final int TENSOR = -2, UNKNOWN = -1;

    static int of(Node n) {
        return switch (n.kind()) {
            case INPUT, SELECT -> UNKNOWN;
            case MODULE -> of(n.module());
        };
    }

    static int of(Module m) {
        if (m instanceof Graph g) return g.outputArity();
        if (m instanceof Sequential s) return s.size() == 0 ? UNKNOWN : of(s.get(s.size() - 1));
        if (m instanceof TensorModule) return TENSOR;
        if (m instanceof ConcatTable c) return c.size();
        if (m instanceof ParallelTable p) return p.size();
        return UNKNOWN;
    }
}
