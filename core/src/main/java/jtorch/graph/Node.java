package jtorch.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jtorch.nn.Module;

/**
 * A place in a {@link Graph}: Torch7 nngraph's node. Three kinds:
 * <ul>
 *   <li>{@link #input()}: a graph input (its value is the graph's input, or entry i of it for the i-th input);</li>
 *   <li>{@link #of(Module, Node...)}: a module applied to the outputs of other nodes: with one input node the module
 *       gets that node's output itself, with several it gets the table {out_1, ..., out_n} (so
 *       {@code Node.of(new CAddTable(), a, b)} computes a + b);</li>
 *   <li>{@link #split(int)}: the n entries of a node whose output is a table, as n nodes (entry i of the table).</li>
 * </ul>
 * Nodes are created with their inputs, which already exist, so a graph written this way cannot have a cycle; a module
 * node created without inputs ({@code Node.of(module)}) is wired later, once, with {@link #from(Node...)} (for graphs
 * built in loops), and that is how a cycle could be made: {@link Graph}'s constructor finds it and names the nodes.
 * <p>Why a static factory and not {@code module.on(x)} (nngraph's {@code module(x)}): a method on {@link Module} would
 * make {@code jtorch.nn} depend on this package, which sits above it. {@link #then(Module)} reads left to right:
 * {@code x.then(new Linear(10, 20)).then(new Tanh())}.
 * <p>A node only describes wiring; the {@link Graph} built from it holds the computation. Using one module object in
 * two nodes shares its weights (see {@link Graph}).
 */
public final class Node {
    /** What a node computes. */
    public enum Kind { INPUT, MODULE, SELECT }

    private final Kind kind;
    private final Module module;
    private final int entry, splitSize; // SELECT: entry of its parent's table output, and the size of that split
    private List<Node> inputs;
    private String label;
    private Node[] splits;

    private Node(Kind kind, Module module, List<Node> inputs, int entry, int splitSize) {
        this.kind = kind;
        this.module = module;
        this.inputs = inputs;
        this.entry = entry;
        this.splitSize = splitSize;
    }

    /** A graph input. */
    public static Node input() { return new Node(Kind.INPUT, null, List.of(), -1, -1); }

    /** A graph input with a label (for messages and drawings). */
    public static Node input(String label) { return input().label(label); }

    /**
     * {@code module} applied to the outputs of {@code inputs} (one input: its output; several: the table of their
     * outputs in this order). With no inputs, the node must be wired once with {@link #from(Node...)}.
     */
    public static Node of(Module module, Node... inputs) {
        if (module == null) throw new IllegalArgumentException("Node.of: null module");
        for (int i = 0; i < inputs.length; i++) if (inputs[i] == null) throw new IllegalArgumentException("Node.of("
                + module.name() + "): input " + i + " is null");
        return new Node(Kind.MODULE, module, inputs.length == 0 ? null : List.of(inputs), -1, -1);
    }

    /** {@code Node.of(module, this)}: applies {@code module} to this node's output. */
    public Node then(Module module) { return of(module, this); }

    /** Wires a node made by {@code Node.of(module)} without inputs; allowed once. Returns this. */
    public Node from(Node... inputs) {
        if (kind != Kind.MODULE || this.inputs != null) throw new IllegalStateException(this + ": from(...) wires a"
                + " module node created without inputs, once; this node " + (kind != Kind.MODULE ? "is " + kind
                + "" : "has its inputs already"));
        if (inputs.length == 0) throw new IllegalArgumentException(this + ".from: needs at least one input node");
        for (int i = 0; i < inputs.length; i++) if (inputs[i] == null) throw new IllegalArgumentException(this
                + ".from: input " + i + " is null");
        this.inputs = List.of(inputs);
        return this;
    }

    /**
     * The {@code n} entries of this node's table output as nodes: entry i of the table. Throws here when the output
     * is known not to be a table of n entries (a tensor module, a ConcatTable of another size, a Graph with another
     * number of outputs, see {@link Arity}); otherwise the size is checked by {@link Graph}'s forward. Calling it again
     * with the same n returns the same nodes.
     */
    public Node[] split(int n) {
        if (n < 1) throw new IllegalArgumentException(this + ".split: n must be at least 1, got " + n);
        int known = Arity.of(this);
        if (known == Arity.TENSOR) throw new IllegalArgumentException(this + ".split(" + n + "): its output is a"
                + " tensor, not a table (split the output of a table module: ConcatTable, SplitTable, a Graph with"
                + " several outputs, ...)");
        if (known >= 0 && known != n) throw new IllegalArgumentException(this + ".split(" + n + "): its output is a"
                + " table of " + known + " entries, not " + n);
        if (splits != null && splits.length != n) throw new IllegalArgumentException(this + ".split(" + n + "): split"
                + " into " + splits.length + " entries already");
        if (splits == null) {
            splits = new Node[n];
            for (int i = 0; i < n; i++) splits[i] = new Node(Kind.SELECT, null, List.of(this), i, n);
        }
        return splits.clone();
    }

    /** Sets the label shown in messages, {@link Graph#toString()} and drawings; returns this. */
    public Node label(String label) { this.label = label == null || label.isEmpty() ? null : label; return this; }

    /** The user's label, or null. */
    public String label() { return label; }

    public Kind kind() { return kind; }

    /** The module of a MODULE node, else null. */
    public Module module() { return module; }

    /** The nodes this one reads (empty for an input, or for a module node not wired yet). */
    public List<Node> inputs() { return inputs == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(inputs)); }

    /** True for a module node created without inputs and not yet wired with {@link #from}. */
    boolean unwired() { return kind == Kind.MODULE && inputs == null; }

    /** SELECT: the entry of the parent's table. */
    int entry() { return entry; }

    /** SELECT: the number of entries the parent was split into. */
    int splitSize() { return splitSize; }

    /** Description for messages: {@code Linear(4 -> 3) 'encoder'}, {@code Input 'x'}, {@code entry 1 of 2 of ...}. */
    @Override public String toString() {
        String base = switch (kind) {
            case INPUT -> "Input";
            case MODULE -> module.name();
            case SELECT -> "entry " + entry + " of " + splitSize + " of " + inputs.getFirst();
        };
        return label == null ? base : base + " '" + label + "'";
    }
}
