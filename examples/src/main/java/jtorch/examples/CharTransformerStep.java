package jtorch.examples;

import java.util.ArrayList;
import java.util.List;
import jtorch.nn.FlatParameters;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.attention.LearnedPositionalEncoding;
import jtorch.nn.criterion.CrossEntropyCriterion;
import jtorch.nn.layer.Linear;
import jtorch.nn.rnn.LookupTable;
import jtorch.optim.AdamW;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.State;
import jtorch.tensor.Tensor;

/**
 * One training iteration of {@link CharTransformer}, nanoGPT's train.py step: the mean cross-entropy over every
 * position of the batch, backward, the gradient norm over all parameters clipped to {@code clip} (the tied
 * embedding/output weight counted once, with the sum of its two gradients), then torch.optim.AdamW (β 0.9, 0.99,
 * ε 1e-8) whose decoupled decay {@code x ← x·(1 - lr·wd)} applies to the decayed tensors only: every matrix
 * (nanoGPT since May 2023: {@code p.dim() >= 2}, so both embeddings too) or, with {@code decayEmbeddings} false,
 * the Linear weights only (nanoGPT of February 2023: no decay on the token embedding, tied to the output layer, nor on
 * the positional one). The tied copies hold equal values and get the same gradient, decay and Adam state, so they stay
 * equal bit for bit.
 */
final class CharTransformerStep {
    final Sequential model;
    final int width;
    final boolean tie;
    final double weightDecay, clip;
    private final FlatParameters flat;
    private final List<Tensor> decayed = new ArrayList<>();
    private final CrossEntropyCriterion ce = new CrossEntropyCriterion();
    private final State state = new State();
    /** The gradient norm of the last step, before clipping. */
    double lastNorm = Double.NaN;

    CharTransformerStep(Sequential model, int width, boolean tie, double weightDecay, boolean decayEmbeddings, double clip) {
        this.model = model;
        this.width = width;
        this.tie = tie;
        this.weightDecay = weightDecay;
        this.clip = clip;
        this.flat = model.getParameters();
        Sequential body = (Sequential) model.get(0);
        Tensor wte = ((LookupTable) body.get(0)).weight(), wpe = ((LearnedPositionalEncoding) body.get(1)).weight();
        Tensor head = ((Linear) model.get(1)).weight();
        for (Module.Parameter p : model.namedParameters()) {
            Tensor w = p.weight();
            boolean embedding = w == wte || w == wpe || (tie && w == head);
            if (w.dim() >= 2 && (decayEmbeddings || !embedding)) decayed.add(w);
        }
    }

    /** The number of decayed parameter tensors (the tied weight counts twice, once per copy). */
    int decayedTensors() { return decayed.size(); }

    /** The logits [T·B, V] for tokens x [T, B]: body, then head on the rows. */
    static Tensor logits(Sequential m, Tensor x, int width) {
        Tensor h = m.get(0).forward(x).toTensor("features");
        return m.get(1).forward(h.view(-1, width)).toTensor("logits");
    }

    /** The mean cross-entropy (nats) of batch {x [T, B], y [T·B]}, without training. */
    double loss(Tensor[] b) { return ce.forward(logits(model, b[0], width), b[1]); }

    /** Trains on batch {x [T, B], y [T·B]} with learning rate lr; returns the loss before the update. */
    double step(Tensor[] b, double lr) {
        Feval f = x -> {
            model.zeroGradParameters();
            Tensor y = logits(model, b[0], width);
            double loss = ce.forward(y, b[1]);
            Tensor h = model.get(0).output().toTensor("features");
            Tensor gh = model.get(1).backward(h.view(-1, width), ce.backward(y, b[1])).toTensor("gradient");
            model.get(0).backward(b[0], gh.view(h.sizes()));
            double norm = flat.gradients().norm(2);
            if (tie) {  // both copies get the summed gradient; the norm counts it once
                Tensor ge = ((LookupTable) ((Sequential) model.get(0)).get(0)).gradWeight(), gw = ((Linear) model.get(1)).gradWeight();
                double sq = norm * norm - Math.pow(ge.norm(2), 2) - Math.pow(gw.norm(2), 2);
                ge.addInPlace(gw);
                gw.copy(ge);
                norm = Math.sqrt(Math.max(0, sq + Math.pow(ge.norm(2), 2)));
            }
            lastNorm = norm;
            double coef = clip / (norm + 1e-6);  // torch.nn.utils.clip_grad_norm_: scale by min(1, coef)
            if (coef < 1) flat.gradients().mulInPlace(coef);
            for (Tensor w : decayed) w.mulInPlace(1 - lr * weightDecay); // AdamW's decoupled decay
            return new Feval.Eval(loss, flat.gradients());
        };
        return AdamW.step(f, flat.weights(), Config.of("learningRate", lr, "beta1", 0.9, "beta2", 0.99,
                "epsilon", 1e-8, "weightDecay", 0.0), state);
    }

    /** Throws if the tied copies differ. */
    void checkTied() {
        if (tie && ((Linear) model.get(1)).weight().sub(((LookupTable) ((Sequential) model.get(0)).get(0)).weight()).abs().max() != 0)
            throw new IllegalStateException("CharTransformer: the tied weights drifted apart");
    }
}
