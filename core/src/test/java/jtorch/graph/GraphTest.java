package jtorch.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jtorch.backend.Backends;
import jtorch.nn.ConcatTable;
import jtorch.nn.Jacobian;
import jtorch.nn.Module;
import jtorch.nn.activation.Sigmoid;
import jtorch.nn.activation.Tanh;
import jtorch.nn.layer.Dropout;
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

class GraphTest {

    static Tensor randn(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()); }

    /** y = x + W2 tanh(W1 x + b1) + b2: a skip connection. */
    static Graph residual(Linear a, Linear b) {
        Node x = Node.input("x");
        Node h = Node.of(a, x).label("enc").then(new Tanh());
        return new Graph(x, Node.of(new CAddTable(), Node.of(b, h), x));
    }

    @Test void skipConnectionMatchesHandComputationAndJacobian() {
        Linear a = new Linear(3, 4), b = new Linear(4, 3);
        Graph g = residual(a, b).to(DType.F64);
        Tensor x = randn(1, 2, 3);
        Tensor y = g.forward(x).tensor();
        Tensor want = b.forward(a.forward(x).tensor().tanh()).tensor().add(x);
        assertArrayEquals(want.toDoubleArray(), y.toDoubleArray(), 1e-12);
        Jacobian.check(g, x).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void severalInputsOutputsAndATableSplit() {
        Node a = Node.input("a"), b = Node.input("b");
        Node sum = Node.of(new CAddTable(), a, b);
        Node[] two = Node.of(new ConcatTable().add(new Linear(3, 2)).add(new Tanh()), sum).split(2);
        Node prod = Node.of(new CMulTable(), two[1], b);
        Node joined = Node.of(new JoinTable(1), two[0], prod);
        Graph g = new Graph(List.of(a, b), List.of(joined, two[1])).to(DType.F64);
        Table in = Table.of(randn(2, 2, 3), randn(3, 2, 3));
        Table out = g.forward(in).table();
        assertArrayEquals(new int[] {2, 5}, out.tensor(0).sizes());
        assertArrayEquals(new int[] {2, 3}, out.tensor(1).sizes());
        Jacobian.check(g, in).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void anUnusedSplitEntryGetsAZeroGradient() {
        Node x = Node.input();
        Node[] parts = Node.of(new ConcatTable().add(new Linear(3, 2)).add(new Linear(3, 4)), x).split(2);
        Graph g = new Graph(x, parts[1].then(new Sigmoid())).to(DType.F64);
        Jacobian.check(g, randn(4, 3, 3)).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void oneModuleAtTwoPlacesSharesWeightsAndAddsGradients() {
        Linear l = new Linear(3, 3);
        Node x = Node.input();
        Node twice = Node.of(l, Node.of(new Tanh(), Node.of(l, x)));
        Graph g = new Graph(x, twice).to(DType.F64);
        assertEquals(2, g.children().size(), "the shared Linear is listed once (plus Tanh)");
        assertEquals(12, g.getParameters().weights().numel());
        Tensor x0 = randn(5, 2, 3);
        Jacobian.check(g, x0).assertBelow(Jacobian.TOLERANCE);
        // the same by hand: two Linears with identical weights, gradients summed
        Linear l1 = l.clone(), l2 = l.clone();
        Tensor h = l1.forward(x0).tensor().tanh();
        Tensor y = l2.forward(h).tensor();
        Tensor gy = randn(6, 2, 3);
        Tensor gh = l2.backward(h, gy);
        l1.backward(x0, gh.mul(h.square().neg().add(1)));
        g.zeroGradParameters();
        assertArrayEquals(y.toDoubleArray(), g.forward(x0).tensor().toDoubleArray(), 1e-12);
        g.backward(x0, gy);
        assertArrayEquals(l1.gradWeight().add(l2.gradWeight()).toDoubleArray(), l.gradWeight().toDoubleArray(), 1e-12);
        assertArrayEquals(l1.gradBias().add(l2.gradBias()).toDoubleArray(), l.gradBias().toDoubleArray(), 1e-12);
    }

    @Test void sharingSurvivesGetParametersAndDtypeConversionAfterAForward() {
        Linear l = new Linear(2, 2);
        Node x = Node.input();
        Graph g = new Graph(x, Node.of(l, Node.of(l, x)));
        g.forward(Tensor.ones(1, 2)); // the second use's clone exists now
        var flat = g.getParameters();
        flat.weights().fillInPlace(0);
        flat.weights().narrow(0, 4, 2).fillInPlace(1); // bias = 1, weight = 0
        assertArrayEquals(new float[] {1, 1}, g.forward(Tensor.ones(1, 2)).tensor().toFloatArray());
        flat.weights().narrow(0, 0, 4).copy(Tensor.of(new float[] {1, 0, 0, 1}, 4)); // W = I: both uses pass g on
        g.to(DType.F64);
        Tensor x0 = randn(13, 3, 2);
        assertEquals(DType.F64, g.forward(x0).tensor().dtype());
        Jacobian.check(g, x0).assertBelow(Jacobian.TOLERANCE);
        g.zeroGradParameters();
        g.forward(x0);
        g.backward(x0, Tensor.ones(DType.F64, 3, 2).to(Backends.ref()));
        assertEquals(2 * 3 * 2, l.gradBias().sum(), 1e-12, "both uses add to the one bias gradient (3 rows each)");
    }

    @Test void evaluateOnAnEnclosingContainerReachesEveryUse() {
        Dropout d = new Dropout(0.5);
        Node x = Node.input();
        jtorch.nn.Sequential s = new jtorch.nn.Sequential(new Graph(x, Node.of(d, Node.of(d, x))));
        Tensor x0 = Tensor.ones(4, 50);
        s.forward(x0);
        s.evaluate();
        assertArrayEquals(x0.toFloatArray(), s.forward(x0).tensor().toFloatArray());
    }

    @Test void evaluateReachesEveryUseOfASharedModule() {
        Dropout d = new Dropout(0.5);
        Node x = Node.input();
        Graph g = new Graph(x, Node.of(d, Node.of(d, x)));
        Tensor x0 = Tensor.ones(4, 50);
        g.forward(x0);
        g.evaluate();
        assertArrayEquals(x0.toFloatArray(), g.forward(x0).tensor().toFloatArray(), "evaluation: identity at both uses");
        g.training();
        assertTrue(g.forward(x0).tensor().eq(0).sum() > 0, "training: dropping again");
    }

    @Test void splitBackwardEqualsFullBackward() {
        Graph g = residual(new Linear(3, 4), new Linear(4, 3)).to(DType.F64);
        Graph h = g.clone();
        Tensor x = randn(7, 2, 3), gy = randn(8, 2, 3);
        g.zeroGradParameters();
        h.zeroGradParameters();
        g.forward(x);
        Tensor gi = g.backward(x, gy).tensor().clone();
        h.forward(x);
        Tensor hi = h.updateGradInput(x, gy).tensor().clone();
        h.accGradParameters(x, gy, 1);
        assertArrayEquals(gi.toDoubleArray(), hi.toDoubleArray(), 1e-12);
        assertArrayEquals(g.getParameters().gradients().toDoubleArray(), h.getParameters().gradients().toDoubleArray(), 1e-12);
    }

    @Test void splitBackwardWithoutInputGradientAndAContainerFirst() {
        Node x = Node.input();
        Graph g = new Graph(x, Node.of(new jtorch.nn.Sequential(new Linear(3, 4), new Tanh()), x).then(new Linear(4, 2)))
                .to(DType.F64);
        Graph h = g.clone().gradInputNeeded(false);
        Tensor x0 = randn(14, 2, 3), gy = randn(15, 2, 2);
        for (Graph n : List.of(g, h)) { n.zeroGradParameters(); n.forward(x0); }
        g.backward(x0, gy);
        assertNull(h.updateGradInput(x0, gy));
        h.accGradParameters(x0, gy, 1);
        assertArrayEquals(g.getParameters().gradients().toDoubleArray(), h.getParameters().gradients().toDoubleArray(), 1e-12);
    }

    @Test void withoutInputGradientTheParameterGradientsAreTheSame() {
        Graph g = residual(new Linear(3, 4), new Linear(4, 3)).to(DType.F64);
        Graph h = g.clone().gradInputNeeded(false);
        Tensor x = randn(9, 2, 3), gy = randn(10, 2, 3);
        g.zeroGradParameters();
        h.zeroGradParameters();
        g.forward(x);
        g.backward(x, gy);
        h.forward(x);
        assertNull(h.backward(x, gy));
        assertArrayEquals(g.getParameters().gradients().toDoubleArray(), h.getParameters().gradients().toDoubleArray(), 1e-12);
    }

    @Test void clonesCopyAndSharedClonesShare() {
        Linear a = new Linear(3, 4);
        Graph g = residual(a, new Linear(4, 3));
        Tensor x = Tensor.randn(new Generator(3), 2, 3);
        Tensor y = g.forward(x).tensor().clone();
        Graph c = g.clone(), s = g.sharedClone(false);
        assertArrayEquals(y.toFloatArray(), c.forward(x).tensor().toFloatArray());
        assertArrayEquals(y.toFloatArray(), s.forward(x).tensor().toFloatArray());
        assertNotSame(g.children().get(0), c.children().get(0));
        a.weight().fillInPlace(0);
        assertArrayEquals(y.toFloatArray(), c.forward(x).tensor().toFloatArray(), "a deep copy keeps its weights");
        assertArrayEquals(g.forward(x).tensor().toFloatArray(), s.forward(x).tensor().toFloatArray(), "shared weights");
        assertSame(((Linear) g.children().get(0)).weight(), ((Linear) s.children().get(0)).weight());
    }

    @Test void sharedClonesRunInParallelThreads() throws Exception {
        Linear l = new Linear(3, 3);
        Node x = Node.input();
        Graph g = new Graph(x, Node.of(l, Node.of(l, x).then(new Tanh())));
        Tensor x0 = Tensor.randn(new Generator(8), 16, 3);
        float[] want = g.forward(x0).tensor().toFloatArray();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<float[]>> fs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Graph c = g.sharedClone(false);
                fs.add(pool.submit(() -> {
                    float[] last = null;
                    for (int k = 0; k < 50; k++) last = c.forward(x0).tensor().toFloatArray();
                    return last;
                }));
            }
            for (var f : fs) assertArrayEquals(want, f.get());
        } finally {
            pool.shutdown();
        }
    }

    @Test void listingAndDot() {
        Graph g = residual(new Linear(3, 4), new Linear(4, 3));
        g.forward(Tensor.zeros(2, 3));
        String s = g.toString();
        assertTrue(s.startsWith("nn.Graph {\n  (0) input 0 'x'\n  (1) nn.Linear(3 -> 4) 'enc' <- (0)"), s);
        assertTrue(s.contains("nn.CAddTable <- (3), (0)") && s.endsWith("outputs: (4)\n}"), s);
        String dot = g.toDot();
        assertTrue(dot.contains("n1 [label=\"(1) Linear(3 -> 4) 'enc'\\n[2, 4]\"];") && dot.contains("n0 -> n4;"), dot);
    }

    @Test void tableOutputsOfANestedGraphSplit() {
        Node x = Node.input();
        Graph inner = new Graph(List.of(x), List.of(x.then(new Tanh()), x.then(new Sigmoid())));
        Node y = Node.input();
        Node[] parts = Node.of(inner, y).split(2);
        Graph g = new Graph(y, Node.of(new CMulTable(), parts[0], parts[1])).to(DType.F64);
        Activity out = g.forward(randn(11, 2, 2));
        assertArrayEquals(new int[] {2, 2}, out.tensor().sizes());
        Jacobian.check(g, randn(12, 2, 3)).assertBelow(Jacobian.TOLERANCE);
    }

}
