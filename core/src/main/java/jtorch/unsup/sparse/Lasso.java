package jtorch.unsup.sparse;

import java.util.Arrays;
import jtorch.tensor.Tensor;

/**
 * The sparse-coding (lasso) problem of a dictionary D [n, m] (m atoms of n values, one per column) and a penalty
 * λ &ge; 0, for a batch of inputs X [B, n] with codes Z [B, m] (row b of Z codes row b of X):
 * <pre>
 *   F(z) = ½ ‖x − D z‖² + λ ‖z‖₁        (per input; in batch form the reconstruction is Z · Dᵀ)
 *   ∇ of the smooth part:  Z · G − X · D,   G = Dᵀ D [m, m]
 * </pre>
 * Built once per dictionary: it keeps G, the Lipschitz constant L = λ_max(G) of the smooth part's gradient
 * (by {@link PowerIteration}), which sets the step 1/L of {@link Ista} and {@link Fista}, and I − G/L. The dictionary is
 * referenced, not copied: after changing D, build a new problem.
 */
public final class Lasso {
    private final Tensor dictionary, gram, ista;
    private final double lambda, lipschitz;

    private Lasso(Tensor dictionary, double lambda, Tensor gram, double lipschitz) {
        this.dictionary = dictionary;
        this.lambda = lambda;
        this.gram = gram;
        this.lipschitz = lipschitz;
        int m = gram.size(0);
        Tensor s = gram.div(-lipschitz).contiguous();
        new Tensor(s.backend(), s.storage(), s.offset(), new int[] {m}, new int[] {m + 1}).addInPlace(1);
        this.ista = s;
    }

    /** The problem for dictionary {@code d} [n, m] and penalty {@code lambda} &ge; 0 (finite). */
    public static Lasso of(Tensor d, double lambda) {
        if (d == null || d.dim() != 2) throw new IllegalArgumentException("Lasso: the dictionary must be a matrix [n, m]"
                + " (n values per atom, m atoms, one atom per column), got " + (d == null ? "null" : d.shape()));
        if (!(lambda >= 0) || Double.isInfinite(lambda)) throw new IllegalArgumentException("Lasso: lambda must be a"
                + " finite number >= 0 (the weight of the L1 penalty), got " + lambda);
        Tensor g = d.t().mm(d);
        double l = PowerIteration.largestEigenvalue(g);
        if (!(l > 0)) throw new IllegalArgumentException("Lasso: the dictionary " + d.shape() + " is zero (or not"
                + " finite): the largest eigenvalue of DᵀD is " + l);
        return new Lasso(d, lambda, g, l);
    }

    /** D [n, m]. */
    public Tensor dictionary() { return dictionary; }

    /** DᵀD [m, m]. */
    public Tensor gram() { return gram; }

    /** I − DᵀD / L [m, m], the matrix of ISTA's step (S in Gregor and LeCun's notation). */
    public Tensor istaMatrix() { return ista; }

    /** λ. */
    public double lambda() { return lambda; }

    /** L = λ_max(DᵀD), the step being 1/L. */
    public double lipschitz() { return lipschitz; }

    /** n, the length of an input. */
    public int inputSize() { return dictionary.size(0); }

    /** m, the number of atoms (the length of a code). */
    public int codeSize() { return dictionary.size(1); }

    /** Checks that {@code x} is [B, n]; the message names the shapes. */
    Tensor checkInputs(String op, Tensor x) {
        if (x == null || x.dim() != 2 || x.size(1) != inputSize()) throw new IllegalArgumentException(op
                + ": inputs must be [B, " + inputSize() + "] for the dictionary " + dictionary.shape() + ", got "
                + (x == null ? "null" : x.shape()));
        if (x.dtype() != dictionary.dtype() || x.backend() != dictionary.backend()) throw new IllegalArgumentException(
                op + ": inputs are " + x.dtype() + " on " + x.backend().name() + " but the dictionary is "
                        + dictionary.dtype() + " on " + dictionary.backend().name() + " (convert one with .to(...))");
        return x;
    }

    /** Checks that {@code z} is [B, m] for inputs {@code x} [B, n]. */
    Tensor checkCodes(String op, Tensor x, Tensor z) {
        if (z == null || z.dim() != 2 || z.size(0) != x.size(0) || z.size(1) != codeSize())
            throw new IllegalArgumentException(op + ": codes must be [" + x.size(0) + ", " + codeSize() + "] for inputs "
                    + x.shape() + " and the dictionary " + dictionary.shape() + ", got "
                    + (z == null ? "null" : z.shape()));
        return z;
    }

    /** X · D [B, m], the constant part of the gradient. */
    Tensor correlations(Tensor x) { return x.mm(dictionary); }

    /** The reconstruction Z · Dᵀ [B, n]. */
    public Tensor reconstruct(Tensor z) {
        if (z == null || z.dim() != 2 || z.size(1) != codeSize()) throw new IllegalArgumentException("Lasso.reconstruct:"
                + " codes must be [B, " + codeSize() + "] for the dictionary " + dictionary.shape() + ", got "
                + (z == null ? "null" : z.shape()));
        return z.mm(dictionary.t());
    }

    /** F(z_b) for every row: [B]. */
    public Tensor objectives(Tensor x, Tensor z) {
        checkCodes("Lasso.objectives", checkInputs("Lasso.objectives", x), z);
        Tensor r = x.sub(z.mm(dictionary.t()));
        return r.mul(r).sum(1, false).mulInPlace(0.5).addInPlace(lambda, z.abs().sum(1, false));
    }

    /** The mean of F over the batch. */
    public double objective(Tensor x, Tensor z) { return objectives(x, z).mean(); }

    /** −∇ of the smooth part, Dᵀ(x − D z) per row: [B, m] (the correlations of the residual with the atoms). */
    public Tensor residualCorrelations(Tensor x, Tensor z) {
        checkCodes("Lasso.residualCorrelations", checkInputs("Lasso.residualCorrelations", x), z);
        return correlations(x).addmmInPlace(1, -1, z, gram);
    }

    @Override public String toString() {
        return "Lasso(D " + Arrays.toString(dictionary.sizes()) + ", lambda " + lambda + ", L " + lipschitz + ")";
    }
}
