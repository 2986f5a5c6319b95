package jtorch.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jtorch.nn.ConcatTable;
import jtorch.nn.Sequential;
import jtorch.nn.activation.Tanh;
import jtorch.nn.layer.Identity;
import jtorch.nn.layer.Linear;
import jtorch.nn.table.CAddTable;
import jtorch.nn.table.SplitTable;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Wiring errors are found when the graph is built (not at the first forward), and name the nodes. */
class GraphErrorsTest {

    private static void fails(Executable e, String... parts) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        for (String p : parts) assertTrue(x.getMessage().contains(p), "'" + x.getMessage() + "' should contain '" + p + "'");
    }

    @Test void cycle() {
        Node x = Node.input();
        Node a = Node.of(new Linear(4, 4)).label("a");
        Node b = Node.of(new CAddTable(), a, x).label("b");
        a.from(Node.of(new Tanh(), b).label("t"));
        fails(() -> new Graph(x, b), "cycle", "CAddTable 'b' <- Linear(4 -> 4) 'a' <- Tanh 't' <- CAddTable 'b'");
    }

    @Test void unusedInput() {
        Node x = Node.input("x"), y = Node.input("y");
        fails(() -> new Graph(List.of(x, y), List.of(x.then(new Tanh()))), "input 1 (Input 'y') is not used by any output");
    }

    @Test void outputWithoutInput() {
        Node x = Node.input();
        Node loose = Node.of(new Linear(2, 2)).label("loose");
        Node sum = Node.of(new CAddTable(), x.then(new Tanh()), loose).label("sum");
        fails(() -> new Graph(x, sum), "output 0 (CAddTable 'sum') does not depend on any input",
                "Linear(2 -> 2) 'loose' has no inputs");
        Node other = Node.input("other");
        fails(() -> new Graph(x, Node.of(new CAddTable(), x, other)), "depends on Input 'other', which is not one of"
                + " the graph's inputs");
    }

    @Test void splitOfTheWrongSize() {
        Node x = Node.input();
        Node two = Node.of(new ConcatTable().add(new Identity()).add(new Tanh()), x).label("pair");
        fails(() -> two.split(3), "ConcatTable 'pair'.split(3): its output is a table of 2 entries, not 3");
        fails(() -> x.then(new Linear(2, 2)).label("lin").split(2), "Linear(2 -> 2) 'lin'.split(2): its output is a tensor");
        fails(() -> Node.of(new Sequential(new Linear(2, 2), new ConcatTable().add(new Tanh())), x).split(2),
                "a table of 1 entries, not 2");
        // a ConcatTable that grows after the split: found by the graph's constructor
        ConcatTable c = new ConcatTable().add(new Identity()).add(new Tanh());
        Node[] parts = Node.of(c, x).label("grown").split(2);
        c.add(new Tanh());
        fails(() -> new Graph(x, Node.of(new CAddTable(), parts[0], parts[1])), "ConcatTable 'grown' is split into 2"
                + " entries, but its output is a table of 3 entries");
    }

    @Test void splitSizeUnknownUntilForwardIsCheckedThereWithNames() {
        Node x = Node.input("seq");
        Node[] parts = Node.of(new SplitTable(1), x).label("steps").split(2);
        Graph g = new Graph(x, Node.of(new CAddTable(), parts[0], parts[1]));
        assertEquals(new jtorch.tensor.Shape(new int[] {3, 4}), g.forward(Tensor.zeros(3, 2, 4)).tensor().shape());
        fails(() -> g.forward(Tensor.zeros(3, 5, 4)), "SplitTable(1) 'steps') is split into 2 entries, but its output is"
                + " a table of 5 entries");
    }

    @Test void errorsInsideANodeNameIt() {
        Node x = Node.input();
        Graph g = new Graph(x, x.then(new Tanh()).then(new Linear(3, 2)).label("head"));
        fails(() -> g.forward(Tensor.zeros(2, 4)), "Graph node 2 Linear(3 -> 2) 'head': Linear(3 -> 2): expected input"
                + " [B, 3], got [2, 4]");
    }

    @Test void moduleInsideAnotherNodesModule() {
        Linear l = new Linear(2, 2);
        Node x = Node.input();
        fails(() -> new Graph(x, Node.of(new Sequential(l, new Tanh()), Node.of(l, x))), "Linear(2 -> 2) is a node's"
                + " module and also inside Sequential");
    }

    @Test void wrongInputs() {
        Node x = Node.input();
        fails(() -> new Graph(List.of(x, x), List.of(x.then(new Tanh()))), "input 1 (Input) is listed twice");
        Node h = x.then(new Tanh());
        fails(() -> new Graph(h, h), "input 0 (Tanh) is not an input node");
        assertThrows(IllegalStateException.class, () -> h.from(x));
    }
}
