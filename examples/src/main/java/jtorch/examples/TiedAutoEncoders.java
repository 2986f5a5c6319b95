package jtorch.examples;

import jtorch.nn.Sequential;
import jtorch.nn.activation.Sigmoid;
import jtorch.nn.layer.Linear;
import jtorch.nn.noise.MaskingNoise;
import jtorch.nn.penalty.ContractiveEncoder;
import jtorch.nn.penalty.KLSparsityPenalty;
import jtorch.nn.penalty.TiedAutoEncoder;
import jtorch.nn.penalty.TiedLinear;
import jtorch.tensor.Tensor;

/**
 * The single-layer auto-encoders of the {@link AutoEncoders} example: k sigmoid units with tied weights
 * ({@link TiedAutoEncoder}: x [B, 784] → h = sigmoid(W x + b) [B, k] → sigmoid(Wᵀ h + c) [B, 784], 784·k + k + 784
 * parameters), denoising ({@link MaskingNoise}), sparse ({@link KLSparsityPenalty}) or contractive
 * ({@link ContractiveEncoder}, the penalty on ‖∂h/∂x‖²_F).
 */
final class TiedAutoEncoders {
    private TiedAutoEncoders() {}

    static TiedAutoEncoder denoising(int k, double p) {
        Linear enc = new Linear(784, k);
        return new TiedAutoEncoder(new Sequential(new MaskingNoise(p), enc, new Sigmoid()),
                new Sequential(new TiedLinear(enc), new Sigmoid()));
    }

    static TiedAutoEncoder sparse(int k, double rho, double beta) {
        Linear enc = new Linear(784, k);
        return new TiedAutoEncoder(new Sequential(enc, new Sigmoid(), new KLSparsityPenalty(rho, beta)),
                new Sequential(new TiedLinear(enc), new Sigmoid()));
    }

    static TiedAutoEncoder contractive(int k, double lambda) {
        ContractiveEncoder enc = new ContractiveEncoder(784, k, lambda);
        return new TiedAutoEncoder(enc, new Sequential(new TiedLinear(enc), new Sigmoid()));
    }

    /** The tied decoder's bias c [784]. */
    static Tensor outputBias(TiedAutoEncoder ae) { return ((TiedLinear) ((Sequential) ae.decoder()).get(0)).bias(); }

}
