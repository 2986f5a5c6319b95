package jtorch.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;

/**
 * How a {@link Graph} is written to a model file: its children are the distinct modules (saved as usual, weights
 * once), and its arguments the node structure in execution order:
 * <ul>
 *   <li>{@code nodes}: per node {@code kind, a, b, k, input_1 .. input_k} with kind 0 = input (a = b = -1),
 *       1 = module (a = child index, b = -1), 2 = split entry (a = entry, b = split size; its one input is the
 *       split node);</li>
 *   <li>{@code inputs}, {@code outputs}: node indices of the graph's inputs and outputs;</li>
 *   <li>{@code labels}: one string per node, empty for none.</li>
 * </ul>
 * Loading rebuilds the nodes and runs the graph constructor, so a damaged file meets the same checks as code.
 */
final class GraphSpec {
    private GraphSpec() {}

    static Map<String, Object> args(Graph g) {
        Plan p = g.plan();
        List<Integer> nodes = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            switch (p.kind[i]) {
                case INPUT -> { nodes.add(0); nodes.add(-1); nodes.add(-1); }
                case MODULE -> { nodes.add(1); nodes.add(p.module[i]); nodes.add(-1); }
                case SELECT -> { nodes.add(2); nodes.add(p.entry[i]); nodes.add(p.splitSize[i]); }
            }
            nodes.add(p.in[i].length);
            for (int j : p.in[i]) nodes.add(j);
            labels.add(p.label[i] == null ? "" : p.label[i]);
        }
        return ModuleArgs.of("nodes", nodes.stream().mapToInt(Integer::intValue).toArray(), "inputs", p.inputs.clone(),
                "outputs", p.outputs.clone(), "labels", labels);
    }

    static Graph build(ModuleArgs a, List<Module> children) {
        int[] spec = a.ints("nodes"), ins = a.ints("inputs"), outs = a.ints("outputs");
        List<String> labels = a.strings("labels");
        List<Node> nodes = new ArrayList<>();
        int pos = 0;
        while (pos < spec.length) {
            int i = nodes.size();
            if (pos + 4 > spec.length) throw bad("node " + i + " is truncated");
            int kind = spec[pos], x = spec[pos + 1], y = spec[pos + 2], k = spec[pos + 3];
            pos += 4;
            if (k < 0 || pos + k > spec.length) throw bad("node " + i + " has a bad input count " + k);
            Node[] in = new Node[k];
            for (int j = 0; j < k; j++) {
                int src = spec[pos + j];
                if (src < 0 || src >= i) throw bad("node " + i + " reads node " + src + " (must be an earlier node)");
                in[j] = nodes.get(src);
            }
            pos += k;
            Node v = switch (kind) {
                case 0 -> { if (k != 0) throw bad("input node " + i + " has inputs"); yield Node.input(); }
                case 1 -> {
                    if (x < 0 || x >= children.size() || k == 0) throw bad("module node " + i + ": module " + x
                            + " of " + children.size() + ", " + k + " inputs");
                    yield Node.of(children.get(x), in);
                }
                case 2 -> {
                    if (k != 1 || y < 1 || x < 0 || x >= y) throw bad("split node " + i + ": entry " + x + " of " + y);
                    yield in[0].split(y)[x];
                }
                default -> throw bad("node " + i + " has unknown kind " + kind);
            };
            nodes.add(v);
        }
        if (labels.size() != nodes.size()) throw bad(labels.size() + " labels for " + nodes.size() + " nodes");
        for (int i = 0; i < nodes.size(); i++) if (!labels.get(i).isEmpty()) nodes.get(i).label(labels.get(i));
        return new Graph(pick(nodes, ins, "inputs"), pick(nodes, outs, "outputs"));
    }

    private static List<Node> pick(List<Node> nodes, int[] idx, String what) {
        List<Node> out = new ArrayList<>();
        for (int i : idx) {
            if (i < 0 || i >= nodes.size()) throw bad(what + " names node " + i + " of " + nodes.size());
            out.add(nodes.get(i));
        }
        return out;
    }

    private static IllegalArgumentException bad(String what) {
        return new IllegalArgumentException("Graph description: " + what);
    }
}
