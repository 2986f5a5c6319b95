package jtorch.unsup.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.backend.Backends;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Dictionary learning on data made from a known sparse model: the objective falls and the atoms approach the true ones. */
class DictionaryLearningTest {

    /** x = D₀ z + noise with 3 nonzeros per code (values ±(1..2)), D₀ [8, 12] unit-norm columns; F64. */
    static Tensor data(Tensor d0, int count, long seed) {
        Generator g = new Generator(seed);
        int m = d0.size(1);
        double[] z = new double[count * m];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < 3; k++) z[i * m + g.nextInt(m)] = (g.nextDouble() < 0.5 ? -1 : 1) * (1 + g.nextDouble());
        }
        Tensor codes = Tensor.of(z, count, m).to(Backends.ref());
        return codes.mm(d0.t()).addInPlace(0.01, Tensor.randn(DType.F64, g, count, d0.size(0)).to(Backends.ref()));
    }

    @Test void objectiveFallsAndAtomsApproachTheTrueOnes() {
        Tensor d0 = FistaTest.dictionary(11, 8, 12);
        Tensor x = data(d0, 600, 12), held = data(d0, 200, 13);
        DictionaryLearning.Options o = new DictionaryLearning.Options(12, 0.1, 5, 100, Stop.converged(1e-4, 100), 14);
        java.util.List<Double> seen = new java.util.ArrayList<>();
        DictionaryLearning.Result r = DictionaryLearning.learn(x, o, (e, f, d) -> seen.add(f));
        double[] f = r.objectives();
        assertEquals(5, seen.size());
        for (int e = 1; e < f.length; e++) assertTrue(f[e] < f[e - 1], "the objective falls: " + java.util.Arrays.toString(f));
        // unit-norm columns
        assertEquals(0, r.dictionary().norm(2, 0, false).sub(1).abs().max(), 1e-9);
        // held-out objective: learned dictionary well below a random one, near the true one's
        Stop stop = Stop.converged(1e-6, 1000);
        double learned = Fista.solve(Lasso.of(r.dictionary(), 0.1), held, stop).objective();
        double random = Fista.solve(Lasso.of(FistaTest.dictionary(15, 8, 12), 0.1), held, stop).objective();
        double truth = Fista.solve(Lasso.of(d0, 0.1), held, stop).objective();
        assertTrue(learned < 0.8 * random, "learned " + learned + " vs random " + random);
        assertTrue(learned < 1.2 * truth, "learned " + learned + " vs the true dictionary " + truth);
        // the atoms move towards the true ones: the mean over true atoms of the best |cos| with a learned atom rises
        double before = FistaTest.dictionary(15, 8, 12).t().mm(d0).abs().max(1, false).values().mean();
        double after = d0.t().mm(r.dictionary()).abs().max(1, false).values().mean();
        assertTrue(after > 0.75 && after > before + 0.05, "mean best |cos| " + before + " (random) -> " + after);
    }

    @Test void sameSeedSameDictionary() {
        Tensor d0 = FistaTest.dictionary(21, 6, 8);
        Tensor x = data(d0, 120, 22);
        DictionaryLearning.Options o = new DictionaryLearning.Options(8, 0.1, 2, 40, Stop.after(20), 23);
        double[] a = DictionaryLearning.learn(x, o, null).dictionary().toDoubleArray();
        assertArrayEquals(a, DictionaryLearning.learn(x, o, null).dictionary().toDoubleArray());
        DictionaryLearning.Options other = new DictionaryLearning.Options(8, 0.1, 2, 40, Stop.after(20), 24);
        assertTrue(DictionaryLearning.learn(x, other, null).dictionary().sub(Tensor.of(a, 6, 8).to(Backends.ref())).abs().max() > 1e-3);
    }

    @Test void badSettingsAreClearErrors() {
        FistaTest.expect(() -> new DictionaryLearning.Options(0, 0.1, 1, 1, Stop.after(1), 0), "atoms", ">= 1");
        FistaTest.expect(() -> new DictionaryLearning.Options(4, -1, 1, 1, Stop.after(1), 0), "lambda must be", "-1");
        FistaTest.expect(() -> new DictionaryLearning.Options(4, 0.1, 1, 1, null, 0), "Stop is required");
        DictionaryLearning.Options o = new DictionaryLearning.Options(4, 0.1, 1, 1, Stop.after(1), 0);
        FistaTest.expect(() -> DictionaryLearning.learn(FistaTest.inputs(1, 12, 1).view(12), o, null), "[N, n]", "[12]");
    }
}
