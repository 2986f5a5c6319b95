package jtorch.unsup.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jtorch.backend.Backends;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** ISTA and FISTA on small random F64 problems (reference back end): optimality, speed of convergence, stop rules. */
class FistaTest {

    /** A random dictionary [n, m] with unit-norm columns, F64 on the reference back end. */
    static Tensor dictionary(long seed, int n, int m) {
        Tensor d = Tensor.randn(DType.F64, new Generator(seed), n, m).to(Backends.ref());
        return d.divInPlace(d.norm(2, 0, true));
    }

    static Tensor inputs(long seed, int b, int n) { return Tensor.randn(DType.F64, new Generator(seed), b, n).to(Backends.ref()); }

    @Test void fistaSolutionSatisfiesTheOptimalityConditions() {
        double lambda = 0.3;
        Lasso p = Lasso.of(dictionary(1, 8, 16), lambda);
        Tensor x = inputs(2, 5, 8);
        SparseCodes s = Fista.solve(p, x, Stop.converged(1e-13, 50_000));
        assertTrue(s.converged(), "FISTA did not converge in " + s.iterations() + " iterations");
        Tensor c = p.residualCorrelations(x, s.codes());
        double[] z = s.codes().toDoubleArray(), cj = c.toDoubleArray();
        int support = 0;
        for (int i = 0; i < z.length; i++) {
            if (z[i] != 0) {
                support++;
                assertEquals(lambda * Math.signum(z[i]), cj[i], 1e-7, "on the support, entry " + i);
            } else {
                assertTrue(Math.abs(cj[i]) <= lambda + 1e-7, "off the support, entry " + i + ": |" + cj[i] + "| > " + lambda);
            }
        }
        assertTrue(support > 5 && support < z.length - 5, "a non-trivial support: " + support + " of " + z.length);
        // the conditions are not met by a perturbed code (the check can fail)
        Tensor off = s.codes().clone().addInPlace(1e-3);
        assertTrue(p.residualCorrelations(x, off).sub(c).abs().max() > 1e-5);
    }

    @Test void fistaBeatsIstaEarlyAndBothReachTheSameObjective() {
        Lasso p = Lasso.of(dictionary(3, 10, 20), 0.3);
        Tensor x = inputs(4, 20, 10);
        for (int k : new int[] {5, 10, 20}) {
            double ista = Ista.solve(p, x, Stop.after(k)).objective(), fista = Fista.solve(p, x, Stop.after(k)).objective();
            assertTrue(fista < ista, "after " + k + " iterations FISTA " + fista + " should be below ISTA " + ista);
        }
        SparseCodes i = Ista.solve(p, x, Stop.converged(1e-10, 200_000)), f = Fista.solve(p, x, Stop.converged(1e-10, 200_000));
        assertTrue(i.converged() && f.converged(), "ISTA " + i.iterations() + ", FISTA " + f.iterations() + " iterations");
        assertTrue(f.iterations() < i.iterations(), "FISTA " + f.iterations() + " vs ISTA " + i.iterations() + " iterations");
        assertEquals(f.objective(), i.objective(), 1e-8 * f.objective());
        assertEquals(0, s(f).sub(s(i)).abs().max(), 1e-5, "ISTA " + i.iterations() + ", FISTA " + f.iterations());
        assertEquals(p.objective(x, f.codes()), f.objective(), 1e-12);
    }

    private static Tensor s(SparseCodes c) { return c.codes(); }

    @Test void stopAfterRunsExactlyThatManyIterationsAndObjectivesFall() {
        Lasso p = Lasso.of(dictionary(5, 6, 12), 0.1);
        Tensor x = inputs(6, 4, 6);
        List<Double> f = new ArrayList<>();
        SparseCodes s = Ista.solve(p, x, null, Stop.after(7), (k, z) -> f.add(p.objective(x, z)));
        assertEquals(7, s.iterations());
        assertFalse(s.converged());
        assertEquals(7, f.size());
        for (int k = 1; k < f.size(); k++) assertTrue(f.get(k) <= f.get(k - 1) + 1e-12, "ISTA is monotone: " + f);
        assertEquals(f.get(6), s.objective(), 1e-12);
        // warm start from the solution: converges at once
        SparseCodes opt = Fista.solve(p, x, Stop.converged(1e-12, 100_000));
        SparseCodes warm = Fista.solve(p, x, opt.codes(), Stop.converged(1e-9, 100), null);
        assertTrue(warm.converged() && warm.iterations() <= 2, "warm start took " + warm.iterations());
    }

    @Test void largeLambdaGivesZeroCodes() {
        Tensor d = dictionary(7, 5, 9);
        Tensor x = inputs(8, 3, 5);
        double lmax = x.mm(d).abs().max();
        SparseCodes s = Fista.solve(Lasso.of(d, lmax * 1.0001), x, Stop.after(50));
        assertEquals(0, s.codes().abs().max());
        assertEquals(0, s.nonzeroFraction());
        assertTrue(Fista.solve(Lasso.of(d, lmax * 0.5), x, Stop.after(50)).meanNonzeros() > 0);
    }

    @Test void powerIterationFindsTheLargestEigenvalue() {
        Tensor q = dictionary(9, 6, 6);
        // a symmetric PSD matrix with known eigenvalues: A = U diag(5, 2, 1, 0.5, 0.1, 0) Uᵀ, U orthonormal (QR by Gram-Schmidt)
        double[][] u = new double[6][6];
        double[] raw = q.toDoubleArray();
        for (int j = 0; j < 6; j++) {
            for (int i = 0; i < 6; i++) u[j][i] = raw[i * 6 + j];
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < 6; i++) dot += u[j][i] * u[k][i];
                for (int i = 0; i < 6; i++) u[j][i] -= dot * u[k][i];
            }
            double norm = 0;
            for (int i = 0; i < 6; i++) norm += u[j][i] * u[j][i];
            for (int i = 0; i < 6; i++) u[j][i] /= Math.sqrt(norm);
        }
        double[] ev = {5, 2, 1, 0.5, 0.1, 0};
        double[] a = new double[36];
        for (int i = 0; i < 6; i++) for (int k = 0; k < 6; k++) for (int j = 0; j < 6; j++) a[i * 6 + k] += u[j][i] * ev[j] * u[j][k];
        double l = PowerIteration.largestEigenvalue(Tensor.of(a, 6, 6).to(Backends.ref()));
        assertEquals(5, l, 1e-5);
        assertTrue(l >= 5 - 1e-9, "not below the true value: " + l);
        assertEquals(0, PowerIteration.largestEigenvalue(Tensor.zeros(DType.F64, 3, 3)));
    }

    @Test void hostileInputsGiveClearErrors() {
        Tensor d = dictionary(10, 8, 16);
        Lasso p = Lasso.of(d, 0.1);
        expect(() -> Fista.solve(p, inputs(1, 4, 7), Stop.after(3)), "Fista: inputs must be [B, 8]", "[4, 7]", "[8, 16]");
        expect(() -> Ista.solve(p, inputs(1, 8, 1).view(8), Stop.after(3)), "Ista: inputs must be [B, 8]", "[8]");
        expect(() -> Fista.solve(p, inputs(1, 4, 8), inputs(2, 4, 15), Stop.after(3), null), "codes must be [4, 16]", "[4, 15]");
        expect(() -> Lasso.of(d, -0.5), "lambda must be a finite number >= 0", "-0.5");
        expect(() -> Lasso.of(d, Double.NaN), "lambda", "NaN");
        expect(() -> Lasso.of(d.view(128), 0.1), "dictionary must be a matrix [n, m]", "[128]");
        expect(() -> Lasso.of(Tensor.zeros(DType.F64, 4, 3), 0.1), "is zero");
        expect(() -> Fista.solve(p, Tensor.randn(new Generator(1), 2, 8), Stop.after(3)), "F32", "F64");
        expect(() -> Stop.after(0), "maxIterations must be >= 1");
        expect(() -> new Stop(3, -1), "tolerance must be >= 0");
        expect(() -> p.objectives(inputs(1, 3, 8), inputs(1, 2, 16)), "codes must be [3, 16]", "[2, 16]");
        expect(() -> p.reconstruct(inputs(1, 3, 8)), "codes must be [B, 16]", "[3, 8]");
        expect(() -> PowerIteration.largestEigenvalue(inputs(1, 3, 4)), "square matrix", "[3, 4]");
        expect(() -> Lasso.of(d.clone().set(Double.NaN, 2, 3), 0.1), "not finite");
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> Fista.solve(p, inputs(1, 3, 8).set(Double.POSITIVE_INFINITY, 1, 2), Stop.after(5)));
        assertTrue(e.getMessage().contains("Fista: the codes became non-finite"), e.getMessage());
        e = assertThrows(ArithmeticException.class, () -> Ista.solve(p, inputs(1, 3, 8).set(Double.NaN, 0, 0),
                Stop.converged(1e-6, 5)));
        assertTrue(e.getMessage().contains("Ista: the codes became non-finite at iteration 1"), e.getMessage());
    }

    static void expect(Runnable r, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String s : parts) assertTrue(e.getMessage().contains(s), "'" + e.getMessage() + "' should contain '" + s + "'");
    }
}
