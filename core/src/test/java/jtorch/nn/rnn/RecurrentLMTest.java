package jtorch.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Stateful forward/backward of a Sequential(OneHot, LSTM, Linear, LogSoftMax) (the LSTM here a cell-built stand-in). */
class RecurrentLMTest {
    static RecurrentLM tiny(int v, int h, int layers) {
        Generator.manualSeed(7);
        Sequential s = new Sequential().add(new OneHot(v)).add(new StandInLSTM(v, h, layers)).add(new Linear(h, v))
                .add(new LogSoftMax());
        return new RecurrentLM(s.to(DType.F64), layers, h, 2);
    }

    /** The fused modules: char-rnn's LSTM and GRU models in F64. */
    static RecurrentLM fused(boolean gru, int v, int h, int layers) {
        RecurrentLM lm = gru ? RecurrentLM.charGru(v, h, layers, new Generator(8)) : RecurrentLM.charLstm(v, h, layers, new Generator(8));
        return RecurrentLM.of(lm.model().to(DType.F64));
    }

    static Tensor tokens(long seed, int v, int t, int b) {
        Generator g = new Generator(seed);
        int[] a = new int[t * b];
        for (int i = 0; i < a.length; i++) a[i] = g.nextInt(v);
        return Tensor.of(a, t, b);
    }

    @Test void carriedStateEqualsOneLongForward() {
        carried(tiny(5, 3, 2));
        carried(fused(false, 5, 3, 2));
        carried(fused(true, 5, 3, 2));
    }

    private static void carried(RecurrentLM lm) {
        Tensor ids = tokens(1, 5, 6, 2);
        double[] whole = lm.forward(ids, null).toDoubleArray();
        Tensor[] endWhole = lm.finalState();
        double[] a = lm.forward(ids.narrow(0, 0, 4).contiguous(), lm.zeroState(2)).toDoubleArray();
        double[] b = lm.forward(ids.narrow(0, 4, 2).contiguous(), lm.finalState()).toDoubleArray();
        double[] both = new double[whole.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertArrayEquals(whole, both, 1e-12);
        assertArrayEquals(endWhole[0].toDoubleArray(), lm.finalState()[0].toDoubleArray(), 1e-12);
        if (endWhole.length == 2) assertArrayEquals(endWhole[1].toDoubleArray(), lm.finalState()[1].toDoubleArray(), 1e-12);
        assertEquals(6 * 2, whole.length / 5);
    }

    /** ∂NLL/∂θ by backward against central differences, every parameter, F64, from a non-zero initial state. */
    @Test void gradientsMatchFiniteDifferences() {
        gradients(tiny(4, 3, 2));
        gradients(fused(false, 4, 3, 2));
        gradients(fused(true, 4, 3, 2));
    }

    private static void gradients(RecurrentLM lm) {
        Tensor ids = tokens(2, 4, 3, 2), target = tokens(3, 4, 3, 2).reshape(6);
        Tensor[] s0 = lm.zeroState(2);
        for (Tensor s : s0) s.copy(Tensor.randn(DType.F64, new Generator(4), s.sizes()));
        ClassNLLCriterion nll = new ClassNLLCriterion();
        Module m = lm.model();
        m.zeroGradParameters();
        Tensor lp = lm.forward(ids, s0);
        nll.forward(lp, target);
        lm.backward(nll.backward(lp, target));
        double worst = 0;
        int checked = 0;
        for (Module.Parameter p : m.namedParameters()) {
            double[] w = p.weight().toDoubleArray(), g = p.gradient().toDoubleArray();
            for (int i = 0; i < w.length; i++) {
                double[] f = new double[2];
                for (int k = 0; k < 2; k++) {
                    Tensor flat = p.weight().view(w.length);
                    flat.set(w[i] + (k == 0 ? 1e-6 : -1e-6), i);
                    f[k] = nll.forward(lm.forward(ids, s0), target);
                    flat.set(w[i], i);
                }
                worst = Math.max(worst, Math.abs((f[0] - f[1]) / 2e-6 - g[i]));
                checked++;
            }
        }
        assertTrue(checked > 100, "checked " + checked);
        assertTrue(worst < 1e-7, "worst |analytic - numeric| " + worst);
    }

    @Test void errorsNameShapes() {
        RecurrentLM lm = tiny(4, 3, 1);
        Exception e = assertThrows(IllegalArgumentException.class, () -> lm.forward(Tensor.of(new int[] {1, 2}, 2), null));
        assertTrue(e.getMessage().contains("[T, B]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> lm.forward(Tensor.of(new int[] {1, 2}, 1, 2), lm.zeroState(3)));
        assertTrue(e.getMessage().contains("expected state [1, 2, 3], got [1, 3, 3]"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> tiny(4, 3, 1).backward(Tensor.zeros(2, 4)));
        assertThrows(IllegalArgumentException.class, () -> new RecurrentLM(new Sequential().add(new OneHot(3)), 1, 1, 2));
    }
}
