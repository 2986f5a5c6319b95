package jtorch.unsup.sparse;

import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/** The iteration shared by {@link Ista} (plain) and {@link Fista} (with momentum); see those classes. */
final class ProximalGradient {
    private ProximalGradient() {}

    static SparseCodes solve(String op, Lasso p, Tensor x, Tensor init, Stop stop, Monitor monitor, boolean accelerate) {
        if (p == null || stop == null) throw new IllegalArgumentException(op + ": the problem and the stop rule are required");
        p.checkInputs(op, x);
        int b = x.size(0), m = p.codeSize();
        double step = 1 / p.lipschitz(), threshold = p.lambda() * step, t = 1;
        // F32 kernels take their fast path for scalars that are F32 values; the rounding (< 6e-8 relative) is within
        // the 1e-6 margin on L
        if (x.dtype() == DType.F32) {
            step = (float) step;
            threshold = (float) threshold;
        }
        // v = y + (1/L)(X D − y G) = X D / L + y (I − G / L), the gradient step on the smooth part, one product
        Tensor xd = p.correlations(x).mulInPlace(step), s = p.istaMatrix();
        Tensor z = init == null ? x.newZeros(b, m) : p.checkCodes(op + " (initial codes)", x, init).clone();
        Tensor prev = z.zerosLike(), v = z.zerosLike(), scratch = z.zerosLike();
        Tensor y = accelerate ? z.clone() : z;
        boolean check = stop.tolerance() > 0;
        int k = 0;
        boolean converged = false;
        while (k < stop.maxIterations()) {
            v.copy(xd).addmmInPlace(1, 1, y, s);
            Tensor swap = prev;
            prev = z;
            z = swap;
            Shrink.soft(v, threshold, scratch, z);
            k++;
            double change = 0, size = 0;
            if (check || accelerate) z.sub(prev, scratch);
            if (check) {
                change = scratch.norm(2);
                size = z.norm(2);
            }
            if (accelerate) {
                double next = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
                y.copy(z).addInPlace((t - 1) / next, scratch);
                t = next;
            } else {
                y = z;
            }
            if (monitor != null) monitor.iteration(k, z);
            if (check && !Double.isFinite(change)) throw new ArithmeticException(op + ": the codes became non-finite at"
                    + " iteration " + k + " (inputs " + x.shape() + ", " + p + ")");
            if (check && change <= stop.tolerance() * Math.max(size, 1e-30)) {
                converged = true;
                break;
            }
        }
        Tensor f = p.objectives(x, z);
        if (!check && !Double.isFinite(f.sum())) throw new ArithmeticException(op + ": the codes became non-finite"
                + " within " + k + " iterations (inputs " + x.shape() + ", " + p + ")");
        return new SparseCodes(z, k, converged, f, f.mean());
    }
}
