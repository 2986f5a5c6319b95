package jtorch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.tensor.Generator;
import org.junit.jupiter.api.Test;

/** SymmetricEigen: A V = V Λ, Vᵀ V = I, known spectra, repeated eigenvalues, the PSD square root, bad input. */
class SymmetricEigenTest {
    static double[][] randomSymmetric(long seed, int n) {
        Generator g = new Generator(seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) a[i][j] = a[j][i] = g.nextGaussian();
        return a;
    }

    /** B Bᵀ for a random n × r B: PSD of rank r. */
    static double[][] randomPsd(long seed, int n, int r) {
        Generator g = new Generator(seed);
        double[][] b = new double[n][r], a = new double[n][n];
        for (double[] row : b) for (int j = 0; j < r; j++) row[j] = g.nextGaussian();
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int k = 0; k < r; k++) a[i][j] += b[i][k] * b[j][k];
        return a;
    }

    static void assertDecomposes(double[][] a, SymmetricEigen e, double tol) {
        int n = a.length;
        double[][] v = e.vectors();
        for (int j = 1; j < n; j++) assertTrue(e.values()[j - 1] <= e.values()[j], "ascending");
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            double av = 0, vtv = 0;
            for (int k = 0; k < n; k++) { av += a[i][k] * v[k][j]; vtv += v[k][i] * v[k][j]; }
            assertEquals(v[i][j] * e.values()[j], av, tol, "(A V - V Λ) at " + i + ", " + j);
            assertEquals(i == j ? 1 : 0, vtv, tol, "(Vᵀ V - I) at " + i + ", " + j);
        }
    }

    @Test
    void randomMatricesOfSeveralSizes() {
        for (int n : new int[] {1, 2, 3, 7, 40}) assertDecomposes(randomSymmetric(n, n), SymmetricEigen.of(randomSymmetric(n, n)), 1e-11);
    }

    @Test
    void knownSpectra() {
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertEquals(1, e.values()[0], 1e-15);
        assertEquals(3, e.values()[1], 1e-15);
        assertEquals(Math.abs(e.vectors()[0][1]), Math.sqrt(0.5), 1e-15);
        // diagonal input: nothing to rotate, sorted
        e = SymmetricEigen.of(new double[][] {{5, 0, 0}, {0, -1, 0}, {0, 0, 2}});
        assertEquals(-1, e.values()[0], 0);
        assertEquals(2, e.values()[1], 0);
        assertEquals(5, e.values()[2], 0);
        // repeated eigenvalues: I + 1 1ᵀ (4 × 4) has 1, 1, 1, 5
        double[][] a = new double[4][4];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) a[i][j] = (i == j ? 2 : 1);
        e = SymmetricEigen.of(a);
        assertDecomposes(a, e, 1e-13);
        for (int j = 0; j < 3; j++) assertEquals(1, e.values()[j], 1e-13);
        assertEquals(5, e.values()[3], 1e-13);
        // a rank-3 PSD matrix of size 30: 27 zero eigenvalues (to rounding), 3 positive
        a = randomPsd(9, 30, 3);
        e = SymmetricEigen.of(a);
        assertDecomposes(a, e, 1e-10);
        for (int j = 0; j < 27; j++) assertEquals(0, e.values()[j], 1e-12);
        assertTrue(e.values()[27] > 0.1);
    }

    @Test
    void squareRootOfPsdMatrices() {
        for (int r : new int[] {12, 4}) { // full rank and rank-deficient
            double[][] a = randomPsd(r, 12, r), s = SymmetricEigen.of(a).sqrtPsd();
            for (int i = 0; i < 12; i++) for (int j = 0; j < 12; j++) {
                double ss = 0;
                for (int k = 0; k < 12; k++) ss += s[i][k] * s[k][j];
                assertEquals(a[i][j], ss, 1e-10, "S S = A at " + i + ", " + j + " (rank " + r + ")");
                assertEquals(s[i][j], s[j][i], 0);
            }
            for (double l : SymmetricEigen.of(s).values()) assertTrue(l > -1e-7, "S is PSD: " + l);
        }
    }

    @Test
    void rejectsBadMatrices() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}, {3, 4}}))
                .getMessage().contains("not symmetric"));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{Double.NaN}}));
    }
}
