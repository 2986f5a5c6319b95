package jtorch.examples;

import jtorch.backend.UnaryOp;
import jtorch.nn.ConcatTable;
import jtorch.nn.FlatParameters;
import jtorch.nn.Sequential;
import jtorch.nn.activation.ReLU;
import jtorch.nn.criterion.BCEWithLogitsCriterion;
import jtorch.nn.criterion.KLDCriterion;
import jtorch.nn.criterion.Reduction;
import jtorch.nn.layer.Linear;
import jtorch.nn.vae.GaussianSampler;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optimizer;
import jtorch.optim.State;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Kingma and Welling's MLP variational auto-encoder with a Bernoulli decoder, in jtorch modules: encoder
 * 784-H ReLU, then two Linear(H, Z) heads for μ and log σ² (a ConcatTable); {@link GaussianSampler} z = μ + σ ⊙ ε;
 * decoder Z-H ReLU-784 logits. Loss per image = −ELBO = BCE-with-logits summed over pixels + KL(q(z|x) ‖ N(0, I)),
 * averaged over the batch ({@link Reduction#BATCHMEAN}); Adam. Linear layers start U(−1/√in, 1/√in), which is
 * PyTorch's nn.Linear default too. {@link #elbo} and {@link #iwae} are the test bounds in nats per image.
 */
final class VaeModel {
    static final double LOG_2PI = Math.log(2 * Math.PI);
    final int latent;
    final Sequential encoder, decoder, all;
    final GaussianSampler sampler;
    private final BCEWithLogitsCriterion bce = new BCEWithLogitsCriterion().reduction(Reduction.BATCHMEAN);
    private final KLDCriterion kld = new KLDCriterion();
    private final FlatParameters flat;
    private final Optimizer adam;
    private final State state = new State();
    private Tensor bceTerms, scratch;

    /** Weights from the global generator (seed it first); ε from its own stream seeded with {@code noiseSeed}. */
    VaeModel(int pixels, int hidden, int latent, double lr, long noiseSeed) {
        this.latent = latent;
        encoder = new Sequential(new Linear(pixels, hidden), new ReLU(),
                new ConcatTable().add(new Linear(hidden, latent)).add(new Linear(hidden, latent)));
        encoder.gradInputNeeded(false);
        sampler = new GaussianSampler(new Generator(noiseSeed));
        decoder = new Sequential(new Linear(latent, hidden), new ReLU(), new Linear(hidden, pixels));
        all = new Sequential(encoder, sampler, decoder); // holds the parameters; the step runs the parts itself
        flat = all.getParameters();
        adam = new Optimizer("adam", Config.of("learningRate", lr));
    }

    /** One Adam step on the batch x [B, 784] of 0/1 pixels; returns the batch's −ELBO per image before the step. */
    double step(Tensor x) {
        Feval f = w -> {
            flat.gradients().fillInPlace(0);
            Table h = encoder.forward((Activity) x).table();
            Tensor z = sampler.forward(h).toTensor("z");
            Tensor logits = decoder.forward(z).toTensor("logits");
            double loss = bce.forward(logits, x) + kld.forward(h, null);
            Tensor gz = decoder.backward(z, bce.backward(logits, x)).toTensor("gz");
            Table gh = sampler.backward(h, gz).table(), gk = kld.backward(h, null).table();
            gh.tensor(0).addInPlace(gk.tensor(0));
            gh.tensor(1).addInPlace(gk.tensor(1));
            encoder.backward(x, gh);
            return new Feval.Eval(loss, flat.gradients());
        };
        return adam.step(f, flat.weights(), state);
    }

    /** The one-sample ELBO estimate, E_q log p(x|z) − KL, averaged over the images of x [N, 784] (nats per image). */
    double elbo(Tensor x, int batch) {
        double s = 0;
        for (int i = 0; i < x.size(0); i += batch) {
            Tensor xb = x.narrow(0, i, Math.min(batch, x.size(0) - i));
            Table h = encoder.forward((Activity) xb).table();
            Tensor logits = decoder.forward(sampler.forward(h).toTensor("z")).toTensor("logits");
            s -= (bce.forward(logits, xb) + kld.forward(h, null)) * xb.size(0);
        }
        return s / x.size(0);
    }

    /**
     * The importance-weighted bound of Burda, Grosse and Salakhutdinov (2016) with k samples from q(z|x), averaged over
     * the images: log (1/k) Σ_j p(x|z_j) p(z_j) / q(z_j|x), ≥ the ELBO, → log p(x) as k grows (nats per image).
     */
    double iwae(Tensor x, int k, int batch) {
        double s = 0;
        for (int i = 0; i < x.size(0); i += batch) {
            int b = Math.min(batch, x.size(0) - i);
            Tensor xb = x.narrow(0, i, b);
            Table h = encoder.forward((Activity) xb).table();
            Tensor mu = rep(h.tensor(0), k), lv = rep(h.tensor(1), k), xr = rep(xb, k);
            Tensor z = sampler.forward(Table.of(mu, lv)).toTensor("z");
            Tensor logits = decoder.forward(z).toTensor("logits");
            // log p(x|z) = -Σ [relu(l) - l x + log(1 + exp(-|l|))] per row
            bceTerms = logits.apply(UnaryOp.ABS, 0, 0, reuseLike(bceTerms, logits)).applyInPlace(UnaryOp.NEG, 0, 0)
                    .applyInPlace(UnaryOp.EXP, 0, 0).applyInPlace(UnaryOp.ADD, 1, 0).applyInPlace(UnaryOp.LOG, 0, 0);
            scratch = logits.apply(UnaryOp.RELU, 0, 0, reuseLike(scratch, logits));
            bceTerms.addInPlace(scratch).subInPlace(logits.mul(xr, scratch));
            Tensor logW = bceTerms.sum(1).mulInPlace(-1);                                  // log p(x|z)   [bk, 1]
            logW.addInPlace(-0.5, z.square().sum(1));                                       // + log p(z) (no 2π)
            logW.addInPlace(0.5, sampler.noise().square().sum(1).addInPlace(lv.sum(1)));    // − log q (no 2π)
            s += logW.view(b, k).logsumexp(1).sum() - b * Math.log(k);
        }
        return s / x.size(0);
    }

    private static Tensor reuseLike(Tensor buf, Tensor like) {
        return buf != null && buf.sameShape(like) ? buf : like.zerosLike();
    }

    /** t [b, d] with every row repeated k times in a row: [b·k, d]. */
    private static Tensor rep(Tensor t, int k) {
        int b = t.size(0), d = t.size(1);
        return t.unsqueeze(1).expand(b, k, d).contiguous().view(b * k, d);
    }

    /** Bernoulli means sigmoid(decoder(z)) for codes z [N, Z]: [N, 784]. */
    Tensor decode(Tensor z) { return decoder.forward(z).toTensor("logits").sigmoid(); }

    static int parameterCount(int pixels, int hidden, int latent) {
        return pixels * hidden + hidden + 2 * (hidden * latent + latent) + latent * hidden + hidden + hidden * pixels + pixels;
    }

}
