package jtorch.optim;

import jtorch.backend.Backends;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/** Test functions for the optimizers, as closures over flat F64 (or F32) parameters. */
final class Problems {
    private Problems() {}

    static Tensor vec(double... v) { return Tensor.of(v, v.length).to(Backends.ref()); }

    /** f(x) = ½ Σ aᵢ xᵢ², ∇f = a ⊙ x (a fresh gradient tensor each call). */
    static Feval diagonalQuadratic(double... a) {
        return x -> {
            double[] xs = x.toDoubleArray(), g = new double[xs.length];
            double f = 0;
            for (int i = 0; i < xs.length; i++) { f += 0.5 * a[i] * xs[i] * xs[i]; g[i] = a[i] * xs[i]; }
            return new Feval.Eval(f, Tensor.of(g, g.length).to(x.dtype()).to(x.backend()));
        };
    }

    /** f(x) = ½ xᵀAx - bᵀx with A = [[3,1,0],[1,2,0.5],[0,0.5,1]] (positive definite), b = [1,-1,2]. */
    static Feval coupledQuadratic() {
        double[][] a = {{3, 1, 0}, {1, 2, 0.5}, {0, 0.5, 1}};
        double[] b = {1, -1, 2};
        return x -> {
            double[] xs = x.toDoubleArray(), g = new double[3];
            double f = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) g[i] += a[i][j] * xs[j];
                f += 0.5 * xs[i] * g[i] - b[i] * xs[i];
                g[i] -= b[i];
            }
            return new Feval.Eval(f, Tensor.of(g, 3).to(x.dtype()).to(x.backend()));
        };
    }

    /** The minimiser of {@link #coupledQuadratic()}: A⁻¹b. */
    static double[] coupledQuadraticMinimum() {
        // A⁻¹b solved by hand: det(A) = 3(2 - 0.25) - 1(1 - 0) = 4.25
        double det = 4.25;
        double[][] inv = {{1.75 / det, -1 / det, 0.5 / det}, {-1 / det, 3 / det, -1.5 / det}, {0.5 / det, -1.5 / det, 5 / det}};
        double[] b = {1, -1, 2}, x = new double[3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) x[i] += inv[i][j] * b[j];
        return x;
    }

    /** Rosenbrock's function in 2-d: f = (1 - x)² + 100 (y - x²)², minimum 0 at (1, 1). */
    static Feval rosenbrock() {
        return p -> {
            double x = p.get(0), y = p.get(1);
            double f = (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
            double gx = -2 * (1 - x) - 400 * x * (y - x * x), gy = 200 * (y - x * x);
            return new Feval.Eval(f, Tensor.of(new double[] {gx, gy}, 2).to(p.dtype()).to(p.backend()));
        };
    }

    static Tensor f32(double... v) { return vec(v).to(DType.F32).to(Backends.cpu()); }
}
