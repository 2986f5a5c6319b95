package jtorch.nn.table;

import static jtorch.nn.Jacobian.TOLERANCE;
import static jtorch.nn.Jacobian.check;
import static jtorch.tensor.DType.F64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TableModulesTest {

    static Tensor randn(long seed, int... sizes) { return Tensor.randn(DType.F64, new Generator(seed), sizes).to(Backends.ref()); }

    static Tensor f64(double[] v, int... sizes) { return Tensor.of(v, sizes).to(Backends.ref()); }

    @Test
    void jacobians() {
        check(new CAddTable().to(F64), Table.of(randn(1, 2, 3), randn(2, 2, 3), randn(3, 2, 3))).assertBelow(TOLERANCE);
        check(new CSubTable().to(F64), Table.of(randn(4, 2, 3), randn(5, 2, 3))).assertBelow(TOLERANCE);
        check(new CMulTable().to(F64), Table.of(randn(6, 2, 3), randn(7, 2, 3), randn(8, 2, 3))).assertBelow(TOLERANCE);
        check(new CMaxTable().to(F64), Table.of(randn(9, 2, 3), randn(10, 2, 3), randn(11, 2, 3))).assertBelow(TOLERANCE);
        check(new CMinTable().to(F64), Table.of(randn(12, 2, 3), randn(13, 2, 3))).assertBelow(TOLERANCE);
        check(new JoinTable(1).to(F64), Table.of(randn(14, 2, 1, 3), randn(15, 2, 2, 3))).assertBelow(TOLERANCE);
        check(new JoinTable(0).to(F64), Table.of(randn(16, 1, 3), randn(17, 2, 3))).assertBelow(TOLERANCE);
        check(new JoinTable(-1).to(F64), Table.of(randn(18, 2, 3), randn(19, 2, 1))).assertBelow(TOLERANCE);
        check(new SplitTable(1).to(F64), randn(20, 2, 3, 2)).assertBelow(TOLERANCE);
        check(new SplitTable(-1).to(F64), randn(21, 2, 3)).assertBelow(TOLERANCE);
        Table nested = Table.of(randn(22, 2, 2), Table.of(randn(23, 3), randn(24, 1, 2)), randn(25, 2));
        check(new SelectTable(1).to(F64), nested).assertBelow(TOLERANCE);
        check(new SelectTable(-1).to(F64), nested).assertBelow(TOLERANCE);
        check(new SelectTable(0).to(F64), nested).assertBelow(TOLERANCE);
    }

    @Test
    void exactValues() {
        Tensor a = f64(new double[] {1, 5, -2, 0}, 2, 2), b = f64(new double[] {3, 5, -4, 2}, 2, 2), c = f64(new double[] {2, 1, 1, -1}, 2, 2);
        assertArrayEquals(new double[] {6, 11, -5, 1}, new CAddTable().forward(Table.of(a, b, c)).toTensor("").toDoubleArray(), 0);
        assertArrayEquals(new double[] {-2, 0, 2, -2}, new CSubTable().forward(Table.of(a, b)).toTensor("").toDoubleArray(), 0);
        assertArrayEquals(new double[] {6, 25, 8, 0}, new CMulTable().forward(Table.of(a, b, c)).toTensor("").toDoubleArray(), 0);
        assertArrayEquals(new double[] {3, 5, 1, 2}, new CMaxTable().forward(Table.of(a, b, c)).toTensor("").toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 1, -4, -1}, new CMinTable().forward(Table.of(a, b, c)).toTensor("").toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 5, 3, 5, -2, 0, -4, 2},
                new JoinTable(1).forward(Table.of(a, b)).toTensor("").toDoubleArray(), 0);
        Tensor j0 = new JoinTable(0).forward(Table.of(a, b)).toTensor("");
        assertArrayEquals(new int[] {4, 2}, j0.sizes());
        assertArrayEquals(new double[] {1, 5, -2, 0, 3, 5, -4, 2}, j0.toDoubleArray(), 0);
        Table split = new SplitTable(1).forward((Activity) a).toTable("");
        assertEquals(2, split.size());
        assertArrayEquals(new double[] {1, -2}, split.tensor(0).toDoubleArray(), 0);
        assertArrayEquals(new double[] {5, 0}, split.tensor(1).toDoubleArray(), 0);
        assertSame(b, new SelectTable(1).forward(Table.of(a, b, c)));
        assertSame(c, new SelectTable(-1).forward(Table.of(a, b, c)));
    }

    @Test
    void gradientsGoWhereTorch7SendsThem() {
        // CMaxTable: to the larger input; on a tie to the first. CMulTable: product of the others, fine with zeros.
        Tensor a = f64(new double[] {1, 5, 0}, 1, 3), b = f64(new double[] {3, 5, 0}, 1, 3), g = f64(new double[] {10, 20, 30}, 1, 3);
        Module max = new CMaxTable();
        max.forward(Table.of(a, b));
        Table gm = max.backward(Table.of(a, b), g).toTable("");
        assertArrayEquals(new double[] {0, 20, 30}, gm.tensor(0).toDoubleArray(), 0);
        assertArrayEquals(new double[] {10, 0, 0}, gm.tensor(1).toDoubleArray(), 0);
        Module mul = new CMulTable();
        mul.forward(Table.of(a, b));
        Table gp = mul.backward(Table.of(a, b), g).toTable("");
        assertArrayEquals(new double[] {30, 100, 0}, gp.tensor(0).toDoubleArray(), 0);
        assertArrayEquals(new double[] {10, 100, 0}, gp.tensor(1).toDoubleArray(), 0);
        // SelectTable: zeros with the structure of the unselected entries
        Table in = Table.of(a, Table.of(b, f64(new double[] {1, 2}, 2)));
        Module sel = new SelectTable(0);
        sel.forward(in);
        Table gs = sel.backward(in, g).toTable("");
        assertArrayEquals(g.toDoubleArray(), gs.tensor(0).toDoubleArray(), 0);
        Table zeros = gs.get(1).toTable("");
        assertEquals(2, zeros.size());
        assertArrayEquals(new double[] {0, 0, 0}, zeros.tensor(0).toDoubleArray(), 0);
        assertArrayEquals(new int[] {2}, zeros.tensor(1).sizes());
        // buffers are reused across steps
        assertSame(gs, sel.backward(in, g));
        assertSame(gm.tensor(0), max.backward(Table.of(a, b), g).toTable("").tensor(0));
    }

    private static String message(Module m, Activity in) {
        return assertThrows(IllegalArgumentException.class, () -> m.forward(in)).getMessage();
    }

    @Test
    void badTablesNameModuleAndShapes() {
        Tensor a = Tensor.zeros(2, 3), b = Tensor.zeros(2, 4);
        for (Module m : new Module[] {new CAddTable(), new CSubTable(), new CMulTable(), new CMaxTable(), new CMinTable()}) {
            String e = message(m, Table.of(a, b));
            assertTrue(e.contains(m.name()) && e.contains("[2, 3]") && e.contains("[2, 4]"), e);
        }
        String e = message(new CSubTable(), Table.of(a, a, a));
        assertTrue(e.contains("CSubTable") && e.contains("2") && e.contains("3 entries"), e);
        e = message(new CAddTable(), Table.of());
        assertTrue(e.contains("CAddTable") && e.contains("0 entries"), e);
        e = message(new CAddTable(), a);
        assertTrue(e.contains("CAddTable") && e.contains("[2, 3]"), e);
        e = message(new JoinTable(1), Table.of(a, Tensor.zeros(3, 3)));
        assertTrue(e.contains("JoinTable(1)") && e.contains("[2, 3]") && e.contains("[3, 3]"), e);
        e = message(new JoinTable(2), Table.of(a, a));
        assertTrue(e.contains("JoinTable(2)") && e.contains("dimension 2"), e);
        e = message(new SplitTable(3), a);
        assertTrue(e.contains("SplitTable(3)") && e.contains("[2, 3]"), e);
        e = message(new SelectTable(2), Table.of(a, b));
        assertTrue(e.contains("SelectTable(2)") && e.contains("2 entries"), e);
        e = message(new CAddTable(), Table.of(a, Table.of(a)));
        assertTrue(e.contains("CAddTable") && e.contains("entry 1"), e);
        // gradOutput of the wrong shape
        CAddTable add = new CAddTable();
        add.forward(Table.of(a, a));
        var ge = assertThrows(IllegalArgumentException.class, () -> add.backward(Table.of(a, a), Tensor.zeros(3, 2)));
        assertTrue(ge.getMessage().contains("CAddTable") && ge.getMessage().contains("[3, 2]"), ge.getMessage());
        SplitTable split = new SplitTable(1);
        split.forward((Activity) a);
        ge = assertThrows(IllegalArgumentException.class, () -> split.backward(a, Table.of(Tensor.zeros(2))));
        assertTrue(ge.getMessage().contains("SplitTable(1)") && ge.getMessage().contains("1 entries"), ge.getMessage());
    }
}
