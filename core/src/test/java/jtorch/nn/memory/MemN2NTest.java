package jtorch.nn.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jtorch.backend.Backends;
import jtorch.nn.Jacobian;
import jtorch.nn.JacobianReport;
import jtorch.nn.Module;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

public class MemN2NTest {

    /**
     * Two stories of 3 slots of up to 4 words over 6 words (0 nil), and questions of up to 3 words: sentences of
     * different lengths, a repeated word, and an unused (all-nil) slot in the second story.
     */
    public static Table input() {
        Tensor x = Tensor.of(new int[] {
                1, 2, 3, 0, 4, 5, 0, 0, 2, 2, 5, 1,
                3, 1, 0, 0, 5, 4, 3, 2, 0, 0, 0, 0}, 2, 3, 4).to(Backends.ref());
        Tensor q = Tensor.of(new int[] {1, 4, 0, 5, 5, 2}, 2, 3).to(Backends.ref());
        return Table.of(x, q);
    }

    /** Every tying × encoding × linear-start combination: finite differences for every weight, F64. */
    @TestFactory
    Stream<DynamicTest> jacobianOfEveryVariant() {
        List<DynamicTest> tests = new ArrayList<>();
        for (boolean layerWise : new boolean[] {false, true})
            for (boolean pe : new boolean[] {false, true})
                for (boolean te : new boolean[] {false, true})
                    for (boolean lin : new boolean[] {false, true}) {
                        String label = (layerWise ? "layer-wise" : "adjacent") + (pe ? " PE" : " BoW")
                                + (te ? " TE" : "") + (lin ? " linear" : " softmax");
                        tests.add(DynamicTest.dynamicTest(label, () -> {
                            Generator.manualSeed(label.hashCode());
                            MemN2N m = new MemN2N(6, 3, 3, 3, layerWise, pe, te).linear(lin).to(DType.F64);
                            for (Tensor w : m.parameters().weights()) w.mulInPlace(5);   // attention far from uniform
                            JacobianReport r = Jacobian.check(m, input()).assertBelow(Jacobian.TOLERANCE);
                            for (Module.Parameter p : m.namedParameters())
                                assertTrue(r.toString().contains(p.name()), label + ": " + p.name() + " not checked");
                        }));
                    }
        return tests.stream();
    }

    @Test void linearStartRemovesTheSoftmaxAndSwitchesBack() {
        Generator.manualSeed(3);
        MemN2N m = new MemN2N(6, 3, 3, 2).to(DType.F64);
        Tensor soft = ((Tensor) m.forward(input())).clone();
        Tensor p = m.attention(0);
        assertEquals(1, p.select(0, 0).sum(), 1e-12);
        assertEquals(1, p.select(0, 1).sum(), 1e-12);
        assertTrue(p.get(1, 2) > 0, "an unused slot takes part, with its temporal encoding (as in the paper)");
        Tensor lin = ((Tensor) m.linear(true).forward(input())).clone();
        assertNotEquals(1, m.attention(0).select(0, 0).sum(), 1e-6);
        assertNotEquals(soft.sub(lin).abs().max(), 0.0);
        assertArrayEquals(soft.toDoubleArray(), ((Tensor) m.linear(false).forward(input())).toDoubleArray(), 0);
    }

    @Test void positionEncodingIsThePapersFormulaOnEveryBackEnd() {
        // one sentence of J = 2 words (4, 1) and a nil, d = 2: l_kj = (1 - j/J) - (k/d)(1 - 2j/J), so
        // l_11 = l_21 = 0.5 (word 1), l_12 = 0.5, l_22 = 1 (word 2): m = (0.5 E41 + 0.5 E11, 0.5 E42 + E12)
        for (jtorch.backend.Backend be : List.of(Backends.ref(), Backends.cpu()))
            for (DType dt : List.of(DType.F64, DType.F32)) {
                String label = be.name() + " " + dt;
                Tensor x = Tensor.of(new int[] {4, 1, 0}, 1, 1, 3).to(be);
                Tensor e = Tensor.of(new double[] {0, 0, 0.5, -1, 0, 0, 0, 0, 2, 0.25}, 5, 2).to(dt).to(be);
                double[] want = {0.5 * 2 + 0.5 * 0.5, 0.5 * 0.25 + -1}, bow = {2 + 0.5, 0.25 - 1};
                Tensor out = Tensor.zeros(be, dt, 1, 1, 1, 2);
                be.sentenceEncode(out, x, List.of(e), null, true);
                assertArrayEquals(want, out.toDoubleArray(), 1e-6, label);
                be.sentenceEncode(out, x, List.of(e), null, false);
                assertArrayEquals(bow, out.toDoubleArray(), 1e-6, label);
                Tensor g = e.zerosLike(), gt = Tensor.zeros(be, dt, 1, 2);
                be.sentenceEncodeBackward(List.of(g), List.of(gt), x,
                        Tensor.of(new double[] {1, 2}, 1, 1, 1, 2).to(dt).to(be), true, 3);
                assertArrayEquals(new double[] {0, 0, 1.5, 6, 0, 0, 0, 0, 1.5, 3}, g.toDoubleArray(), 1e-6, label);
                assertArrayEquals(new double[] {3, 6}, gt.toDoubleArray(), 1e-6, label);
            }
    }

    /**
     * The cpu back end's F32 kernels through the whole module (bAbI-like sizes: d 20 with a vector tail, 10 slots,
     * question of 4 words, a batch of 5) give the F64 reference's output and every parameter gradient to F32 accuracy,
     * for each tying, encoding and linear-start setting.
     */
    @Test void cpuF32MatchesTheF64Reference() {
        Generator g = new Generator(4);
        int b = 5, mem = 10, j = 6, v = 12;
        int[] x = new int[b * mem * j], q = new int[b * 4];
        for (int i = 0; i < x.length; i++) x[i] = g.nextInt(3) == 0 ? 0 : g.nextInt(v);
        for (int i = 0; i < q.length; i++) q[i] = g.nextInt(v);
        Table in = Table.of(Tensor.of(x, b, mem, j), Tensor.of(q, b, 4));
        Tensor gy = Tensor.randn(new Generator(5), b, v);
        for (boolean layerWise : new boolean[] {false, true})
            for (boolean pe : new boolean[] {false, true})
                for (boolean lin : new boolean[] {false, true}) {
                    Generator.manualSeed(6);
                    MemN2N f32 = new MemN2N(v, 20, mem, 3, layerWise, pe, true).linear(lin);
                    MemN2N f64 = f32.clone().to(DType.F64);
                    double[] want = null;
                    for (MemN2N m : List.of(f64, f32)) {
                        m.zeroGradParameters();
                        Tensor y = (Tensor) m.forward(in);
                        m.backward(in, gy.to(y.dtype()));
                        List<Double> all = new ArrayList<>();
                        for (double d : y.toDoubleArray()) all.add(d);
                        for (Tensor t : m.parameters().gradients()) for (double d : t.toDoubleArray()) all.add(d);
                        double[] got = all.stream().mapToDouble(Double::doubleValue).toArray();
                        if (want == null) { want = got; continue; }
                        for (int i = 0; i < got.length; i++)
                            assertEquals(want[i], got[i], 1e-4 * (1 + Math.abs(want[i])),
                                    (layerWise ? "layer-wise" : "adjacent") + (pe ? " PE" : " BoW") + (lin ? " linear" : "") + " element " + i);
                    }
                }
    }

    @Test void tyingDeclaresThePapersMatrices() {
        assertEquals(List.of("emb0", "emb1", "emb2", "emb3", "time0", "time1", "time2", "time3"),
                new MemN2N(7, 2, 4, 3).namedParameters().stream().map(Module.Parameter::name).toList());
        assertEquals(List.of("A", "C", "B", "W", "H"), new MemN2N(7, 2, 4, 3, true, true, false).namedParameters()
                .stream().map(Module.Parameter::name).toList());
    }

    @Test void badInputNamesTheShapes() {
        MemN2N m = new MemN2N(6, 3, 4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(input()));
        assertTrue(e.getMessage().contains("story [B, 4, J]"), e.getMessage());
        MemN2N m3 = new MemN2N(5, 3, 3, 1);
        e = assertThrows(IllegalArgumentException.class, () -> m3.forward(input()));
        assertTrue(e.getMessage().contains("word index 5 out of range [0, 5)"), e.getMessage());
    }
}
