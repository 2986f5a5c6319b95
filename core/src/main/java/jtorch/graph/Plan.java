package jtorch.graph;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import jtorch.nn.Module;

/**
 * A graph's structure, checked and numbered in execution order (a topological order: every node after its inputs):
 * node kinds, the module index of each module node (into {@link #modules}, one entry per distinct module object, in
 * order of first use) and which use of that module it is, the input nodes of each node, labels, and the node indices
 * of the graph's inputs and outputs. Immutable; shared by a graph's clones (which have their own module lists).
 */
final class Plan {
    final Node.Kind[] kind;
    final int[] module, use, entry, splitSize;
    final int[][] in;
    final String[] label, text;
    final int[] inputs, outputs;
    final int outputArity;

    private Plan(List<Node> order, Map<Node, Integer> index, List<Module> modules, int[] inputs, int[] outputs,
                 int outputArity) {
        int n = order.size();
        kind = new Node.Kind[n];
        module = new int[n];
        use = new int[n];
        entry = new int[n];
        splitSize = new int[n];
        in = new int[n][];
        label = new String[n];
        text = new String[n];
        IdentityHashMap<Module, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            Node v = order.get(i);
            kind[i] = v.kind();
            label[i] = v.label();
            text[i] = v.toString();
            entry[i] = v.entry();
            splitSize[i] = v.splitSize();
            List<Node> ins = v.inputs();
            in[i] = new int[ins.size()];
            for (int j = 0; j < ins.size(); j++) in[i][j] = index.get(ins.get(j));
            module[i] = -1;
            if (v.kind() == Node.Kind.MODULE) {
                Integer m = seen.get(v.module());
                if (m == null) { m = modules.size(); modules.add(v.module()); seen.put(v.module(), m); use[i] = 0; }
                else use[i] = countUses(i, m);
                module[i] = m;
            }
        }
        this.inputs = inputs;
        this.outputs = outputs;
        this.outputArity = outputArity;
    }

    private int countUses(int upTo, int m) {
        int k = 0;
        for (int j = 0; j < upTo; j++) if (module[j] == m) k++;
        return k;
    }

    int size() { return kind.length; }

    /** Checks the wiring from {@code outputs} back to {@code inputs}; fills {@code modules} with the distinct modules. */
    static Plan compile(List<Node> inputs, List<Node> outputs, List<Module> modules) {
        if (inputs.isEmpty()) throw new IllegalArgumentException("Graph: needs at least one input node");
        if (outputs.isEmpty()) throw new IllegalArgumentException("Graph: needs at least one output node");
        IdentityHashMap<Node, Integer> inputIndex = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Node x = inputs.get(i);
            if (x == null) throw new IllegalArgumentException("Graph: input " + i + " is null");
            if (x.kind() != Node.Kind.INPUT) throw new IllegalArgumentException("Graph: input " + i + " (" + x
                    + ") is not an input node (make graph inputs with Node.input())");
            if (inputIndex.put(x, i) != null) throw new IllegalArgumentException("Graph: input " + i + " (" + x
                    + ") is listed twice");
        }
        List<Node> order = new ArrayList<>();
        IdentityHashMap<Node, Integer> index = new IdentityHashMap<>();
        IdentityHashMap<Node, Boolean> onPath = new IdentityHashMap<>();
        for (int k = 0; k < outputs.size(); k++) {
            Node o = outputs.get(k);
            if (o == null) throw new IllegalArgumentException("Graph: output " + k + " is null");
            visit(o, "output " + k + " (" + o + ")", inputIndex, order, index, onPath, new ArrayList<>());
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (!index.containsKey(inputs.get(i))) throw new IllegalArgumentException("Graph: input " + i + " ("
                    + inputs.get(i) + ") is not used by any output (remove it, or connect it)");
        }
        for (Node v : order) {
            if (v.kind() != Node.Kind.SELECT) continue;
            int known = Arity.of(v.inputs().getFirst());
            if (known == Arity.TENSOR || (known >= 0 && known != v.splitSize())) throw new IllegalArgumentException(
                    "Graph: " + v.inputs().getFirst() + " is split into " + v.splitSize() + " entries, but its output is "
                    + (known == Arity.TENSOR ? "a tensor" : "a table of " + known + " entries"));
        }
        int[] in = new int[inputs.size()], out = new int[outputs.size()];
        for (int i = 0; i < in.length; i++) in[i] = index.get(inputs.get(i));
        for (int k = 0; k < out.length; k++) out[k] = index.get(outputs.get(k));
        int arity = outputs.size() > 1 ? outputs.size() : Arity.of(outputs.getFirst());
        Plan p = new Plan(order, index, modules, in, out, arity);
        p.checkNesting(modules);
        return p;
    }

    /** Depth-first post-order from an output: inputs before the node; a node met again on the current path is a cycle. */
    private static void visit(Node v, String from, Map<Node, Integer> inputIndex, List<Node> order,
                              Map<Node, Integer> index, Map<Node, Boolean> onPath, List<Node> path) {
        if (index.containsKey(v)) return;
        if (onPath.containsKey(v)) {
            StringBuilder sb = new StringBuilder();
            for (int i = path.indexOf(v); i < path.size(); i++) sb.append(path.get(i)).append(" <- ");
            throw new IllegalArgumentException("Graph: cycle: " + sb.append(v) + " (a node cannot depend on itself)");
        }
        if (v.kind() == Node.Kind.INPUT && !inputIndex.containsKey(v)) throw new IllegalArgumentException("Graph: "
                + from + " depends on " + v + ", which is not one of the graph's inputs");
        if (v.unwired()) throw new IllegalArgumentException("Graph: " + from + " does not depend on any input: " + v
                + " has no inputs (wire it with from(...))");
        onPath.put(v, true);
        path.add(v);
        for (Node u : v.inputs()) visit(u, from, inputIndex, order, index, onPath, path);
        path.removeLast();
        onPath.remove(v);
        index.put(v, order.size());
        order.add(v);
    }

    /** A module that is a node and also inside another node's module would run twice with one set of buffers. */
    private void checkNesting(List<Module> modules) {
        IdentityHashMap<Module, Integer> top = new IdentityHashMap<>();
        for (int i = 0; i < modules.size(); i++) top.put(modules.get(i), i);
        for (int i = 0; i < modules.size(); i++) checkInside(modules.get(i), modules.get(i), top);
    }

    private static void checkInside(Module owner, Module m, Map<Module, Integer> top) {
        for (Module c : m.children()) {
            if (top.containsKey(c)) throw new IllegalArgumentException("Graph: " + c.name() + " is a node's module and"
                    + " also inside " + owner.name() + " (one object would run twice with one set of buffers: use a"
                    + " sharedClone for one of them, or use the module in two nodes)");
            checkInside(owner, c, top);
        }
    }
}
