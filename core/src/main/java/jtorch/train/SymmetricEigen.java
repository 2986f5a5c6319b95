package jtorch.train;

/**
 * The eigen-decomposition A = V Λ Vᵀ of a real symmetric n × n matrix (F64, on heap arrays), by the cyclic Jacobi
 * method (Jacobi 1846; Rutishauser's formulation): sweeps over all pairs p &lt; q apply the plane rotation J_pq that
 * zeroes a_pq, A ← J_pqᵀ A J_pq, V ← V J_pq, with t = tan θ the smaller root of t² + 2ζt − 1 = 0,
 * ζ = (a_qq − a_pp) / (2 a_pq), c = 1/√(1 + t²), s = t c. Sweeps stop when the off-diagonal Frobenius norm is below
 * 1e-15 · ‖A‖_F (at most 100 sweeps; convergence is quadratic, typically 6–10). Jacobi's method is backward stable
 * and gives small eigenvalues to high relative accuracy, which the square root of a PSD matrix needs. Cost ≈ 6n³ flops
 * per sweep. Eigenvalues are returned in ascending order with their eigenvectors as the columns of V.
 */
public record SymmetricEigen(double[] values, double[][] vectors) {
    private static final int MAX_SWEEPS = 100;

    /** Decomposes {@code a} (n × n, symmetric to within 1e-9 relative; it is not modified). */
    public static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) throw new IllegalArgumentException("SymmetricEigen: row " + i + " has " + a[i].length
                    + " entries, the matrix must be square " + n + " x " + n);
            m[i] = a[i].clone();
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(a[i][j])) throw new IllegalArgumentException("SymmetricEigen: entry (" + i + ", "
                        + j + ") is " + a[i][j]);
                norm += a[i][j] * a[i][j];
            }
        }
        for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) {
            if (Math.abs(a[i][j] - a[j][i]) > 1e-9 * Math.sqrt(norm)) throw new IllegalArgumentException(
                    "SymmetricEigen: the matrix is not symmetric: (" + i + ", " + j + ") = " + a[i][j] + " but ("
                    + j + ", " + i + ") = " + a[j][i]);
            m[i][j] = m[j][i] = 0.5 * (a[i][j] + a[j][i]);
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) v[i][i] = 1;
        double tol = 1e-15 * Math.sqrt(norm);
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(m) > tol; sweep++) {
            for (int p = 0; p < n - 1; p++) for (int q = p + 1; q < n; q++) rotate(m, v, p, q);
        }
        return sorted(m, v);
    }

    /** √(Σ_{i≠j} m_ij²). */
    private static double offDiagonal(double[][] m) {
        double s = 0;
        for (int i = 0; i < m.length; i++) for (int j = 0; j < m.length; j++) if (i != j) s += m[i][j] * m[i][j];
        return Math.sqrt(s);
    }

    /** One Jacobi rotation zeroing m[p][q] (and m[q][p]); accumulates it into v. */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        double apq = m[p][q];
        if (apq == 0) return;
        double zeta = (m[q][q] - m[p][p]) / (2 * apq);
        double t = Double.isInfinite(zeta * zeta) ? 1 / (2 * zeta)
                : Math.copySign(1, zeta) / (Math.abs(zeta) + Math.sqrt(zeta * zeta + 1));
        double c = 1 / Math.sqrt(t * t + 1), s = t * c;
        int n = m.length;
        for (int k = 0; k < n; k++) { // columns p, q
            double kp = m[k][p], kq = m[k][q];
            m[k][p] = c * kp - s * kq;
            m[k][q] = s * kp + c * kq;
        }
        double[] rp = m[p], rq = m[q];
        for (int k = 0; k < n; k++) { // rows p, q
            double pk = rp[k], qk = rq[k];
            rp[k] = c * pk - s * qk;
            rq[k] = s * pk + c * qk;
        }
        m[p][q] = m[q][p] = 0;
        for (int k = 0; k < n; k++) {
            double kp = v[k][p], kq = v[k][q];
            v[k][p] = c * kp - s * kq;
            v[k][q] = s * kp + c * kq;
        }
    }

    private static SymmetricEigen sorted(double[][] m, double[][] v) {
        int n = m.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(m[x][x], m[y][y]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int j = 0; j < n; j++) {
            values[j] = m[order[j]][order[j]];
            for (int i = 0; i < n; i++) vectors[i][j] = v[i][order[j]];
        }
        return new SymmetricEigen(values, vectors);
    }

    /**
     * V f(Λ) Vᵀ with f(λ) = √max(λ, 0): the symmetric PSD square root of a symmetric positive semi-definite matrix
     * (eigenvalues that rounding made slightly negative count as 0).
     */
    public double[][] sqrtPsd() {
        int n = values.length;
        double[] r = new double[n];
        for (int j = 0; j < n; j++) r[j] = Math.sqrt(Math.max(values[j], 0));
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) for (int k = 0; k <= i; k++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += vectors[i][j] * r[j] * vectors[k][j];
            out[i][k] = out[k][i] = s;
        }
        return out;
    }
}
