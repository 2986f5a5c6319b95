package jtorch.nn;

import static jtorch.nn.Jacobian.TOLERANCE;
import static jtorch.nn.Jacobian.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.activation.Tanh;
import jtorch.nn.layer.Dropout;
import jtorch.nn.layer.Identity;
import jtorch.nn.layer.Linear;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ContainersTest {

    static Tensor randn64(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()); }

    static void assertClose(Tensor expected, Activity actual) {
        Tensor a = actual.toTensor("test");
        assertArrayEquals(expected.sizes(), a.sizes());
        assertArrayEquals(expected.toDoubleArray(), a.toDoubleArray(), 1e-12);
    }

    /** Test-only table module: y = Σ_i x_i (all entries the same shape). */
    static final class SumTable extends Module {
        @Override public Activity updateOutput(Activity input) {
            Table t = input.toTable(name());
            Tensor y = t.tensor(0).clone();
            for (int i = 1; i < t.size(); i++) y.addInPlace(t.tensor(i));
            return y;
        }

        @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
            Table t = input.toTable(name()), g = Table.of();
            for (int i = 0; i < t.size(); i++) g.set(i, gradOutput.toTensor(name()).clone());
            return g;
        }
    }

    @Test
    void concatForwardIsTheChildOutputsSideBySide() {
        Generator.manualSeed(1);
        Linear a = new Linear(4, 3), b = new Linear(4, 2);
        Concat c = new Concat(1).add(a).add(b).add(new Tanh());
        c.to(DType.F64);
        Tensor x = randn64(2, 5, 4);
        Tensor y = c.forward(x);
        assertArrayEquals(new int[] {5, 9}, y.sizes());
        assertClose(a.forward(x), y.narrow(1, 0, 3));
        assertClose(b.forward(x), y.narrow(1, 3, 2));
        assertClose(x.tanh(), y.narrow(1, 5, 4));
        // gradInput = sum of the children's gradInputs
        Tensor g = randn64(3, 5, 9);
        Tensor gi = c.backward(x, g).clone();
        Tensor expect = g.narrow(1, 0, 3).mm(a.weight()).add(g.narrow(1, 3, 2).mm(b.weight()))
                .add(g.narrow(1, 5, 4).mul(x.tanh().square().mul(-1).add(1)));
        assertClose(expect, gi);
    }

    @Test
    void concatInF32OnTheDefaultBackEndMatchesF64() {
        Generator.manualSeed(12);
        Module c32 = new Concat(1).add(new Linear(5, 3)).add(new Linear(5, 4)).add(new Tanh());
        Module c64 = c32.clone().to(DType.F64);
        Tensor x = Tensor.randn(new Generator(13), 7, 5), g = Tensor.randn(new Generator(14), 7, 12);
        Tensor y = c32.forward(x).tensor(), y64 = c64.forward(x.to(DType.F64)).tensor();
        assertArrayEquals(y64.toDoubleArray(), y.toDoubleArray(), 1e-5);
        Tensor gi = c32.backward(x, g).tensor(), gi64 = c64.backward(x.to(DType.F64), g.to(DType.F64)).tensor();
        assertArrayEquals(gi64.toDoubleArray(), gi.toDoubleArray(), 1e-5);
        assertArrayEquals(c64.getParameters().gradients().toDoubleArray(), c32.getParameters().gradients().toDoubleArray(), 1e-5);
    }

    @Test
    void concatJacobiansAlongEveryDimension() {
        Generator.manualSeed(4);
        Concat c1 = (Concat) new Concat(1).add(new Linear(4, 3)).add(new Linear(4, 2)).add(new Identity()).to(DType.F64);
        check(c1, randn64(5, 3, 4)).assertBelow(TOLERANCE);
        Concat c0 = (Concat) new Concat(0).add(new Linear(4, 3)).add(new Tanh()).add(new Linear(4, 3)).to(DType.F64);
        Tensor x = randn64(6, 2, 3);
        Concat c0b = (Concat) new Concat(0).add(new Tanh()).add(new Identity()).to(DType.F64);
        assertArrayEquals(new int[] {4, 3}, c0b.forward(x).sizes());
        check(c0b, x).assertBelow(TOLERANCE);
        assertThrows(IllegalArgumentException.class, () -> c0.forward(randn64(7, 2, 4))); // [2,3] vs [2,4] outputs
    }

    @Test
    void concatOfATableInputSumsTableGradients() {
        Generator.manualSeed(5);
        Module c = new Concat(1).add(new SumTable()).add(new Sequential().add(new ParallelTable().add(new Linear(3, 3))
                .add(new Tanh())).add(new SumTable())).to(DType.F64);
        Table x = Table.of(randn64(8, 2, 3), randn64(9, 2, 3));
        assertArrayEquals(new int[] {2, 6}, c.forward(x).toTensor("y").sizes());
        check(c, x).assertBelow(TOLERANCE);
        assertEquals(2, c.backward(x, randn64(1, 2, 6)).toTable("gi").size());
    }

    @Test
    void concatTableDuplicatesTheInput() {
        Generator.manualSeed(6);
        Linear a = new Linear(3, 2);
        ConcatTable c = new ConcatTable().add(a).add(new Identity()).add(new Tanh());
        c.to(DType.F64);
        Tensor x = randn64(10, 4, 3);
        Table y = c.forward((Activity) x).toTable("y");
        assertEquals(3, y.size());
        assertClose(a.forward(x), y.get(0));
        assertClose(x, y.get(1));
        Tensor g0 = randn64(11, 4, 2), g1 = randn64(12, 4, 3), g2 = randn64(13, 4, 3);
        Tensor gi = c.backward(x, Table.of(g0, g1, g2)).toTensor("gi");
        assertClose(g0.mm(a.weight()).add(g1).add(g2.mul(x.tanh().square().mul(-1).add(1))), gi);
        assertNotSame(g1, gi);
        assertClose(g1, Table.of(g0, g1, g2).tensor(1)); // the caller's gradOutput is not modified
        check(c, x).assertBelow(TOLERANCE);
    }

    @Test
    void concatTableOfTablesAndNestedContainers() {
        Generator.manualSeed(7);
        Module par = new ParallelTable().add(new Linear(3, 2)).add(new Tanh());
        Module c = new ConcatTable().add(par).add(new Identity()).add(new SumTable()).to(DType.F64);
        Table x = Table.of(randn64(14, 2, 3), randn64(15, 2, 3));
        Table y = c.forward((Activity) x).toTable("y");
        assertEquals(2, y.tensor(2).dim());
        check(c, x).assertBelow(TOLERANCE);
        Module net = new Sequential().add(new ConcatTable().add(new Linear(3, 4)).add(new Linear(3, 2)))
                .add(new ParallelTable().add(new Tanh()).add(new Linear(2, 4))).add(new SumTable()).to(DType.F64);
        check(net, randn64(16, 5, 3)).assertBelow(TOLERANCE);
    }

    @Test
    void parallelTableMapsEntriesOneToOne() {
        Generator.manualSeed(8);
        Linear a = new Linear(3, 2);
        ParallelTable p = new ParallelTable().add(a).add(new Tanh());
        p.to(DType.F64);
        Tensor x0 = randn64(17, 4, 3), x1 = randn64(18, 4, 5);
        Table y = p.forward((Activity) Table.of(x0, x1)).toTable("y");
        assertClose(a.forward(x0), y.get(0));
        assertClose(x1.tanh(), y.get(1));
        Table gi = p.backward(Table.of(x0, x1), Table.of(randn64(1, 4, 2), randn64(2, 4, 5))).toTable("gi");
        assertArrayEquals(new int[] {4, 3}, gi.tensor(0).sizes());
        assertArrayEquals(new int[] {4, 5}, gi.tensor(1).sizes());
        check(p, Table.of(x0, x1)).assertBelow(TOLERANCE);
    }

    @Test
    void backwardScaleAndAccumulation() {
        Generator.manualSeed(9);
        Linear a = new Linear(3, 2);
        Module c = new Concat(1).add(a).add(new Linear(3, 1)).to(DType.F64);
        Tensor x = randn64(19, 4, 3), g = randn64(20, 4, 3);
        c.zeroGradParameters();
        c.forward(x);
        c.backward(x, g, 1);
        Tensor once = a.gradWeight().clone();
        c.zeroGradParameters();
        c.backward(x, g, 0.5);
        assertClose(once.mul(0.5), a.gradWeight());
        c.updateGradInput(x, g);
        c.accGradParameters(x, g, 0.5); // the split calls accumulate like backward
        assertClose(once, a.gradWeight());
    }

    @Test
    void sharedClonesAndFlatParametersThroughTheContainers() {
        Generator.manualSeed(10);
        Linear lin = new Linear(3, 2);
        ConcatTable ct = new ConcatTable().add(lin).add(lin.sharedClone(true)).add(new Linear(3, 1));
        Sequential net = new Sequential().add(ct).add(new ParallelTable().add(new Tanh()).add(new Identity()).add(new Tanh()));
        FlatParameters fp = net.getParameters();
        assertEquals(3 * 2 + 2 + 3 + 1, fp.weights().numel()); // the shared Linear counted once
        fp.weights().fillInPlace(0.125);
        assertEquals(0.125, ((Linear) ct.get(1)).weight().get(1, 2));
        assertSame(lin.weight(), ((Linear) ct.get(1)).weight());
        Sequential copy = (Sequential) net.sharedClone(false);
        ConcatTable ct2 = (ConcatTable) copy.get(0);
        assertSame(lin.weight(), ((Linear) ct2.get(0)).weight());
        assertNotSame(lin.gradWeight(), ((Linear) ct2.get(0)).gradWeight());
        Tensor x = Tensor.randn(new Generator(3), 2, 3);
        Table y1 = net.forward((Activity) x).toTable("y"), y2 = copy.forward((Activity) x).toTable("y");
        assertNotSame(y1, y2);
        for (int i = 0; i < 3; i++) assertArrayEquals(y1.tensor(i).toFloatArray(), y2.tensor(i).toFloatArray());
        Module deep = net.clone();
        assertNotSame(lin.weight(), ((Linear) ((ConcatTable) ((Sequential) deep).get(0)).get(0)).weight());
        // shared weights and shared gradients: the gradient sums both branches, the jacobian sees that
        Module net64 = net.to(DType.F64);
        check(new Sequential().add(net64).add(new SumTableNoCheck()), randn64(21, 2, 3).clone()).assertBelow(TOLERANCE);
    }

    /** Sums entries 0 and 1 of a 3-table of [B,2],[B,2],[B,1] tensors into [B,2] plus broadcast entry 2. */
    static final class SumTableNoCheck extends Module {
        @Override public Activity updateOutput(Activity input) {
            Table t = input.toTable(name());
            return t.tensor(0).add(t.tensor(1)).add(t.tensor(2));
        }

        @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
            Tensor g = gradOutput.toTensor(name());
            return Table.of(g.clone(), g.clone(), g.sum(1));
        }
    }

    @Test
    void modesPropagateToChildren() {
        Dropout d = new Dropout(0.5);
        ConcatTable c = new ConcatTable().add(new Concat(1).add(d)).add(new ParallelTable());
        c.evaluate();
        assertTrue(!d.isTraining());
        c.training();
        assertTrue(d.isTraining());
    }

    @Test
    void badInputsAreRejectedWithoutUpdating() {
        Generator.manualSeed(11);
        Linear a = new Linear(3, 2);
        ParallelTable p = new ParallelTable().add(a).add(new Tanh());
        var e = assertThrows(IllegalArgumentException.class,
                () -> p.forward((Activity) Table.of(Tensor.zeros(2, 3), Tensor.zeros(2, 3), Tensor.zeros(2, 3))));
        assertTrue(e.getMessage().contains("ParallelTable") && e.getMessage().contains("3 entries"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.forward(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("ParallelTable") && e.getMessage().contains("[2, 3]"), e.getMessage());
        Table x = Table.of(Tensor.zeros(2, 3), Tensor.zeros(2, 3));
        p.forward((Activity) x);
        Tensor gw = a.gradWeight().clone();
        assertThrows(IllegalArgumentException.class, () -> p.backward(x, Table.of(Tensor.ones(2, 2))));
        assertArrayEquals(gw.toFloatArray(), a.gradWeight().toFloatArray());

        ConcatTable ct = new ConcatTable().add(a).add(new Identity());
        ct.forward((Activity) Tensor.ones(2, 3));
        e = assertThrows(IllegalArgumentException.class, () -> ct.backward(Tensor.ones(2, 3), Table.of(Tensor.ones(2, 2))));
        assertTrue(e.getMessage().contains("ConcatTable") && e.getMessage().contains("1 entries"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ct.backward(Tensor.ones(2, 3), Tensor.ones(2, 2)));
        assertArrayEquals(gw.toFloatArray(), a.gradWeight().toFloatArray());

        Concat c = new Concat(1).add(a).add(new Linear(3, 4));
        c.forward(Tensor.ones(2, 3));
        e = assertThrows(IllegalArgumentException.class, () -> c.backward(Tensor.ones(2, 3), Tensor.ones(2, 5)));
        assertTrue(e.getMessage().contains("Concat(1)") && e.getMessage().contains("[2, 5]")
                && e.getMessage().contains("[2, 6]"), e.getMessage());
        assertArrayEquals(gw.toFloatArray(), a.gradWeight().toFloatArray());
        e = assertThrows(IllegalArgumentException.class, () -> new Concat(2).add(new Identity()).forward(Tensor.ones(2, 3)));
        assertTrue(e.getMessage().contains("no dimension 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Concat(0).add(new Identity()).add(a).forward(Tensor.ones(3, 3)));
        assertTrue(e.getMessage().contains("[3, 2]") && e.getMessage().contains("[3, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConcatTable().forward(Tensor.ones(1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new Concat(-1));
    }

    @Test
    void toStringShowsTheTree() {
        Module m = new Concat(1).add(new Identity()).add(new ConcatTable().add(new Tanh()));
        assertEquals("nn.Concat(1) {\n  (0): nn.Identity\n  (1): nn.ConcatTable {\n    (0): nn.Tanh\n  }\n}", m.toString());
    }
}
