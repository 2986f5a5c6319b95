package jtorch.examples;

import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.ReLU;
import jtorch.nn.activation.Sigmoid;
import jtorch.nn.layer.Linear;
import jtorch.nn.noise.MaskingNoise;
import jtorch.nn.penalty.ContractiveEncoder;
import jtorch.nn.penalty.KLSparsityPenalty;

/**
 * The deep (untied) auto-encoders of the {@link AutoEncoders} example, each a {@link Sequential} of {encoder, decoder}
 * with the same code of k sigmoid units, so that the three differ only by their regulariser:
 * <pre>
 *   encoder  x [B, 784] → Linear(784, H) → ReLU → code layer → h [B, k]   (h in (0, 1))
 *   decoder  h [B, k]   → Linear(k, H)   → ReLU → Linear(H, 784) → Sigmoid → x̂ [B, 784]
 * </pre>
 * <ul>
 *   <li>denoising: {@link MaskingNoise}(p) in front of the encoder (training mode only), code layer Linear + Sigmoid;</li>
 *   <li>sparse: code layer Linear + Sigmoid + {@link KLSparsityPenalty}(ρ, β) on the code's batch mean activations;</li>
 *   <li>contractive: code layer {@link ContractiveEncoder}(H, k, λ), i.e. the penalty λ · mean_b ‖∂h/∂a‖²_F with a
 *   the ReLU layer's output. This is the contractive penalty of the code layer on its own input (as when CAEs are
 *   stacked layer by layer, Rifai et al. 2011), not of the whole encoder on x: the whole Jacobian
 *   diag(h(1 − h)) W₂ diag(1[a &gt; 0]) W₁ would cost a [k, H] × [H, 784] product per image.</li>
 * </ul>
 * Parameters: 784·H + H + H·k + k (encoder) + k·H + H + H·784 + 784 (decoder).
 */
final class DeepAutoEncoders {
    private DeepAutoEncoders() {}

    static Sequential denoising(int k, int hidden, double p) {
        return new Sequential(new Sequential(new MaskingNoise(p), new Linear(784, hidden), new ReLU(),
                new Linear(hidden, k), new Sigmoid()), decoder(k, hidden));
    }

    static Sequential sparse(int k, int hidden, double rho, double beta) {
        return new Sequential(new Sequential(new Linear(784, hidden), new ReLU(), new Linear(hidden, k), new Sigmoid(),
                new KLSparsityPenalty(rho, beta)), decoder(k, hidden));
    }

    static Sequential contractive(int k, int hidden, double lambda) {
        return new Sequential(new Sequential(new Linear(784, hidden), new ReLU(), new ContractiveEncoder(hidden, k, lambda)),
                decoder(k, hidden));
    }

    static Sequential decoder(int k, int hidden) {
        return new Sequential(new Linear(k, hidden), new ReLU(), new Linear(hidden, 784), new Sigmoid());
    }

    /** The decoder's output bias [784] (the last Linear's). */
    static jtorch.tensor.Tensor outputBias(Sequential ae) {
        Sequential dec = (Sequential) ae.get(1);
        return ((Linear) dec.get(dec.size() - 2)).bias();
    }

    /** The first weight matrix of the encoder that reads the 784 pixels ([H, 784]: its rows are the filters). */
    static jtorch.tensor.Tensor firstFilters(Module encoder) {
        for (Module.Parameter p : encoder.namedParameters())
            if (p.weight().dim() == 2 && p.weight().size(1) == 784) return p.weight();
        throw new IllegalArgumentException("DeepAutoEncoders.firstFilters: no [H, 784] weight in " + encoder);
    }
}
