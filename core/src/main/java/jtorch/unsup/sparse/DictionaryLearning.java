package jtorch.unsup.sparse;

import jtorch.data.TensorDataset;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Dictionary learning for sparse coding: minimises the mean over the inputs x of
 * min_z ½‖x − D z‖² + λ‖z‖₁ over dictionaries D [n, m] with unit-norm columns, by alternating
 * <ol>
 *   <li>codes Z of a minibatch X [b, n] by {@link Fista} with D fixed, and</li>
 *   <li>one sweep of block-coordinate descent over D's columns (Mairal, Bach, Ponce, Sapiro 2009, "Online dictionary
 *       learning"), on statistics accumulated since the start of the epoch, A = Σ ZᵀZ [m, m] and
 *       C = Σ XᵀZ [n, m]: for each atom j with A_jj &gt; 0,
 *       u = d_j + (c_j − D a_j) / A_jj, d_j = u / ‖u‖ (columns renormalised to unit norm).</li>
 * </ol>
 * The initial dictionary is N(0, 1) with unit-norm columns, drawn from {@code new Generator(seed)}, which also orders
 * the minibatches (a fresh permutation per epoch): the same seed and data give the same dictionary. At the end of an
 * epoch, an atom that no code used in that epoch is replaced by a random input of the data, normalised (counted in
 * {@link Result#replaced}). The objective of an epoch is the mean objective of its minibatches' codes, each computed
 * before the dictionary update of that minibatch.
 */
public final class DictionaryLearning {
    private DictionaryLearning() {}

    /**
     * The settings.
     *
     * @param atoms     m, the number of columns of D (&ge; 1)
     * @param lambda    λ &ge; 0
     * @param epochs    passes over the data (&ge; 1)
     * @param batchSize inputs per minibatch (&ge; 1)
     * @param inference how FISTA stops for each minibatch
     * @param seed      the initial dictionary and the minibatch order
     */
    public record Options(int atoms, double lambda, int epochs, int batchSize, Stop inference, long seed) {
        public Options {
            if (atoms < 1 || epochs < 1 || batchSize < 1) throw new IllegalArgumentException("DictionaryLearning: atoms,"
                    + " epochs and batchSize must be >= 1, got " + atoms + ", " + epochs + ", " + batchSize);
            if (!(lambda >= 0) || Double.isInfinite(lambda)) throw new IllegalArgumentException("DictionaryLearning:"
                    + " lambda must be a finite number >= 0, got " + lambda);
            if (inference == null) throw new IllegalArgumentException("DictionaryLearning: the inference Stop is required");
        }
    }

    /** Called after each epoch (1, 2, ...) with that epoch's mean objective and the current dictionary. */
    @FunctionalInterface
    public interface EpochListener { void epoch(int epoch, double objective, Tensor dictionary); }

    /**
     * The learned dictionary D [n, m], the mean objective of every epoch, and how many atoms were replaced after each
     * epoch for want of use.
     */
    public record Result(Tensor dictionary, double[] objectives, int[] replaced) {}

    /** Learns a dictionary for the rows of {@code x} [N, n]; {@code listener} may be null. */
    public static Result learn(Tensor x, Options o, EpochListener listener) {
        if (x == null || x.dim() != 2 || x.size(0) < 1) throw new IllegalArgumentException("DictionaryLearning: inputs must"
                + " be [N, n] with N >= 1, got " + (x == null ? "null" : x.shape()));
        int count = x.size(0), n = x.size(1), m = o.atoms();
        Generator g = new Generator(o.seed());
        Tensor d = Tensor.randn(x.dtype(), g, n, m).to(x.backend());
        d.divInPlace(d.norm(2, 0, true));
        Tensor a = x.newZeros(m, m), c = x.newZeros(n, m), used = x.newZeros(m), u = x.newZeros(n);
        double[] objectives = new double[o.epochs()];
        int[] replaced = new int[o.epochs()];
        for (int e = 0; e < o.epochs(); e++) {
            int[] order = TensorDataset.permutation(count, g);
            a.fillInPlace(0);
            c.fillInPlace(0);
            used.fillInPlace(0);
            double sum = 0;
            int batches = 0;
            for (int s = 0; s < count; s += o.batchSize()) {
                int len = Math.min(o.batchSize(), count - s);
                int[] idx = java.util.Arrays.copyOfRange(order, s, s + len);
                Tensor xb = x.indexSelect(0, Tensor.of(idx));
                SparseCodes codes = Fista.solve(Lasso.of(d, o.lambda()), xb, o.inference());
                Tensor z = codes.codes();
                sum += codes.objective();
                batches++;
                a.addmmInPlace(1, 1, z.t(), z);
                c.addmmInPlace(1, 1, xb.t(), z);
                used.addInPlace(z.ne(0).sum(0, false));
                updateColumns(d, a, c, u);
            }
            objectives[e] = sum / batches;
            replaced[e] = replaceUnused(d, used, x, g);
            if (listener != null) listener.epoch(e + 1, objectives[e], d);
        }
        return new Result(d, objectives, replaced);
    }

    /** One sweep of block-coordinate descent over the columns of d. */
    private static void updateColumns(Tensor d, Tensor a, Tensor c, Tensor u) {
        for (int j = 0; j < d.size(1); j++) {
            double ajj = a.get(j, j);
            if (!(ajj > 1e-12)) continue;
            Tensor dj = d.select(1, j);
            // u = d_j + (c_j − D a_j) / A_jj
            u.copy(c.select(1, j)).addmvInPlace(1, -1, d, a.select(1, j)).divInPlace(ajj).addInPlace(dj);
            double norm = u.norm(2);
            if (norm > 1e-12) dj.copy(u).divInPlace(norm);
        }
    }

    /** Replaces the atoms with zero use by random normalised inputs; returns how many. */
    private static int replaceUnused(Tensor d, Tensor used, Tensor x, Generator g) {
        double[] counts = used.toDoubleArray();
        int replaced = 0;
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] > 0) continue;
            Tensor row = x.select(0, g.nextInt(x.size(0)));
            double norm = row.norm(2);
            if (!(norm > 1e-12)) continue;
            d.select(1, j).copy(row).divInPlace(norm);
            replaced++;
        }
        return replaced;
    }
}
