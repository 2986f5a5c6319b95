package jtorch.unsup.sparse;

import jtorch.nn.Sequential;
import jtorch.nn.activation.Tanh;
import jtorch.nn.layer.CMul;
import jtorch.nn.layer.Linear;
import jtorch.nn.sparse.LearnedSoftShrink;
import jtorch.tensor.Tensor;

/**
 * Predictive Sparse Decomposition (Kavukcuoglu, Ranzato and LeCun 2008): a feed-forward encoder
 * F(x) = g ⊙ tanh(W x + b) (W [m, n], b [m], a per-unit gain g [m]; a {@code Sequential} of {@code Linear},
 * {@code Tanh} and {@code CMul}) that predicts the sparse codes of x for a dictionary D, replacing iterative inference
 * by one matrix product: nm multiply-adds and m tanh per input.
 * <p>Trained here in two stages: the dictionary first ({@link DictionaryLearning}), then the encoder by regression
 * on FISTA's optimal codes ({@link CodeRegression}), i.e. the paper's loss ‖z − F(x)‖² with z the optimal codes held
 * fixed. The paper's joint training (inferring z with the extra term α‖z − F(x)‖² and updating D and the encoder
 * together) is not implemented.
 * <p>{@link #shrinkageEncoder} is the variant with a learned soft shrinkage in place of g ⊙ tanh:
 * F(x) = h_θ(W x + b), which can output exact zeros (a tanh encoder cannot, for signed codes).
 */
public final class Psd {
    private Psd() {}

    /**
     * The encoder for inputs of n values and m code units, W initialised to Dᵀ/L (the first ISTA step's filter for
     * dictionary D [n, m] with L = λ_max(DᵀD)), b = 0 and g = 1.
     */
    public static Sequential encoder(Tensor dictionary, double lipschitz) {
        if (dictionary.dim() != 2 || !(lipschitz > 0)) throw new IllegalArgumentException("Psd.encoder: need a dictionary"
                + " [n, m] and L > 0, got " + dictionary.shape() + " and " + lipschitz);
        int n = dictionary.size(0), m = dictionary.size(1);
        Linear w = new Linear(n, m);
        CMul g = new CMul(m);
        Sequential f = new Sequential(w, new Tanh(), g).to(dictionary.dtype());
        w.weight().copy(dictionary.t()).divInPlace(lipschitz);
        w.bias().fillInPlace(0);
        g.weight().fillInPlace(1);
        return f;
    }

    /**
     * The shrinkage encoder h_θ(W x + b) ({@code Linear} then {@link LearnedSoftShrink}) with W = Dᵀ/L, b = 0 and
     * θ = λ/L: at these values it is the first ISTA step from zero codes.
     */
    public static Sequential shrinkageEncoder(Tensor dictionary, double lambda, double lipschitz) {
        if (dictionary.dim() != 2 || !(lipschitz > 0) || !(lambda >= 0)) throw new IllegalArgumentException(
                "Psd.shrinkageEncoder: need a dictionary [n, m], lambda >= 0 and L > 0, got " + dictionary.shape() + ", "
                        + lambda + " and " + lipschitz);
        int n = dictionary.size(0), m = dictionary.size(1);
        Linear w = new Linear(n, m);
        LearnedSoftShrink h = new LearnedSoftShrink(m, lambda / lipschitz);
        Sequential f = new Sequential(w, h).to(dictionary.dtype());
        w.weight().copy(dictionary.t()).divInPlace(lipschitz);
        w.bias().fillInPlace(0);
        h.theta().fillInPlace(lambda / lipschitz);
        return f;
    }

    /** Multiply-adds per input of the encoder for n inputs and m units: nm (the tanh and gain are m each on top). */
    public static long multiplyAdds(int n, int m) { return (long) n * m; }
}
