package jtorch.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import jtorch.backend.Backends;
import jtorch.nn.ConcatTable;
import jtorch.nn.Jacobian;
import jtorch.nn.JacobianReport;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.activation.Sigmoid;
import jtorch.nn.activation.Tanh;
import jtorch.nn.layer.Linear;
import jtorch.nn.table.CAddTable;
import jtorch.nn.table.CMulTable;
import jtorch.nn.table.JoinTable;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Random graphs (fan-out, fan-in through CAddTable / CMulTable / JoinTable, modules shared between nodes, table splits,
 * one or two inputs and outputs), each one's backward checked against central finite differences in F64; and the
 * same network as Sequential and as Graph.
 */
class GraphRandomDagTest {
    private static final int GRAPHS = 300, D = 3, B = 2;

    /** Builds random graph number {@code seed}; returns it with its input. */
    static Object[] randomGraph(long seed) {
        Random r = new Random(seed);
        Generator.manualSeed(seed);
        int nIn = 1 + r.nextInt(2);
        List<Node> inputs = new ArrayList<>(), pool = new ArrayList<>();
        List<Linear> shared = new ArrayList<>();
        for (int i = 0; i < nIn; i++) { Node x = Node.input("x" + i); inputs.add(x); pool.add(x); }
        int steps = 2 + r.nextInt(6);
        for (int s = 0; s < steps; s++) {
            Node a = pick(r, pool), b = pick(r, pool);
            Node n = switch (r.nextInt(7)) {
                case 0, 1 -> {
                    Linear l = !shared.isEmpty() && r.nextInt(3) == 0 ? shared.get(r.nextInt(shared.size())) : new Linear(D, D);
                    if (!shared.contains(l)) shared.add(l);
                    yield Node.of(l, a);
                }
                case 2 -> Node.of(r.nextBoolean() ? new Tanh() : new Sigmoid(), a);
                case 3 -> Node.of(new CAddTable(), a, b, pick(r, pool)); // a node may appear twice: gradients add
                case 4 -> Node.of(new CMulTable(), a, b);
                case 5 -> Node.of(new Linear(2 * D, D), Node.of(new JoinTable(1), a, b));
                default -> {
                    Node[] parts = Node.of(new ConcatTable().add(new Linear(D, D)).add(new Tanh()).add(new Sigmoid()), a).split(3);
                    pool.add(parts[0]);
                    yield r.nextBoolean() ? parts[2] : Node.of(new CAddTable(), parts[1], parts[2]);
                }
            };
            pool.add(n);
        }
        Node last = pool.getLast();
        List<Node> terms = new ArrayList<>(List.of(last));
        IdentityHashMap<Node, Boolean> reached = new IdentityHashMap<>();
        ancestors(last, reached);
        for (Node x : inputs) if (!reached.containsKey(x)) terms.add(x);
        Node out = terms.size() == 1 ? last : Node.of(new CAddTable(), terms.toArray(Node[]::new));
        List<Node> outputs = new ArrayList<>(List.of(out));
        if (r.nextBoolean() && pool.size() > 2) outputs.add(pool.get(nIn + r.nextInt(pool.size() - nIn)));
        Graph g = new Graph(inputs, outputs).to(DType.F64);
        List<Activity> xs = new ArrayList<>();
        for (int i = 0; i < nIn; i++) xs.add(Tensor.randn(DType.F64, new Generator(seed * 7 + i), B, D).to(Backends.ref()));
        return new Object[] {g, nIn == 1 ? xs.getFirst() : Table.of(xs)};
    }

    private static void ancestors(Node n, IdentityHashMap<Node, Boolean> seen) {
        if (seen.put(n, true) != null) return;
        for (Node u : n.inputs()) ancestors(u, seen);
    }

    /** A recent node mostly (deep graphs), any node sometimes (fan-out, long skips). */
    private static Node pick(Random r, List<Node> pool) {
        return r.nextInt(3) == 0 ? pool.get(r.nextInt(pool.size())) : pool.get(pool.size() - 1 - r.nextInt(Math.min(2, pool.size())));
    }

    @Test void randomGraphsPassTheFiniteDifferenceCheck() {
        int shared = 0, splits = 0, twoOut = 0;
        for (int seed = 0; seed < GRAPHS; seed++) {
            Object[] gx = randomGraph(seed);
            Graph g = (Graph) gx[0];
            JacobianReport rep = Jacobian.check(g, (Activity) gx[1]);
            assertTrue(rep.passes(Jacobian.TOLERANCE), "graph " + seed + ":\n" + g + "\n" + rep);
            String s = g.toString();
            if (s.contains("(shared, use")) shared++;
            if (s.contains("entry ")) splits++;
            if (g.outputCount() > 1) twoOut++;
        }
        assertTrue(shared > 20 && splits > 20 && twoOut > 50, "coverage: " + shared + " with shared modules, " + splits
                + " with splits, " + twoOut + " with two outputs");
    }

    @Test void sequentialAndGraphGiveTheSameOutputsAndGradients() {
        Generator.manualSeed(4);
        Sequential seq = new Sequential(new Linear(20, 16), new ReLU(), new Linear(16, 12), new Tanh(), new Linear(12, 5),
                new LogSoftMax());
        Node x = Node.input();
        Node h = x;
        for (Module m : seq.children()) h = h.then(m.clone());
        Graph g = new Graph(x, h);
        Tensor in = Tensor.randn(new Generator(5), 8, 20), gy = Tensor.randn(new Generator(6), 8, 5);
        for (Module net : List.of(seq, g)) net.zeroGradParameters();
        Tensor ys = seq.forward(in).tensor(), yg = g.forward(in).tensor();
        assertArrayEquals(ys.toFloatArray(), yg.toFloatArray());
        assertArrayEquals(seq.backward(in, gy).tensor().toFloatArray(), g.backward(in, gy).tensor().toFloatArray());
        assertArrayEquals(seq.getParameters().gradients().toFloatArray(), g.getParameters().gradients().toFloatArray());
        // and with the input gradient switched off (the training loop's setting)
        seq.gradInputNeeded(false);
        g.gradInputNeeded(false);
        for (Module net : List.of(seq, g)) { net.zeroGradParameters(); net.forward(in); net.backward(in, gy); }
        assertArrayEquals(seq.getParameters().gradients().toFloatArray(), g.getParameters().gradients().toFloatArray());
    }
}
