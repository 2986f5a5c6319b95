package jtorch.unsup.rbm;

import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/** Tiny RBMs and plain-loop brute-force sums over every (v, h) of a Bernoulli RBM, independent of the tensor code. */
final class BruteForce {
    final int nv, nh;
    final double[][] w;
    final double[] b, c;

    BruteForce(Rbm rbm) {
        nv = rbm.visibleSize();
        nh = rbm.hiddenSize();
        double[] wf = rbm.weight().toDoubleArray();
        w = new double[nv][nh];
        for (int i = 0; i < nv; i++) for (int j = 0; j < nh; j++) w[i][j] = wf[i * nh + j];
        b = rbm.visibleBias().toDoubleArray();
        c = rbm.hiddenBias().toDoubleArray();
    }

    /** A Bernoulli RBM of F64 with every parameter ~ N(0, scale²). */
    static BernoulliRbm bernoulli(int nv, int nh, double scale, long seed) {
        BernoulliRbm r = new BernoulliRbm(nv, nh, DType.F64);
        r.parameters().copy(Tensor.randn(DType.F64, new Generator(seed), r.parameters().numel()).mulInPlace(scale));
        return r;
    }

    static double[] bits(int k, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = (k >> i) & 1;
        return x;
    }

    /** Every binary row of n units, in counting order, [2^n, n] F64. */
    static Tensor allStates(int n) {
        double[] a = new double[(1 << n) * n];
        for (int k = 0; k < 1 << n; k++) System.arraycopy(bits(k, n), 0, a, k * n, n);
        return Tensor.of(a, 1 << n, n);
    }

    double energy(double[] v, double[] h) {
        double e = 0;
        for (int i = 0; i < nv; i++) {
            e -= b[i] * v[i];
            for (int j = 0; j < nh; j++) e -= v[i] * w[i][j] * h[j];
        }
        for (int j = 0; j < nh; j++) e -= c[j] * h[j];
        return e;
    }

    /** Σ_h e^{-E(v, h)}. */
    double unnormalised(double[] v) {
        double s = 0;
        for (int hk = 0; hk < 1 << nh; hk++) s += Math.exp(-energy(v, bits(hk, nh)));
        return s;
    }

    double freeEnergy(double[] v) { return -Math.log(unnormalised(v)); }

    double logZ() {
        double z = 0;
        for (int vk = 0; vk < 1 << nv; vk++) z += unnormalised(bits(vk, nv));
        return Math.log(z);
    }

    /** p(v) for every v in counting order. */
    double[] marginal() {
        double z = Math.exp(logZ());
        double[] p = new double[1 << nv];
        for (int vk = 0; vk < p.length; vk++) p[vk] = unnormalised(bits(vk, nv)) / z;
        return p;
    }

    /**
     * ∂/∂θ of the mean NLL of the rows of {@code data} by enumeration: ⟨∂E/∂θ⟩_{h | data} - ⟨∂E/∂θ⟩_{v, h}, with
     * ∂E/∂W_ij = -v_i h_j, ∂E/∂b = -v, ∂E/∂c = -h; flat in the layout of {@link Rbm#parameters()}.
     */
    double[] nllGradient(double[][] data) {
        double[] g = new double[nv * nh + nv + nh];
        for (double[] v : data) addExpectedEnergyGradient(g, v, 1.0 / data.length);
        double z = Math.exp(logZ());
        for (int vk = 0; vk < 1 << nv; vk++) {
            double[] v = bits(vk, nv);
            addExpectedEnergyGradient(g, v, -unnormalised(v) / z);
        }
        return g;
    }

    /** g += weight · E_{h | v}[∂E(v, h)/∂θ]. */
    private void addExpectedEnergyGradient(double[] g, double[] v, double weight) {
        double zv = unnormalised(v);
        for (int hk = 0; hk < 1 << nh; hk++) {
            double[] h = bits(hk, nh);
            double p = weight * Math.exp(-energy(v, h)) / zv;
            for (int i = 0; i < nv; i++) {
                for (int j = 0; j < nh; j++) g[i * nh + j] -= p * v[i] * h[j];
                g[nv * nh + i] -= p * v[i];
            }
            for (int j = 0; j < nh; j++) g[nv * nh + nv + j] -= p * h[j];
        }
    }

    static double[][] rows(Tensor t) {
        double[][] r = new double[t.size(0)][];
        for (int i = 0; i < r.length; i++) r[i] = t.select(0, i).toDoubleArray();
        return r;
    }
}
