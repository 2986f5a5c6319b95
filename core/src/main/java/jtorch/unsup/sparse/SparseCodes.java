package jtorch.unsup.sparse;

import jtorch.tensor.Tensor;

/**
 * What a sparse-coding solver returns for inputs X [B, n]: the codes Z [B, m], the number of iterations run, whether
 * the {@link Stop} tolerance was met (false when it stopped at maxIterations), and the objective
 * F(z) = ½‖x − Dz‖² + λ‖z‖₁ of every row [B] and its batch mean.
 */
public record SparseCodes(Tensor codes, int iterations, boolean converged, Tensor objectives, double objective) {

    /** Mean number of nonzero code entries per input. */
    public double meanNonzeros() { return codes.ne(0).sum() / codes.size(0); }

    /** Fraction of nonzero code entries. */
    public double nonzeroFraction() { return codes.ne(0).sum() / codes.numel(); }
}
