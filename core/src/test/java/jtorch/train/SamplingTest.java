package jtorch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.layer.Linear;
import jtorch.nn.rnn.LSTMCell;
import jtorch.nn.rnn.OneHot;
import jtorch.nn.rnn.RecurrentLM;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Greedy, temperature and top-k draws: their distributions, reproducibility, and generation with carried state. */
class SamplingTest {
    /** log p for p = (0.1, 0.2, 0.3, 0.4). */
    static Tensor lp() { return Tensor.of(new double[] {0.1, 0.2, 0.3, 0.4}, 1, 4).log(); }

    static int[] counts(Tensor lp, double temp, int k, long seed, int n) {
        Generator g = new Generator(seed);
        int[] c = new int[lp.size(1)];
        for (int i = 0; i < n; i++) c[(int) Sampling.next(lp, temp, k, g).get(0)]++;
        return c;
    }

    @Test void greedyIsArgMaxAndDrawsNothing() {
        Generator g = new Generator(1);
        long[] before = g.state();
        assertArrayEquals(new int[] {1, 0}, Sampling.next(Tensor.of(new double[] {1, 9, 3, 9, 2, 1}, 2, 3), 0, 0, g).toIntArray());
        assertArrayEquals(new int[] {3}, Sampling.next(lp(), 0, 0, g).toIntArray());
        assertArrayEquals(new int[] {3}, Sampling.next(lp(), 1, 1, g).toIntArray());
        assertArrayEquals(before, g.state());
    }

    @Test void temperatureOneFollowsTheDistribution() {
        int n = 20000;
        int[] c = counts(lp(), 1, 0, 5, n);
        double[] p = {0.1, 0.2, 0.3, 0.4};
        for (int i = 0; i < 4; i++) assertEquals(p[i], c[i] / (double) n, 0.015, Arrays.toString(c));
    }

    @Test void lowTemperatureSharpensHighFlattens() {
        int n = 20000;
        // tau = 0.5: p_i ∝ p_i^2 = (1, 4, 9, 16) / 30
        int[] sharp = counts(lp(), 0.5, 0, 6, n);
        assertEquals(16 / 30.0, sharp[3] / (double) n, 0.015, Arrays.toString(sharp));
        assertEquals(1 / 30.0, sharp[0] / (double) n, 0.01, Arrays.toString(sharp));
        // tau = 100: almost uniform
        int[] flat = counts(lp(), 100, 0, 7, n);
        for (int x : flat) assertEquals(0.25, x / (double) n, 0.015, Arrays.toString(flat));
    }

    @Test void topKDrawsOnlyTheKMostLikely() {
        int n = 20000;
        int[] c = counts(lp(), 1, 2, 8, n);
        assertEquals(0, c[0]);
        assertEquals(0, c[1]);
        assertEquals(3 / 7.0, c[2] / (double) n, 0.015, Arrays.toString(c));
        // ties at the cut keep the lower index: (0.3, 0.3, 0.3, 0.1), k = 2 -> tokens 0 and 1
        int[] t = counts(Tensor.of(new double[] {0.3, 0.3, 0.3, 0.1}, 1, 4).log(), 1, 2, 9, 2000);
        assertEquals(0, t[2] + t[3], Arrays.toString(t));
        assertTrue(t[0] > 800 && t[1] > 800, Arrays.toString(t));
        // -inf (probability 0) is never drawn, even with k = V
        int[] z = counts(Tensor.of(new double[] {0, 1, 1, 0}, 1, 4).log(), 3, 4, 10, 2000);
        assertEquals(0, z[0] + z[3], Arrays.toString(z));
    }

    @Test void sameSeedSameDrawsOtherSeedOthers() {
        assertArrayEquals(counts(lp(), 0.8, 3, 11, 500), counts(lp(), 0.8, 3, 11, 500));
        Generator a = new Generator(12), b = new Generator(12), c = new Generator(13);
        int[] x = new int[200], y = new int[200], z = new int[200];
        for (int i = 0; i < 200; i++) {
            x[i] = (int) Sampling.next(lp(), 1, 0, a).get(0);
            y[i] = (int) Sampling.next(lp(), 1, 0, b).get(0);
            z[i] = (int) Sampling.next(lp(), 1, 0, c).get(0);
        }
        assertArrayEquals(x, y);
        assertFalse(Arrays.equals(x, z));
    }

    @Test void badArguments() {
        Generator g = new Generator(1);
        assertThrows(IllegalArgumentException.class, () -> Sampling.next(lp(), -1, 0, g));
        assertThrows(IllegalArgumentException.class, () -> Sampling.next(lp(), Double.NaN, 0, g));
        assertThrows(IllegalArgumentException.class, () -> Sampling.next(lp(), 1, -2, g));
        assertThrows(IllegalArgumentException.class, () -> Sampling.next(Tensor.zeros(2, 2, 2), 1, 0, g));
        Exception e = assertThrows(IllegalArgumentException.class, () -> Sampling.next(Tensor.of(new double[] {0, Double.NaN}, 1, 2), 1, 0, g));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    /** A one-layer cell-built LSTM language model over 6 tokens: generation is seeded and steps with its state. */
    @Test void generateIsReproducibleAndUsesThePrime() {
        Generator.manualSeed(3);
        Sequential s = new Sequential().add(new OneHot(6)).add(new OneLayer(6, 8)).add(new Linear(8, 6)).add(new LogSoftMax());
        RecurrentLM lm = new RecurrentLM(s, 1, 8, 2);
        int[] a = Sampling.generate(lm, 6, new int[] {1, 2, 3}, 40, 0.8, 0, new Generator(21));
        int[] b = Sampling.generate(lm, 6, new int[] {1, 2, 3}, 40, 0.8, 0, new Generator(21));
        assertArrayEquals(a, b);
        assertEquals(40, a.length);
        for (int x : a) assertTrue(x >= 0 && x < 6);
        assertFalse(Arrays.equals(a, Sampling.generate(lm, 6, new int[] {1, 2, 3}, 40, 0.8, 0, new Generator(22))));
        // greedy from a prime: the first token is the arg max of the model's last prime row
        int first = Sampling.generate(lm, 6, new int[] {4, 0}, 1, 0, 0, new Generator(1))[0];
        Tensor lp = lm.forward(Tensor.of(new int[] {4, 0}, 2, 1), null);
        assertEquals(lp.select(0, 1).argmax(), first);
        // greedy continuation equals feeding the whole text at once (the state is carried step by step)
        int[] greedy = Sampling.generate(lm, 6, new int[] {4, 0}, 5, 0, 0, new Generator(1));
        int[] text = {4, 0, greedy[0], greedy[1], greedy[2], greedy[3]};
        Tensor all = lm.forward(Tensor.of(text, 6, 1), null);
        assertEquals(greedy[4], all.select(0, 5).argmax());
        assertEquals(7, Sampling.generate(lm, 6, new int[0], 7, 1, 3, new Generator(2)).length);
        assertEquals(0, Sampling.generate(lm, 6, new int[0], 0, 1, 0, new Generator(2)).length);
        assertThrows(IllegalArgumentException.class, () -> Sampling.generate(lm, 5, new int[] {1}, 3, 1, 0, new Generator(2)));
        assertTrue(lm.model().isTraining());
    }

    /** {x [T, B, I], h0 [1, B, H], c0} -> {y, hN, cN} by one LSTMCell per step (forward only: enough for generation). */
    static final class OneLayer extends jtorch.nn.Container {
        OneLayer(int in, int h) { add(new LSTMCell(in, h)); }

        @Override public jtorch.tensor.Activity updateOutput(jtorch.tensor.Activity input) {
            jtorch.tensor.Table t = (jtorch.tensor.Table) input;
            Tensor x = t.tensor(0), h = t.tensor(1).select(0, 0).clone(), c = t.tensor(2).select(0, 0).clone();
            Tensor y = x.newZeros(x.size(0), x.size(1), h.size(1));
            for (int s = 0; s < x.size(0); s++) {
                jtorch.tensor.Table o = (jtorch.tensor.Table) forwardChild(0, jtorch.tensor.Table.of(x.select(0, s).clone(), h, c));
                h = o.tensor(0).clone();
                c = o.tensor(1).clone();
                y.select(0, s).copy(h);
            }
            return jtorch.tensor.Table.of(y, h.view(1, h.size(0), h.size(1)), c.view(1, c.size(0), c.size(1)));
        }

        @Override public jtorch.tensor.Activity updateGradInput(jtorch.tensor.Activity input, jtorch.tensor.Activity g) {
            throw new UnsupportedOperationException();
        }
    }
}
