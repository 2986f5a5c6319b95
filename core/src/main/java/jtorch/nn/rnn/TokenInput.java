package jtorch.nn.rnn;

import jtorch.nn.Module;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * Layer 0 of a fused recurrent module ({@link FusedRecurrent}) fed token indices through an encoder's table E [V, I]
 * (a {@link LookupTable}'s weight, or the identity of a {@link OneHot}) instead of the encoded vectors. Since the
 * encoded step is x_n = E[tok_n], its input projection is a row of one small product:
 * <pre>
 * x_n · W_ihᵀ + b = P[tok_n],   P = E · W_ihᵀ + b            [V, G·H]: one V × I × G·H GEMM and a row gather
 * Δ[v] = Σ_{n : tok_n = v} δ_n                                [V, G·H]: a row scatter of ∂L/∂proj
 * ∂W_ih += scale · Δᵀ · E,   ∂E += scale · Δ · W_ih           (the padding row of a LookupTable excluded from ∂E)
 * </pre>
 * which replaces the three T·B × I × G·H products of the input projection, its input gradient and its weight gradient
 * by three V-row ones (for char-rnn's model, V = 65 against T·B = 2,500). The results equal the unfused
 * {@code Sequential(encoder, rnn)} up to the order of floating-point sums. A LookupTable's max-norm is applied to the
 * looked-up rows first, as its own forward does; with {@link FusedRecurrent#maskZero(boolean)}, a step is padded when
 * its token's row of E is all zero (as an all-zero encoded row is).
 */
final class TokenInput {
    private final Module encoder;
    private Tensor flat;

    TokenInput(Module encoder) {
        if (!(encoder instanceof LookupTable || encoder instanceof OneHot)) throw new IllegalArgumentException(
                "token input: the encoder must be a LookupTable or a OneHot, got " + encoder.name());
        this.encoder = encoder;
    }

    Module encoder() { return encoder; }

    /** E [V, I]. */
    Tensor table() { return encoder instanceof LookupTable lt ? lt.weight() : ((OneHot) encoder).eye(); }

    /** The encoded width I (the recurrent module's input size must equal it). */
    int width() { return table().size(1); }

    /** Checks tokens x (I32 [T, B], each in [0, V)), keeps them flat, applies a LookupTable's max-norm. */
    void tokens(Tensor x, String module) {
        if (x.dtype() != DType.I32 || x.dim() != 2 || x.size(0) < 1 || x.size(1) < 1)
            throw new IllegalArgumentException(module + " fed through " + encoder.name() + ": expected tokens I32 [T, B]"
                    + " (T, B > 0), got " + x.dtype() + " " + x.shape());
        flat = x.reshape(x.numel());
        int lo = (int) flat.min(), hi = (int) flat.max(), v = table().size(0);
        if (lo < 0 || hi >= v) throw new IllegalArgumentException(module + " fed through " + encoder.name()
                + ": token " + (lo < 0 ? lo : hi) + " out of range [0, " + v + ") in input " + x.shape());
        if (encoder instanceof LookupTable lt) lt.renormLookedUp(flat);
    }

    /** [T, B] 1 for a step whose token's row of E is not all zero, 0 for a padded one (the unfused mask's values). */
    Tensor mask(int steps, int batch) {
        return table().abs().sum(1, false).ne(0).indexSelect(0, flat).view(steps, batch);
    }

    /** proj2d [T·B, G·H] = P[tokens] with P = E · W_ihᵀ + bias (bias may be null) computed into p [V, G·H]. */
    void project(Tensor wIh, Tensor bias, Tensor p, Tensor proj2d) {
        Tensor e = table();
        if (bias != null) p.copy(bias.expand(p.size(0), p.size(1)));
        p.addmmInPlace(bias != null ? 1 : 0, 1, e, wIh.t());
        e.backend().indexSelect(proj2d, p, 0, flat);
    }

    /**
     * Δ = the rows of delta2d [T·B, G·H] summed by token into scratch [V, G·H]; then ∂W_ih += scale · Δᵀ · E and, for a
     * LookupTable, ∂E += scale · Δ · W_ih without its padding row.
     */
    void accumulate(Tensor delta2d, Tensor wIh, Tensor gradWIh, double scale, Tensor scratch) {
        int n = delta2d.size(0), gh = delta2d.size(1);
        scratch.fillInPlace(0).scatterAddInPlace(0, flat.view(n, 1).expand(n, gh), delta2d);
        gradWIh.addmmInPlace(1, scale, scratch.t(), table());
        if (encoder instanceof LookupTable lt) {
            if (lt.paddingIndex() >= 0) scratch.select(0, lt.paddingIndex()).fillInPlace(0);
            lt.gradWeight().addmmInPlace(1, scale, scratch, wIh);
        }
    }
}
