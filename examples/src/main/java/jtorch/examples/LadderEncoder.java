package jtorch.examples;

import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.layer.CAdd;
import jtorch.nn.layer.CMul;
import jtorch.nn.layer.Linear;
import jtorch.nn.norm.BatchNormalization;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * One pass of a ladder network's encoder (Rasmus et al. 2015, Algorithm 1) over sizes n_0 ... n_L: h̃_0 = z̃_0 = x + N(0,
 * σ²); for l = 1..L: z_pre = W_l h̃_{l-1} (no bias), z̃_l = BN(z_pre) + N(0, σ²) (batch normalisation without a learned
 * scale), h̃_l = ReLU(z̃_l + β_l) below the top and log softmax(γ ⊙ (z̃_L + β_L)) at the top. σ = 0 is the clean
 * encoder. The modules live in {@link #root()}: children 2l-2 = Sequential(Linear, BatchNormalization) and 2l-1 =
 * Sequential(CAdd β[, CMul γ], ReLU | LogSoftMax); a {@link #share()} runs the same weights with its own buffers and
 * batch-normalisation statistics (the corrupted labelled, corrupted unlabelled and clean passes are three shares).
 * Backward takes, besides the gradient of the output, a gradient for each z̃_l (the decoder's lateral connections).
 */
final class LadderEncoder {
    private final Sequential root;
    private final int layers;
    final Tensor[] zt;   // z̃_0 ... z̃_L of the last forward (z_l when clean)
    private final Tensor[] h; // h̃_0 ... h̃_{L-1}, the inputs of the layers

    /** A fresh encoder with the authors' initialisation (Linear's U(-1/√in, 1/√in) weights, β = 0, γ = 1). */
    LadderEncoder(int... sizes) {
        root = new Sequential();
        for (int l = 1; l < sizes.length; l++) {
            boolean top = l == sizes.length - 1;
            root.add(new Sequential(new Linear(sizes[l - 1], sizes[l], false),
                    new BatchNormalization(sizes[l], 1e-5, 0.1, false)));
            CAdd beta = new CAdd(sizes[l]);
            beta.bias().fillInPlace(0);
            Sequential post = new Sequential(beta);
            if (top) {
                CMul gamma = new CMul(sizes[l]);
                gamma.weight().fillInPlace(1);
                post.add(gamma).add(new LogSoftMax());
            } else {
                post.add(new ReLU());
            }
            root.add(post);
        }
        this.layers = sizes.length - 1;
        zt = new Tensor[layers + 1];
        h = new Tensor[layers];
    }

    private LadderEncoder(Sequential root, int layers) {
        this.root = root;
        this.layers = layers;
        zt = new Tensor[layers + 1];
        h = new Tensor[layers];
    }

    /** The modules (a Sequential of 2L children, not meant to be run as a Sequential). */
    Sequential root() { return root; }

    /** A pass with the same weights and gradients and its own buffers and running statistics. */
    LadderEncoder share() { return new LadderEncoder(root.sharedClone(true), layers); }

    private Module pre(int l) { return root.get(2 * l - 2); }
    private Module post(int l) { return root.get(2 * l - 1); }

    /** The batch normalisation of layer l (1..L): its running statistics are what evaluation mode uses. */
    BatchNormalization norm(int l) { return (BatchNormalization) ((Sequential) pre(l)).get(1); }

    /** z_pre of layer l (1..L) of the last forward: W_l h̃_{l-1}, before batch normalisation. */
    Tensor preActivation(int l) { return ((Sequential) pre(l)).get(0).output().toTensor("z_pre"); }

    /** Forward with noise σ (0: clean); returns the log-probabilities [B, n_L] (the module's buffer). */
    Tensor forward(Tensor x, double sigma, Generator g) {
        Tensor hl = noisy(x, sigma, g);
        zt[0] = hl;
        for (int l = 1; l <= layers; l++) {
            h[l - 1] = hl;
            zt[l] = noisy(pre(l).forward(hl).toTensor("z"), sigma, g);
            hl = post(l).forward(zt[l]).toTensor("h");
        }
        return hl;
    }

    private static Tensor noisy(Tensor t, double sigma, Generator g) {
        return sigma > 0 ? Tensor.randn(t.dtype(), g, t.sizes()).mulInPlace(sigma).addInPlace(t) : t;
    }

    /**
     * Accumulates the parameter gradients of the last forward, given ∂C/∂output and ∂C/∂z̃_l for l = 1..L
     * ({@code lateral[l]}, null for none; lateral[0] is not used: the input has no parameters below it).
     */
    void backward(Tensor gradOutput, Tensor[] lateral) { backward(gradOutput, lateral, null); }

    /**
     * {@link #backward(Tensor, Tensor[])} that also adds {@code preLateral[l]} to ∂C/∂z_pre of layer l (between the
     * linear map and the batch normalisation); {@code gradOutput} may be null (no gradient from above the top).
     */
    void backward(Tensor gradOutput, Tensor[] lateral, Tensor[] preLateral) {
        Tensor g = gradOutput;
        for (int l = layers; l >= 1; l--) {
            Sequential pre = (Sequential) pre(l);
            if (g != null) g = post(l).backward(zt[l], g).toTensor("g");
            if (lateral != null && lateral[l] != null) g = g == null ? lateral[l] : g.add(lateral[l]);
            Module linear = pre.get(0);
            g = pre.get(1).backward(linear.output(), g).toTensor("g");
            if (preLateral != null && preLateral[l] != null) g = g.add(preLateral[l]);
            if (l == 1) {
                linear.accGradParametersOnly(h[0], g, 1);
            } else {
                g = linear.backward(h[l - 1], g).toTensor("g");
            }
        }
    }

    /** Training mode (batch statistics) or evaluation mode (running statistics). */
    void train(boolean on) {
        if (on) root.training(); else root.evaluate();
    }
}
