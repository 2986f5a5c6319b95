package jtorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.Tanh;
import jtorch.nn.layer.Dropout;
import jtorch.nn.layer.Linear;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Named parameters and buffers, state dicts, located errors, typed returns and table outputs. */
class ModuleStateTest {

    static Sequential net() {
        Generator.manualSeed(3);
        return new Sequential(new Linear(4, 3), new Tanh(), new Sequential(new Dropout(0.5), new Linear(3, 2, false)),
                new LogSoftMax());
    }

    @Test void namesArePathsDerivedFromDeclarations() {
        Sequential m = net();
        assertEquals(List.of("0.weight", "0.bias", "2.1.weight"),
                m.namedParameters().stream().map(Module.Parameter::name).toList());
        assertEquals(List.of("0.weight", "0.bias", "2.0.generator", "2.1.weight"), List.copyOf(m.stateDict().keySet()));
        Linear first = (Linear) m.get(0);
        assertSame(first.weight(), m.stateDict().get("0.weight"));
        assertSame(first.gradBias(), m.namedParameters().get(1).gradient());
        assertEquals(DType.I32, m.stateDict().get("2.0.generator").dtype());
    }

    @Test void loadStateDictIsStrictAboutNamesAndAlwaysAboutShapes() {
        Sequential a = net(), b = net();
        b.getParameters().weights().fillInPlace(0.25);
        a.loadStateDict(b.stateDict(), true);
        assertArrayEquals(b.getParameters().weights().toFloatArray(), a.getParameters().weights().toFloatArray());

        Map<String, Tensor> partial = new LinkedHashMap<>(b.stateDict());
        partial.remove("0.bias");
        partial.put("9.weight", Tensor.zeros(1));
        float[] before = a.getParameters().weights().toFloatArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.loadStateDict(partial, true));
        assertTrue(e.getMessage().contains("missing: [0.bias]") && e.getMessage().contains("unexpected: [9.weight]"),
                e.getMessage());
        assertArrayEquals(before, a.getParameters().weights().toFloatArray(), "nothing copied on error");
        StateDictResult r = a.loadStateDict(partial, false);
        assertEquals(List.of("0.bias"), r.missing());
        assertEquals(List.of("9.weight"), r.unexpected());

        Map<String, Tensor> wrong = new LinkedHashMap<>(b.stateDict());
        wrong.put("0.weight", Tensor.zeros(4, 3));
        e = assertThrows(IllegalArgumentException.class, () -> a.loadStateDict(wrong, false));
        assertTrue(e.getMessage().contains("'0.weight' is [4, 3] in the state but [3, 4] in the network"), e.getMessage());
    }

    @Test void loadStateDictConvertsDtype() {
        Sequential a = net(), b = net().to(DType.F64);
        b.getParameters().weights().fillInPlace(0.5);
        a.loadStateDict(b.stateDict(), true);
        assertEquals(DType.F32, ((Linear) a.get(0)).weight().dtype());
        assertEquals(0.5, ((Linear) a.get(0)).weight().get(1, 1));
    }

    @Test void errorsInsideContainersNameThePath() {
        Sequential m = new Sequential(new Tanh(), new Sequential(new Tanh(), new Linear(64, 10)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(2, 65)));
        assertEquals("Sequential[1] Sequential[1] Linear(64 -> 10): expected input [B, 64], got [2, 65]", e.getMessage());
        Sequential flat = new Sequential(new Linear(64, 10));
        e = assertThrows(IllegalArgumentException.class, () -> flat.forward(Tensor.zeros(2, 65)));
        assertEquals("Sequential[0] Linear(64 -> 10): expected input [B, 64], got [2, 65]", e.getMessage());
        ConcatTable ct = new ConcatTable().add(new Tanh()).add(new Linear(3, 2));
        e = assertThrows(IllegalArgumentException.class, () -> ct.forward((Activity) Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().startsWith("ConcatTable[1] Linear(3 -> 2): "), e.getMessage());
    }

    @Test void backwardBeforeForwardIsAClearErrorEverywhere() {
        Tensor x = Tensor.zeros(2, 3);
        List<Module> modules = List.of(new Tanh(), new Linear(3, 2), new LogSoftMax(), new Dropout(0.1),
                new Sequential(new Tanh()), new ConcatTable().add(new Tanh()), new Concat(1).add(new Tanh()));
        for (Module m : modules) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> m.backward(x, Table.of(x)), m.name());
            assertTrue(e.getMessage().contains("before forward"), m.name() + ": " + e.getMessage());
        }
        ParallelTable pt = new ParallelTable().add(new Tanh());
        assertThrows(IllegalStateException.class, () -> pt.backward(Table.of(x), Table.of(x)));
    }

    @Test void typedReturnsNeedNoCast() {
        Linear lin = new Linear(3, 2);
        Linear shared = lin.sharedClone(true);
        Linear copy = lin.clone();
        Linear f64 = lin.clone().to(DType.F64);
        Sequential s = new Sequential(lin).evaluate();
        Sequential t = s.clone();
        assertSame(lin.weight(), shared.weight());
        assertNotEquals(System.identityHashCode(lin.weight()), System.identityHashCode(copy.weight()));
        assertEquals(DType.F64, f64.weight().dtype());
        assertEquals(DType.F32, lin.weight().dtype());
        assertTrue(!t.isTraining() && !t.get(0).isTraining());
        Tensor y = s.forward(Tensor.zeros(1, 3)); // Sequential is a TensorModule: typed tensor forward
        assertArrayEquals(new int[] {1, 2}, y.sizes());
        Activity out = new ConcatTable().add(new Tanh()).forward((Activity) y); // table output: Activity, no tensor overload
        assertEquals(1, out.table().size());
        assertThrows(IllegalArgumentException.class, out::tensor);
        assertSame(y, ((Activity) y).tensor());
    }

    @Test void toKeepsSharingAndConvertsBuffersOnlyWhenFloating() {
        Sequential m = net();
        Sequential shared = m.sharedClone(false);
        m.to(DType.F64);
        assertSame(((Linear) m.get(0)).weight(), ((Linear) shared.get(0)).weight());
        assertEquals(DType.F64, ((Linear) shared.get(0)).weight().dtype());
        assertEquals(DType.I32, m.stateDict().get("2.0.generator").dtype());
    }

    @Test void sharedDropoutClonesDrawIndependentStreamsAndCloneContinuesTheSame() {
        Dropout d = new Dropout(0.5);
        Dropout shared = d.sharedClone(false); // splits d's stream, so take the deep clone after it
        Dropout copy = d.clone();
        Tensor x = Tensor.ones(1, 64);
        float[] a = d.forward(x).toFloatArray(), b = copy.forward(x).toFloatArray(), c = shared.forward(x).toFloatArray();
        assertArrayEquals(a, b, "a deep clone continues the same stream");
        assertTrue(!java.util.Arrays.equals(a, c), "a shared clone has its own stream");
        long[] global = Generator.global().state();
        d.forward(x);
        assertArrayEquals(global, Generator.global().state(), "dropout does not draw from the global generator");
    }

    @Test void dropoutStateRoundTripsThroughTheStateDict() {
        Dropout d = new Dropout(0.3), e = new Dropout(0.3);
        e.loadStateDict(d.stateDict(), true);
        Tensor x = Tensor.ones(2, 40);
        assertArrayEquals(d.forward(x).toFloatArray(), e.forward(x).toFloatArray());
        assertArrayEquals(d.forward(x).toFloatArray(), e.forward(x).toFloatArray(), "and the streams stay in step");
    }

    /** 16 threads with their own shared clones compute exactly what one thread computes. */
    @Test void sixteenThreadsWithSharedClonesAreBitIdentical() throws Exception {
        Generator.manualSeed(5);
        Sequential m = new Sequential(new Linear(20, 64), new Tanh(), new Linear(64, 10), new LogSoftMax()).evaluate();
        Tensor x = Tensor.randn(new Generator(1), 33, 20);
        float[] expected = m.forward(x).toFloatArray();
        int threads = 16;
        float[][] got = new float[threads][];
        Thread[] ts = new Thread[threads];
        Throwable[] fail = new Throwable[1];
        for (int t = 0; t < threads; t++) {
            int k = t;
            Sequential mine = m.sharedClone(false);
            ts[t] = new Thread(() -> {
                try {
                    float[] last = null;
                    for (int i = 0; i < 50; i++) last = mine.forward(x).toFloatArray();
                    got[k] = last;
                } catch (Throwable e) {
                    fail[0] = e;
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) t.join();
        if (fail[0] != null) throw new AssertionError(fail[0]);
        for (int t = 0; t < threads; t++) assertArrayEquals(expected, got[t], "thread " + t);
    }

    /** A module that waits inside forward until released, to hold a thread in it. */
    static final class Gate extends Module {
        final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

        @Override public Activity updateOutput(Activity input) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return input;
        }

        @Override public Activity updateGradInput(Activity input, Activity gradOutput) { return gradOutput; }
    }

    @Test void aSecondThreadInsideTheSameModuleIsDetected() throws Exception {
        Gate g = new Gate();
        Tensor x = Tensor.zeros(1, 1);
        Thread t = new Thread(() -> g.forward((Activity) x), "first");
        t.start();
        g.entered.await();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.forward((Activity) x));
        assertTrue(e.getMessage().contains("while thread 'first' is inside it") && e.getMessage().contains("sharedClone"),
                e.getMessage());
        g.release.countDown();
        t.join();
        assertSame(x, g.forward((Activity) x), "usable again once the other thread has left");
    }
}
