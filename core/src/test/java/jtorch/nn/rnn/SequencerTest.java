package jtorch.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.io.ModuleRegistry;
import jtorch.nn.Jacobian;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.Tanh;
import jtorch.nn.layer.Linear;
import jtorch.nn.table.CAddTable;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SequencerTest {
    static Tensor randn(long seed, int... s) { return Tensor.randn(DType.F64, new Generator(seed), s).to(Backends.ref()); }

    @Test void eachStepIsTheModuleWithSharedWeights() {
        Linear l = new Linear(3, 2).to(DType.F64);
        Sequencer s = new Sequencer(l);
        Tensor x = randn(1, 4, 2, 3);
        Tensor y = s.forward(x);
        assertEquals(java.util.List.of(4, 2, 2), java.util.Arrays.stream(y.sizes()).boxed().toList());
        Linear ref = l.clone();
        for (int t = 0; t < 4; t++) {
            Tensor want = ref.forward(x.select(0, t).contiguous());
            assertEquals(0, y.select(0, t).sub(want).abs().max(), 1e-15);
        }
        assertEquals(l.parameters().weights().size(), s.parameters().weights().size(), "the weights appear once");
        // steady state: the same buffers at the same T
        assertSame(y, s.forward(x));
        Jacobian.check(s, x).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void gradientsSumOverStepsAndBackwardEqualsTheTwoHalves() {
        Sequencer a = new Sequencer(new Sequential(new Linear(3, 4), new Tanh(), new Linear(4, 2))).to(DType.F64);
        Sequencer b = a.clone();
        Tensor x = randn(2, 5, 3, 3), g = randn(3, 5, 3, 2);
        a.zeroGradParameters();
        b.zeroGradParameters();
        a.forward(x);
        Tensor ga = a.backward(x, g);
        b.forward(x);
        Activity gb = b.computeGradInput(x, g);
        b.accGradParameters(x, g, 1);
        assertEquals(0, ga.sub(gb.tensor()).abs().max(), 1e-15);
        assertEquals(0, a.getParameters().gradients().sub(b.getParameters().gradients()).abs().max(), 1e-15);
    }

    @Test void tablesOfSequences() {
        Sequencer s = new Sequencer(new CAddTable()).to(DType.F64);
        Tensor a = randn(4, 3, 2, 2), b = randn(5, 3, 2, 2);
        Tensor y = s.forward(Table.of(a, b)).tensor();
        assertEquals(0, y.sub(a.add(b)).abs().max(), 1e-15);
        Jacobian.check(s, Table.of(a, b)).assertBelow(Jacobian.TOLERANCE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.forward(Table.of(a, randn(6, 2, 2, 2))));
        assertTrue(e.getMessage().contains("differ in length"), e.getMessage());
    }

    @Test void errorsNameTheStep() {
        Sequencer s = new Sequencer(new Linear(3, 2)).to(DType.F64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.forward(randn(1, 2, 2, 4)));
        assertTrue(e.getMessage().startsWith("Sequencer step 0: Linear(3 -> 2)"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new Sequencer(new Tanh()).backward(randn(1, 2, 2), randn(1, 2, 2)));
    }

    @Test void tokensThroughALookupTable() {
        Sequencer s = new Sequencer(new LookupTable(5, 3)).to(DType.F64);
        Tensor tok = Tensor.of(new int[] {1, 2, 3, 4, 0, 1}, 3, 2).to(Backends.ref());
        Tensor y = s.forward(tok);
        assertEquals(java.util.List.of(3, 2, 3), java.util.Arrays.stream(y.sizes()).boxed().toList());
        Jacobian.check(s, tok).assertBelow(Jacobian.TOLERANCE);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    /** Bytes one forward + backward allocates, the least of 5 runs after 200 more warm-up runs. */
    private static long bytesPerRun(Module m, Tensor x, Tensor g) {
        for (int i = 0; i < 200; i++) { m.forward(x); m.backward(x, g); }
        long least = Long.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
            long a = allocated();
            m.forward(x);
            m.backward(x, g);
            least = Math.min(least, allocated() - a);
        }
        return least;
    }

    /**
     * Steady state: what a Sequencer adds to its step module's own allocation is a few hundred bytes of views per step,
     * the same for a batch of 8 and of 256 (measured 300-620 bytes; the step data is 512 and 16,384 bytes). Until C2 has
     * compiled the step, the interpreter allocates tens of KB a call (and more under load, when compilation lags), so
     * the two are re-measured, warming up further, until the difference is small, for at most 40 rounds: a Sequencer
     * that allocated per batch row would never get there.
     */
    @Test void steadyStateAllocatesNothingProportionalToTheBatch() {
        for (int b : new int[] {8, 256}) {
            Linear l = new Linear(16, 16);
            Sequencer s = new Sequencer(l.clone());
            Tensor x = Tensor.randn(new Generator(1), 20, b, 16), g = Tensor.randn(new Generator(2), 20, b, 16);
            Tensor x1 = x.select(0, 0).contiguous(), g1 = g.select(0, 0).contiguous();
            long seq = 0, alone = 0;
            for (int round = 0; round < 40; round++) {
                seq = bytesPerRun(s, x, g) / 20;
                alone = bytesPerRun(l, x1, g1);
                if (seq - alone < 1000) break;
            }
            assertTrue(seq - alone < 1000, "B " + b + ": Sequencer(Linear) allocates " + seq + " bytes per step, Linear "
                    + "alone " + alone);
        }
    }

    @Test void savesItsModuleOnce() {
        Sequencer s = new Sequencer(new Linear(3, 2));
        s.forward(randn(1, 3, 2, 3).to(DType.F32));
        String json = ModuleRegistry.toJson(s);
        assertEquals(json, ModuleRegistry.toJson(ModuleRegistry.fromJson(json)));
        assertEquals(2, s.stateDict().size(), s.stateDict().keySet().toString());
        Module c = s.sharedClone(false);
        assertEquals(s.stateDict().keySet(), c.stateDict().keySet());
    }
}
