package jtorch.examples;

import jtorch.nn.FlatParameters;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.Exp;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.ladder.VanillaCombinator;
import jtorch.nn.layer.Linear;
import jtorch.nn.norm.BatchNormalization;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * A ladder network (Rasmus, Valpola, Honkala, Berglund and Raiko 2015) over layer sizes n_0 ... n_L, or, with
 * {@code ladder = false}, the same encoder trained on the labels alone (the baseline). Three passes of one
 * {@link LadderEncoder} share the weights: corrupted on the labelled batch (supervised cost −log P(ỹ = y | x)),
 * clean on the unlabelled batch (targets z_l and the batch statistics μ_l, σ_l of z_pre), corrupted on the unlabelled
 * batch, whose z̃_l feed the decoder: u_L = BN(h̃_L) (the probabilities), u_l = BN(V_{l+1} ẑ_{l+1}) (V without bias,
 * BN without a learned scale), ẑ_l = g(z̃_l, u_l) ({@link VanillaCombinator}) and the denoising cost
 * C_d = Σ_l λ_l · mean over the batch and the n_l units of ((ẑ_l − μ_l)/σ_l − z_l)² (μ_0 = 0, σ_0 = 1). With
 * {@link #cleanGradients} the gradient of C_d also flows into the clean pass (through z_l, μ_l and σ_l, as in the
 * authors' code, which differentiates the whole graph); without, the clean targets are constants of the cost.
 * Prediction is the clean encoder with its running statistics.
 */
final class LadderNet {
    final int[] sizes;
    final int layers;
    final boolean ladder;
    final double sigma;
    final double[] lambda;
    final LadderEncoder labelled, unlabelled, clean;
    private final Sequential decoder = new Sequential(); // children 2l: the map to u_l, 2l+1: the combinator of layer l
    final FlatParameters flat;
    private final ClassNLLCriterion nll = new ClassNLLCriterion();
    private final Tensor[] zhat, lateral, mu, sd;
    double lastSupervised, lastDenoising;
    /** Whether the denoising cost's gradient also flows into the clean pass (its targets z_l and μ_l, σ_l). */
    boolean cleanGradients = true;
    private final Tensor[] targetGrad, statsGrad;
    /** Tests only: keep the clean targets z_l, μ_l, σ_l of the last step (they are constants of the cost). */
    boolean freezeTargets;

    LadderNet(int[] sizes, boolean ladder, double sigma, double[] lambda) { this(sizes, ladder, sigma, lambda, DType.F32); }

    /** {@code dtype} F64 for gradient checks. */
    LadderNet(int[] sizes, boolean ladder, double sigma, double[] lambda, DType dtype) {
        if (ladder && lambda.length != sizes.length) throw new IllegalArgumentException("LadderNet: " + sizes.length
                + " layer sizes need as many lambdas (layers 0 ... L), got " + lambda.length);
        this.sizes = sizes.clone();
        this.layers = sizes.length - 1;
        this.ladder = ladder;
        this.sigma = sigma;
        this.lambda = lambda.clone();
        unlabelled = new LadderEncoder(sizes);
        Sequential all = new Sequential(unlabelled.root());
        if (ladder) {
            for (int l = 0; l <= layers; l++) {
                Module map = l == layers ? new Exp() : new Linear(sizes[l + 1], sizes[l], false);
                decoder.add(new Sequential(map, new BatchNormalization(sizes[l], 1e-5, 0.1, false)));
                decoder.add(new VanillaCombinator(sizes[l]));
            }
            all.add(decoder);
        }
        all.to(dtype);
        flat = all.getParameters();
        labelled = unlabelled.share();
        clean = unlabelled.share();
        zhat = new Tensor[layers + 1];
        lateral = new Tensor[layers + 1];
        mu = new Tensor[layers + 1];
        sd = new Tensor[layers + 1];
        targetGrad = new Tensor[layers + 1];
        statsGrad = new Tensor[layers + 1];
    }

    /**
     * Zeroes the gradients and accumulates those of one step into {@link #flat}: the supervised cost on (xl, yl) and,
     * for a ladder, the denoising cost on xu; the baseline's clean pass runs on xl (its running statistics). Returns
     * the total cost.
     */
    double gradients(Tensor xl, Tensor yl, Tensor xu, Generator g) {
        flat.gradients().fillInPlace(0);
        Tensor logp = labelled.forward(xl, sigma, g);
        lastSupervised = nll.forward(logp, yl);
        labelled.backward(nll.backward(logp, yl), null);
        if (!ladder) {
            clean.forward(xl, 0, g);
            return lastSupervised;
        }
        if (!freezeTargets || mu[layers] == null) {
            clean.forward(xu, 0, g);
            for (int l = 1; l <= layers; l++) {
                Tensor zpre = clean.preActivation(l);
                mu[l] = zpre.mean(0, true);
                sd[l] = zpre.var(0, false, true).addInPlace(1e-5).sqrtInPlace();
            }
        }
        Tensor top = unlabelled.forward(xu, sigma, g);
        Activity up = top;
        for (int l = layers; l >= 0; l--) {
            Tensor u = decoder.get(2 * l).forward(up).toTensor("u");
            zhat[l] = decoder.get(2 * l + 1).forward(Table.of(unlabelled.zt[l], u)).toTensor("z^");
            up = zhat[l];
        }
        lastDenoising = 0;
        Tensor below = null; // ∂C/∂ẑ_l arriving from the decoder layer under it
        int batch = xu.size(0);
        for (int l = 0; l <= layers; l++) {
            Tensor target = l == 0 ? xu : clean.zt[l];
            Tensor d = l == 0 ? zhat[0].sub(target) : zhat[l].sub(mu[l]).divInPlace(sd[l]).subInPlace(target);
            lastDenoising += lambda[l] * d.square().sum() / ((double) batch * sizes[l]);
            Tensor q = d.mulInPlace(2 * lambda[l] / ((double) batch * sizes[l])); // ∂C/∂d
            if (cleanGradients && l > 0) cleanGradients(l, q, batch);
            Tensor gz = l > 0 ? q.divInPlace(sd[l]) : q;
            if (below != null) gz.addInPlace(below);
            Table gc = decoder.get(2 * l + 1).backward(Table.of(unlabelled.zt[l], decoder.get(2 * l).output()), gz)
                    .toTable("combinator");
            lateral[l] = gc.tensor(0);
            Activity in = l == layers ? top : zhat[l + 1];
            below = decoder.get(2 * l).backward(in, gc.tensor(1)).toTensor("g");
        }
        unlabelled.backward(below, lateral);
        if (cleanGradients) clean.backward(null, targetGrad, statsGrad);
        return lastSupervised + lastDenoising;
    }

    /**
     * ∂C/∂z_l = -q into the clean pass's z_l, and through μ_l = mean z_pre and σ_l = √(var z_pre + ε) into z_pre:
     * ∂C/∂μ = -Σ_b q/σ, ∂C/∂σ = -Σ_b q (ẑ - μ)/σ², ∂C/∂z_pre = ∂C/∂μ / B + ∂C/∂σ (z_pre - μ)/(B σ).
     */
    private void cleanGradients(int l, Tensor q, int batch) {
        targetGrad[l] = q.neg();
        Tensor gmu = q.sum(0, true).divInPlace(sd[l]).negInPlace();
        Tensor gsd = q.mul(zhat[l].sub(mu[l]).divInPlace(sd[l])).sum(0, true).divInPlace(sd[l]).negInPlace();
        statsGrad[l] = clean.preActivation(l).sub(mu[l]).mulInPlace(gsd).divInPlace(sd[l]).addInPlace(gmu)
                .divInPlace(batch);
    }

    /** Test accuracy of the clean encoder with running statistics, in batches of 1,000. */
    double accuracy(Tensor x, Tensor y) {
        clean.train(false);
        int right = 0;
        for (int s = 0; s < x.size(0); s += 1000) {
            int n = Math.min(1000, x.size(0) - s);
            Tensor pred = clean.forward(x.narrow(0, s, n), 0, null).argmax(1, false);
            int[] p = pred.toIntArray(), t = y.narrow(0, s, n).toIntArray();
            for (int i = 0; i < n; i++) if (p[i] == t[i]) right++;
        }
        clean.train(true);
        return right / (double) x.size(0);
    }
}
