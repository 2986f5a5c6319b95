package jtorch.graph;

import java.util.List;
import jtorch.nn.Activities;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;

/**
 * The runtime state of one {@link Graph} object: the module that runs each node (the module itself for its first use,
 * a shared-weight clone for later uses), each node's input and output of the last forward, and the gradient sums of
 * the last backward, all in buffers reused from step to step.
 */
final class GraphRun {
    static final int GRAD = 1, ACC = 2, BOTH = 3;

    private final Graph graph;
    private final Plan p;
    private final List<Module> modules;
    private final Module[] run;
    private final Activity[] out, nodeIn, grad, gradBuf;
    private final boolean[] owned, need;
    private final Table[] inTables;
    private final Table outTable = Table.of(), gradInTable = Table.of();
    private boolean gradsReady;

    GraphRun(Graph graph, Plan p, List<Module> modules) {
        this.graph = graph;
        this.p = p;
        this.modules = modules;
        int n = p.size();
        run = new Module[n];
        out = new Activity[n];
        nodeIn = new Activity[n];
        grad = new Activity[n];
        gradBuf = new Activity[n];
        owned = new boolean[n];
        need = new boolean[n];
        inTables = new Table[n];
        for (int i = 0; i < n; i++) {
            if (p.kind[i] != Node.Kind.MODULE) continue;
            Module m = modules.get(p.module[i]);
            run[i] = p.use[i] == 0 ? m : m.sharedClone(true);
            if (p.in[i].length > 1) inTables[i] = Table.of();
        }
    }

    boolean gradsReady() { return gradsReady; }

    Activity output(int i) { return out[i]; }

    Activity forward(Activity input) {
        int[] ins = p.inputs;
        if (ins.length == 1) {
            out[ins[0]] = input;
        } else {
            Table t = input.toTable(graph.name() + " input (" + ins.length + " inputs)");
            if (t.size() != ins.length) throw new IllegalArgumentException(graph.name() + ": expected a table of "
                    + ins.length + " inputs, got " + t.size() + " entries");
            for (int i = 0; i < ins.length; i++) out[ins[i]] = t.get(i);
        }
        for (int i = 0; i < run.length; i++) {
            switch (p.kind[i]) {
                case INPUT -> { }
                case SELECT -> out[i] = select(i);
                case MODULE -> {
                    if (p.use[i] > 0) mirror(modules.get(p.module[i]), run[i]);
                    Activity x = inputOf(i);
                    nodeIn[i] = x;
                    try {
                        out[i] = run[i].forward(x);
                    } catch (RuntimeException e) {
                        throw located(i, e);
                    }
                }
            }
        }
        gradsReady = false;
        return Graph.pack(outTable, out, p.outputs);
    }

    private Activity inputOf(int i) {
        int[] in = p.in[i];
        if (in.length == 1) return out[in[0]];
        Table t = inTables[i];
        for (int j = 0; j < in.length; j++) t.set(j, out[in[j]]);
        return t;
    }

    private Activity select(int i) {
        int parent = p.in[i][0];
        Activity a = out[parent];
        if (!(a instanceof Table t) || t.size() != p.splitSize[i]) throw new IllegalArgumentException(graph.name()
                + ": node " + parent + " (" + p.text[parent] + ") is split into " + p.splitSize[i] + " entries, but its"
                + " output is " + (a instanceof Table t ? "a table of " + t.size() + " entries" : "a tensor of shape "
                + Grads.describe(a)));
        return t.get(p.entry[i]);
    }

    /** One reverse sweep; returns the graph's gradInput (null when not needed, or in ACC mode). */
    Activity backward(Activity gradOutput, int mode, double scale, boolean gradInputNeeded) {
        int n = run.length;
        if (out[p.outputs[0]] == null) throw new IllegalStateException(graph.name() + ": backward before forward");
        if (mode == ACC) {
            for (int i = n - 1; i >= 0; i--) {
                if (p.kind[i] == Node.Kind.MODULE && need[i] && run[i].hasParameters()) {
                    try {
                        run[i].accGradParameters(nodeIn[i], grad[i], scale);
                    } catch (RuntimeException e) {
                        throw located(i, e);
                    }
                }
            }
            return null;
        }
        for (int i = 0; i < n; i++) {
            grad[i] = null;
            owned[i] = false;
            need[i] = switch (p.kind[i]) {
                case INPUT -> gradInputNeeded;
                case SELECT -> need[p.in[i][0]];
                case MODULE -> run[i].hasParameters() || anyNeed(p.in[i]);
            };
        }
        int[] outs = p.outputs;
        if (outs.length == 1) {
            contribute(outs[0], gradOutput);
        } else {
            Table g = gradOutput.toTable(graph.name() + " gradOutput (" + outs.length + " outputs)");
            if (g.size() != outs.length) throw new IllegalArgumentException(graph.name() + ": gradOutput has " + g.size()
                    + " entries, expected one per output (" + outs.length + ")");
            for (int k = 0; k < outs.length; k++) if (need[outs[k]]) contribute(outs[k], g.get(k));
        }
        for (int i = n - 1; i >= 0; i--) {
            if (!need[i] || p.kind[i] == Node.Kind.INPUT) continue;
            Activity g = gradOf(i);
            if (p.kind[i] == Node.Kind.SELECT) {
                contributeEntry(p.in[i][0], p.entry[i], g);
                continue;
            }
            Module m = run[i];
            boolean upstream = anyNeed(p.in[i]);
            try {
                if (mode == GRAD) {
                    // a container's accGradParameters reads its children's gradInputs: compute them even when unused
                    if (upstream || !m.children().isEmpty()) {
                        Activity gi = m.computeGradInput(nodeIn[i], g);
                        if (upstream) push(i, gi);
                    }
                } else if (upstream || !m.children().isEmpty()) {
                    Activity gi = m.backward(nodeIn[i], g, scale);
                    if (upstream) push(i, gi);
                } else {
                    m.accGradParametersOnly(nodeIn[i], g, scale);
                }
            } catch (RuntimeException e) {
                throw located(i, e);
            }
        }
        gradsReady = true;
        if (!gradInputNeeded) return null;
        for (int k = 0; k < p.inputs.length; k++) if (grad[p.inputs[k]] == null) gradOf(p.inputs[k]);
        return Graph.pack(gradInTable, grad, p.inputs);
    }

    private boolean anyNeed(int[] in) {
        for (int j : in) if (need[j]) return true;
        return false;
    }

    /** Sends module node i's gradInput to its input nodes (entry j of a table to input j). */
    private void push(int i, Activity gi) {
        int[] in = p.in[i];
        if (in.length == 1) {
            contribute(in[0], gi);
            return;
        }
        Table t = gi.toTable(p.text[i] + " gradInput");
        if (t.size() != in.length) throw new IllegalStateException(p.text[i] + ": gradInput has " + t.size()
                + " entries for its " + in.length + " inputs");
        for (int j = 0; j < in.length; j++) if (need[in[j]]) contribute(in[j], t.get(j));
    }

    /** The gradient sum of node i: kept by reference while it has one term, copied into node i's buffer at the second. */
    private void contribute(int i, Activity g) {
        if (out[i] instanceof Table) {
            ownTable(i);
            Activities.addInto(p.text[i], grad[i], g);
        } else if (grad[i] == null) {
            grad[i] = g;
        } else {
            if (!owned[i]) {
                gradBuf[i] = Activities.copyInto(gradBuf[i], grad[i]);
                grad[i] = gradBuf[i];
                owned[i] = true;
            }
            Activities.addInto(p.text[i], grad[i], g);
        }
    }

    private void contributeEntry(int parent, int entry, Activity g) {
        ownTable(parent);
        Table t = (Table) grad[parent];
        Activities.addInto(p.text[parent] + " entry " + entry, t.get(entry), g);
    }

    /** Makes node i's gradient its own table of zeros (first term) shaped like its output. */
    private void ownTable(int i) {
        if (owned[i]) return;
        gradBuf[i] = Activities.zerosLike(gradBuf[i], out[i]);
        if (grad[i] != null) Activities.addInto(p.text[i], gradBuf[i], grad[i]);
        grad[i] = gradBuf[i];
        owned[i] = true;
    }

    private Activity gradOf(int i) {
        if (grad[i] == null) {
            gradBuf[i] = Activities.zerosLike(gradBuf[i], out[i]);
            grad[i] = gradBuf[i];
            owned[i] = true;
        }
        return grad[i];
    }

    /** Gives a later use's clone {@code c} the training/evaluation mode of the first use {@code o}, subtree by subtree. */
    private static void mirror(Module o, Module c) {
        if (o.isTraining() != c.isTraining()) {
            if (o.isTraining()) c.training(); else c.evaluate();
        }
        List<Module> oc = o.children();
        if (oc.isEmpty()) return;
        List<Module> cc = c.children();
        for (int k = 0; k < oc.size() && k < cc.size(); k++) mirror(oc.get(k), cc.get(k));
    }

    /** {@code e} from node i, re-thrown (same kind where it is an argument, state or unsupported error) with its place. */
    private RuntimeException located(int i, RuntimeException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String text = graph.name() + " node " + i + " " + p.text[i] + ": " + msg;
        return switch (e) {
            case IllegalArgumentException x -> new IllegalArgumentException(text, e);
            case UnsupportedOperationException x -> new UnsupportedOperationException(text, e);
            default -> new IllegalStateException(text, e);
        };
    }
}
