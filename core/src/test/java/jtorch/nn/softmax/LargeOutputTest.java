package jtorch.nn.softmax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import jtorch.io.Model;
import jtorch.nn.Jacobian;
import jtorch.nn.criterion.NCECriterion;
import jtorch.nn.criterion.SampledSoftMaxCriterion;
import jtorch.nn.criterion.TreeNLLCriterion;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SoftMaxTree and NCEModule: class assignment, exact normalised log-probabilities, sampling, gradients, model files. */
class LargeOutputTest {
    private static int[] zipf(int v) {
        int[] c = new int[v];
        for (int w = 0; w < v; w++) c[w] = (int) (10000.0 / (1 + (w * 7919 % v))); // Zipf counts in a shuffled order
        return c;
    }

    private static Tensor h64(long seed, int n, int h) { return Tensor.randn(DType.F64, new Generator(seed), n, h); }

    @Test void frequencyClassesHoldAboutEqualMass() {
        int[] counts = zipf(400);
        WordClasses wc = WordClasses.byFrequency(counts, 20);
        assertEquals(20, wc.classes());
        double total = 0;
        for (int c : counts) total += c;
        double[] mass = new double[20];
        for (int w = 0; w < 400; w++) mass[wc.classOf(w)] += counts[w] / total;
        for (int c = 0; c < 20; c++) assertTrue(wc.size(c) >= 1, "class " + c + " is empty");
        // frequent words come first: a word's class never exceeds that of a rarer word
        for (int a = 0; a < 400; a++) for (int b = 0; b < 400; b++)
            if (counts[a] > counts[b]) assertTrue(wc.classOf(a) <= wc.classOf(b), a + " vs " + b);
        // after the head classes (the most frequent word alone holds 13 % of the mass), classes hold ~1/20 each
        for (int c = 5; c < 19; c++) assertTrue(mass[c] < 0.09, "class " + c + " holds " + mass[c]);
        assertTrue(wc.size(19) > wc.size(5), "rare words share large classes");
        // rows: class-sorted and a permutation
        boolean[] seen = new boolean[400];
        for (int w = 0; w < 400; w++) {
            int r = wc.row(w), c = wc.classOf(w);
            assertTrue(r >= wc.start(c) && r < wc.start(c) + wc.size(c));
            seen[r] = true;
        }
        for (boolean s : seen) assertTrue(s);
        assertThrows(IllegalArgumentException.class, () -> new WordClasses(new int[] {0, 2, 2}), "class 1 empty");
        assertEquals(3, WordClasses.byFrequency(new int[] {100, 0, 0}, 3).classes(), "every class gets a word");
    }

    @Test void treeGivesExactNormalisedLogProbs() {
        SoftMaxTree m = SoftMaxTree.byFrequency(6, zipf(50), 7).to(DType.F64);
        Tensor h = h64(1, 9, 6).mulInPlace(2);
        Tensor lp = m.logProbs(h);
        assertArrayEquals(new int[] {9, 50}, lp.sizes());
        Tensor sums = lp.exp().sum(1, false);
        for (int i = 0; i < 9; i++) assertEquals(1, sums.get(i), 1e-12, "row " + i);
        Tensor t = Tensor.of(new int[] {0, 49, 3, 3, 17, 25, 8, 1, 40}, 9);
        Tensor picked = lp.gather(1, t.view(9, 1)).view(9), fw = m.logProb(h, t);
        for (int i = 0; i < 9; i++) assertEquals(picked.get(i), fw.get(i), 1e-12);
        // training loss = -mean log p(target), the TreeNLL of the forward
        double loss = new TreeNLLCriterion().forward(m.forward(Table.of(h, t)), null);
        assertEquals(-picked.sum() / 9, loss, 1e-12);
    }

    @Test void treeGradientWithAbsentClassesAndRepeats() {
        SoftMaxTree m = SoftMaxTree.byFrequency(4, zipf(30), 5).to(DType.F64);
        // targets from 2 of the 5 classes only
        int c0 = m.wordClasses().classOf(0);
        int[] same = java.util.stream.IntStream.range(0, 30).filter(w -> m.wordClasses().classOf(w) == c0).toArray();
        Tensor t = Tensor.of(new int[] {0, same[same.length - 1], 0, 29}, 4);
        Jacobian.check(m, Table.of(h64(2, 4, 4), t)).assertBelow(Jacobian.TOLERANCE);
    }

    @Test void noiseIsReproducibleAndFollowsCountsToThePower() {
        int[] counts = {50, 10, 0, 400, 7, 33};
        NoiseSampler s = new NoiseSampler(counts, 0.75);
        double z = 0;
        for (int c : counts) z += Math.pow(c, 0.75);
        for (int w = 0; w < 6; w++) assertEquals(Math.pow(counts[w], 0.75) / z, s.prob(w), 1e-12);
        assertArrayEquals(s.sample(new Generator(3), 100).toIntArray(), s.sample(new Generator(3), 100).toIntArray());
        int n = 200_000;
        int[] draws = s.sample(new Generator(4), n).toIntArray(), hist = new int[6];
        for (int d : draws) hist[d]++;
        assertEquals(0, hist[2], "a word never seen is never drawn");
        for (int w = 0; w < 6; w++) assertEquals(s.prob(w), hist[w] / (double) n, 4 * Math.sqrt(s.prob(w) / n) + 1e-9,
                "word " + w);
    }

    @Test void nceScoresAndExactLogProbs() {
        int[] counts = zipf(40);
        NCEModule m = new NCEModule(5, counts, 6, 0.75, 11, true).to(DType.F64);
        Tensor h = h64(5, 4, 5), t = Tensor.of(new int[] {3, 0, 39, 3}, 4);
        Tensor noise = Tensor.of(new int[] {3, 7, 0, 7, 12, 1}, 6);
        Tensor out = (Tensor) m.noise(noise).forward(Table.of(h, t));
        Tensor s = h.mm(m.weight().t()).addInPlace(m.bias()); // full scores [4, 40]
        int[] tt = t.toIntArray(), nn = noise.toIntArray();
        for (int b = 0; b < 4; b++) {
            assertEquals(s.get(b, tt[b]) - Math.log(6 * m.sampler().prob(tt[b])), out.get(b, 0), 1e-12);
            for (int j = 0; j < 6; j++) assertEquals(s.get(b, nn[j]) - Math.log(6 * m.sampler().prob(nn[j]))
                    - (nn[j] == tt[b] ? NCEModule.HIT : 0), out.get(b, 1 + j), 1e-9, b + "," + j);
        }
        Tensor sums = m.logProbs(h).exp().sum(1, false);
        for (int b = 0; b < 4; b++) assertEquals(1, sums.get(b), 1e-12);
        assertEquals(m.logProbs(h).get(2, 39), m.logProb(h, t).get(2), 1e-15);
        // unfixed: a seeded module draws the same noise as a fresh one with the same seed, and new noise each step
        NCEModule a = new NCEModule(5, counts, 6, 0.75, 11, false), b = new NCEModule(5, counts, 6, 0.75, 11, false);
        Tensor h32 = h.to(DType.F32);
        a.forward(Table.of(h32, t));
        b.forward(Table.of(h32, t));
        assertArrayEquals(a.lastNoise().toIntArray(), b.lastNoise().toIntArray());
        int[] first = a.lastNoise().toIntArray();
        a.forward(Table.of(h32, t));
        assertTrue(!java.util.Arrays.equals(first, a.lastNoise().toIntArray()), "new draws each forward");
    }

    @Test void nceGradientsWithAndWithoutHitRemoval() {
        for (boolean remove : new boolean[] {false, true}) {
            NCEModule m = new NCEModule(3, zipf(12), 5, 0.5, 1, remove).to(DType.F64);
            m.noise(Tensor.of(new int[] {2, 2, 9, 0, 11}, 5));
            Jacobian.check(m, Table.of(h64(6, 4, 3), Tensor.of(new int[] {2, 11, 4, 2}, 4))).assertBelow(Jacobian.TOLERANCE);
        }
    }

    @Test void criteriaValues() {
        Tensor x = Tensor.of(new double[] {1.5, -0.5, 0.2, -2, 0.7, 0.1}, 2, 3);
        double sp = 0;
        double[] v = x.toDoubleArray();
        for (int i = 0; i < 6; i++) sp += Math.log1p(Math.exp(i % 3 == 0 ? -v[i] : v[i]));
        assertEquals(sp / 2, new NCECriterion().forward(x, null), 1e-12);
        double ce = 0;
        for (int b = 0; b < 2; b++) {
            double lse = Math.log(Math.exp(v[3 * b]) + Math.exp(v[3 * b + 1]) + Math.exp(v[3 * b + 2]));
            ce += lse - v[3 * b];
        }
        assertEquals(ce, new SampledSoftMaxCriterion().sizeAverage(false).forward(x, null), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new TreeNLLCriterion().forward(x, null), "needs [B]");
    }

    @Test void modelFilesKeepClassesAndCounts(@TempDir Path dir) {
        SoftMaxTree tree = SoftMaxTree.byFrequency(4, zipf(30), 5);
        NCEModule nce = new NCEModule(4, zipf(30), 3, 0.75, 9, true);
        Tensor h = Tensor.randn(new Generator(8), 3, 4);
        Model.save(tree, dir.resolve("tree"));
        Model.save(nce, dir.resolve("nce"));
        SoftMaxTree tree2 = (SoftMaxTree) Model.load(dir.resolve("tree"));
        NCEModule nce2 = (NCEModule) Model.load(dir.resolve("nce"));
        assertArrayEquals(tree.wordClasses().assignment(), tree2.wordClasses().assignment());
        assertArrayEquals(tree.logProbs(h).toFloatArray(), tree2.logProbs(h).toFloatArray());
        assertArrayEquals(nce.logProbs(h).toFloatArray(), nce2.logProbs(h).toFloatArray());
        assertEquals(nce.sampler().prob(7), nce2.sampler().prob(7), 0);
    }

    @Test void errorsNameTheModuleAndShapes() {
        SoftMaxTree m = SoftMaxTree.byFrequency(4, zipf(30), 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Table.of(Tensor.zeros(2, 4), Tensor.of(new int[] {1, 30}, 2))));
        assertTrue(e.getMessage().contains("SoftMaxTree") && e.getMessage().contains("30"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().contains("target"), e.getMessage());
        NCEModule nce = new NCEModule(4, new int[] {3, 0, 2}, 2, 0.75, 1, false);
        e = assertThrows(IllegalArgumentException.class, () -> nce.forward(Table.of(Tensor.zeros(1, 4),
                Tensor.of(new int[] {1}, 1))));
        assertTrue(e.getMessage().contains("count 0"), e.getMessage());
    }
}
