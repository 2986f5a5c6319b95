package jtorch.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jtorch.io.ModuleRegistry;
import jtorch.nn.Module;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;

/**
 * A directed acyclic graph of modules that is itself a {@link Module}: Torch7 nngraph's {@code gModule}. Built from
 * its input {@link Node}s and output nodes:
 * <pre>{@code
 * Node x = Node.input("x");
 * Node h = Node.of(new Linear(4, 8), x).then(new Tanh());
 * Node y = Node.of(new CAddTable(), Node.of(new Linear(8, 4), h), x);   // a skip connection
 * Graph g = new Graph(x, y);                                             // g.forward(tensor [B, 4]) -> [B, 4]
 * }</pre>
 * Input: with one input node, the graph's input itself; with k, a table of k entries (entry i feeds input i).
 * Output: one output node's output, or the table of the outputs of several. Nodes run in a topological order fixed
 * at construction; backward runs them in reverse, each node's gradient being the sum of what its consumers send it
 * (a node used by several consumers gets its own buffer for the sum; with one consumer the consumer's gradInput is
 * passed on without a copy). Entries of a {@link Node#split(int) split} table that no node uses get zero gradients.
 * <p>The wiring is checked here, not at the first forward: a cycle, an input no output uses, an output that depends
 * on a node without inputs or on an input node not given to the graph, a split of a size that the module's output is
 * known not to have, a module that is a node and also inside another node's module; each error names the nodes
 * (module name and label).
 * <p><b>Weight sharing.</b> The same module object in several nodes shares its parameters, and their gradients add
 * up over the uses. Because modules keep buffers (output, gradInput, scratch) between forward and backward, the
 * first use runs the module itself and every later use runs its own {@link Module#sharedClone(boolean)
 * sharedClone(true)} (same weight and gradient tensors, own buffers), made at the first forward after construction,
 * a clone or {@link #clearState()} (so {@link #to} conversions reach them). {@link #children()} lists each distinct
 * module once (the first uses), so parameters, {@link #getParameters()}, state dicts and model files hold each
 * weight once; the later uses follow the first's training/evaluation mode at each forward. Persistent buffers
 * (running statistics of a BatchNorm used twice) are per use, as with Torch7's {@code clone('weight', 'bias')}; the
 * first use's are the ones saved.
 * <p>When {@link #gradInputNeeded(boolean) gradInputNeeded} is off, backward skips every node upstream of which no
 * module has parameters, and the first modules with parameters only accumulate their parameter gradients.
 * {@link #toDot()} and {@link #toSvg()} draw the graph with the shapes of the last forward.
 */
public class Graph extends Module {
    public static final ModuleType<Graph> TYPE = ModuleType.container("Graph", Graph.class, GraphSpec::args,
            GraphSpec::build);

    static { ModuleRegistry.register(TYPE); }

    private final Plan plan;
    private List<Module> modules;
    private GraphRun run; // runtime state of this object (buffers, per-use clones); null until the first forward

    /** A graph with one input and one output. */
    public Graph(Node input, Node output) { this(List.of(input), List.of(output)); }

    /** A graph with these inputs (in the order of the input table) and outputs (in the order of the output table). */
    public Graph(List<Node> inputs, List<Node> outputs) {
        List<Module> ms = new ArrayList<>();
        this.plan = Plan.compile(inputs, outputs, ms);
        this.modules = ms;
    }

    Plan plan() { return plan; }

    List<Module> moduleList() { return modules; }

    /** The number of nodes (inputs, module nodes and split entries). */
    public int nodeCount() { return plan.size(); }

    /** Number of graph inputs. */
    public int inputCount() { return plan.inputs.length; }

    /** Number of graph outputs. */
    public int outputCount() { return plan.outputs.length; }

    int outputArity() { return plan.outputArity; }

    /** The distinct modules of the graph, each once, in order of first use. */
    @Override public List<Module> children() { return Collections.unmodifiableList(modules); }

    private GraphRun run() {
        if (run == null) run = new GraphRun(this, plan, modules);
        return run;
    }

    @Override public Activity updateOutput(Activity input) { return run().forward(input); }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        return run().backward(gradOutput, GraphRun.GRAD, 0, gradInputNeeded);
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        GraphRun r = run();
        if (!r.gradsReady()) r.backward(gradOutput, GraphRun.GRAD, 0, gradInputNeeded);
        r.backward(gradOutput, GraphRun.ACC, scale, gradInputNeeded);
    }

    @Override public Activity backward(Activity input, Activity gradOutput, double scale) {
        requireForward("backward");
        gradInput = run().backward(gradOutput, GraphRun.BOTH, scale, gradInputNeeded);
        return gradInput;
    }

    /** The output of node {@code i} (in {@link #toString()}'s numbering) at the last forward, or null. */
    public Activity nodeOutput(int i) { return run == null ? null : run.output(i); }

    @Override protected void clearOwnState() { run = null; }

    @Override protected void copyChildren(boolean shareWeights, boolean shareGradients) {
        List<Module> copies = new ArrayList<>(modules.size());
        for (Module m : modules) copies.add(shareWeights ? m.sharedClone(shareGradients) : m.clone());
        modules = copies;
    }

    @Override public Graph clone() { return (Graph) super.clone(); }

    /** Graphviz DOT text of this graph (nodes, labels, the shapes of the last forward, edges). */
    public String toDot() { return GraphDrawing.dot(this); }

    /** A self-contained SVG drawing of this graph (layered layout; no Graphviz needed). */
    public String toSvg() { return GraphDrawing.svg(this); }

    /** Shape description of node i's last output, or "-" before any forward. */
    String shapeOf(int i) { return Grads.describe(nodeOutput(i)); }

    @Override public String name() { return "Graph"; }

    /** Torch7-style listing: one line per node, {@code (3) Linear(8 -> 4) 'dec' <- (2)}, then the outputs. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder("nn.Graph {");
        for (int i = 0; i < plan.size(); i++) {
            sb.append("\n  (").append(i).append(") ");
            if (plan.kind[i] == Node.Kind.MODULE) sb.append(modules.get(plan.module[i]).toString().replace("\n", "\n  "));
            else sb.append(plan.kind[i] == Node.Kind.INPUT ? "input " + indexOf(plan.inputs, i) : "entry "
                    + plan.entry[i] + " of " + plan.splitSize[i]);
            if (plan.label[i] != null) sb.append(" '").append(plan.label[i]).append('\'');
            if (plan.use[i] > 0) sb.append(" (shared, use ").append(plan.use[i] + 1).append(')');
            for (int j = 0; j < plan.in[i].length; j++) sb.append(j == 0 ? " <- (" : ", (").append(plan.in[i][j]).append(')');
        }
        sb.append("\n  outputs:");
        for (int o : plan.outputs) sb.append(" (").append(o).append(')');
        return sb.append("\n}").toString();
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        return -1;
    }

    /** The output table of a multi-output graph, or the single output. */
    static Activity pack(Table buf, Activity[] values, int[] idx) {
        if (idx.length == 1) return values[idx[0]];
        for (int k = 0; k < idx.length; k++) buf.set(k, values[idx[k]]);
        buf.truncate(idx.length);
        return buf;
    }
}
