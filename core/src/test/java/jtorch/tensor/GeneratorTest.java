package jtorch.tensor;

import static jtorch.testing.TensorAssert.assertIae;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The seeded generator: reproducible, splittable, checkpointable, with the right distributions. */
class GeneratorTest {
    private static final int N = 100_000;

    @Test void sameSeedSameNumbers() {
        Generator a = new Generator(42), b = new Generator(42), c = new Generator(43);
        long[] xa = new long[100], xb = new long[100], xc = new long[100];
        for (int i = 0; i < 100; i++) { xa[i] = a.nextLong(); xb[i] = b.nextLong(); xc[i] = c.nextLong(); }
        assertArrayEquals(xa, xb);
        assertFalse(java.util.Arrays.equals(xa, xc));
        assertArrayEquals(Tensor.randn(new Generator(7), 5, 3).toFloatArray(), Tensor.randn(new Generator(7), 5, 3).toFloatArray());
        assertArrayEquals(Tensor.rand(DType.F64, new Generator(7), 9).toDoubleArray(),
                Tensor.rand(DType.F64, new Generator(7), 9).toDoubleArray());
    }

    @Test void splitIsReproducibleAndIndependent() {
        Generator p1 = new Generator(1), p2 = new Generator(1);
        Generator s1 = p1.split(), s2 = p2.split();
        long[] a = new long[50], b = new long[50], parent = new long[50];
        for (int i = 0; i < 50; i++) { a[i] = s1.nextLong(); b[i] = s2.nextLong(); parent[i] = p1.nextLong(); }
        assertArrayEquals(a, b, "the same split of the same seed gives the same stream");
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 50; j++) assertNotEquals(a[i], parent[j], "child and parent streams overlap");
        }
        Generator q = new Generator(1);
        Generator c1 = q.split(), c2 = q.split();
        assertNotEquals(c1.nextLong(), c2.nextLong());
        // correlation between child and parent uniforms is near 0
        Generator p = new Generator(5), ch = p.split();
        double sxy = 0, sx = 0, sy = 0;
        for (int i = 0; i < N; i++) { double x = p.nextDouble(), y = ch.nextDouble(); sxy += x * y; sx += x; sy += y; }
        double cov = sxy / N - (sx / N) * (sy / N);
        assertEquals(0, cov / (1.0 / 12), 0.02);
    }

    @Test void stateRestoreContinuesIdentically() {
        Generator g = new Generator(99);
        for (int i = 0; i < 10; i++) g.nextLong();
        g.nextGaussian(); // leaves a cached spare normal
        long[] st = g.state();
        Generator r = Generator.restore(st);
        for (int i = 0; i < 20; i++) {
            assertEquals(g.nextGaussian(), r.nextGaussian());
            assertEquals(g.nextDouble(), r.nextDouble());
            assertEquals(g.nextInt(17), r.nextInt(17));
        }
        assertIae(() -> Generator.restore(new long[3]), "restore", "3");
    }

    @Test void randInUnitInterval() {
        double[] v = Tensor.rand(DType.F64, new Generator(3), N).toDoubleArray();
        double sum = 0;
        for (double x : v) { assertTrue(x >= 0 && x < 1, "rand value " + x); sum += x; }
        assertEquals(0.5, sum / N, 0.01);
        float[] f = Tensor.rand(new Generator(3), N).toFloatArray();
        for (float x : f) assertTrue(x >= 0 && x < 1, "F32 rand value " + x);
    }

    @Test void randnMeanAndVariance() {
        Tensor t = Tensor.randn(DType.F64, new Generator(11), N);
        assertEquals(0, t.mean(), 0.02);
        assertEquals(1, t.var(), 0.03);
        double[] v = t.toDoubleArray();
        int beyond2 = 0;
        for (double x : v) if (Math.abs(x) > 2) beyond2++;
        assertEquals(0.0455, beyond2 / (double) N, 0.005, "fraction beyond 2 sigma");
    }

    @Test void bernoulliFrequency() {
        assertEquals(0.3, Tensor.bernoulli(new Generator(4), 0.3, N).mean(), 0.01);
        assertEquals(0, Tensor.bernoulli(new Generator(4), 0, 1000).sum());
        assertEquals(1000, Tensor.bernoulli(new Generator(4), 1, 1000).sum());
        for (float x : Tensor.bernoulli(new Generator(4), 0.5, 1000).toFloatArray()) assertTrue(x == 0 || x == 1);
        assertIae(() -> Tensor.bernoulli(new Generator(4), 1.5, 3), "bernoulli", "1.5");
    }

    @Test void nextIntRange() {
        Generator g = new Generator(8);
        int[] counts = new int[5];
        for (int i = 0; i < N; i++) counts[g.nextInt(5)]++;
        for (int c : counts) assertEquals(N / 5.0, c, N * 0.01);
        assertIae(() -> g.nextInt(0), "nextInt");
    }

    @Test void nextIntHasNoModuloBiasForLargeBounds() {
        // 31 random bits modulo 1.5·2^30 would put half the draws in the lowest third of the range
        Generator g = new Generator(12);
        int bound = 3 << 29, low = 0;
        for (int i = 0; i < N; i++) {
            int v = g.nextInt(bound);
            assertTrue(v >= 0 && v < bound);
            if (v < bound / 3) low++;
        }
        assertEquals(1 / 3.0, low / (double) N, 0.01);
    }
}
