package jtorch.examples;

import jtorch.nn.Criterion;
import jtorch.nn.Module;
import jtorch.nn.criterion.CrossEntropyCriterion;
import jtorch.nn.criterion.NCECriterion;
import jtorch.nn.criterion.SampledSoftMaxCriterion;
import jtorch.nn.criterion.TreeNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.nn.softmax.NCEModule;
import jtorch.nn.softmax.SoftMaxTree;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * The output layers the word language model compares, each with its training criterion and its exact evaluation:
 * <pre>
 *   full     Linear(H, V) + CrossEntropyCriterion (LogSoftMax + ClassNLL)       exact log softmax
 *   tree     SoftMaxTree(H, V words in C frequency classes) + TreeNLLCriterion   exact two-level log-probability
 *   nce      NCEModule(H, V, k noise words ∝ count^0.75) + NCECriterion          exact full softmax of its scores
 *   sampled  NCEModule(..., hits removed) + SampledSoftMaxCriterion              exact full softmax of its scores
 * </pre>
 */
final class OutputLayers {
    private OutputLayers() {}

    /** One output layer: a training step from the trunk's output h [B, H] and the exact log p(target | h) [B]. */
    interface Layer {
        Module module();

        /** Forward and backward of the loss; returns the loss, leaves ∂loss/∂h in {@link #gradHidden()}. */
        double step(Tensor h, Tensor target);

        Tensor gradHidden();

        /** Exact, normalised log p(target_b | h_b) [B]. */
        Tensor logProb(Tensor h, Tensor target);
    }

    static Layer of(String name, int hidden, int[] counts, int classes, int k, int seed) {
        int v = counts.length;
        return switch (name) {
            case "full" -> new Full(new Linear(hidden, v));
            case "tree" -> new Table1(SoftMaxTree.byFrequency(hidden, counts, classes > 0 ? classes
                    : (int) Math.round(Math.sqrt(v))), new TreeNLLCriterion(), null);
            case "nce" -> {
                NCEModule m = new NCEModule(hidden, counts, k, 0.75, seed, false);
                yield new Table1(m, new NCECriterion(), m);
            }
            case "sampled" -> {
                NCEModule m = new NCEModule(hidden, counts, k, 0.75, seed, true);
                yield new Table1(m, new SampledSoftMaxCriterion(), m);
            }
            default -> throw new IllegalArgumentException("unknown output layer " + name + " (full, tree, nce, sampled)");
        };
    }

    private static final class Full implements Layer {
        private final Linear linear;
        private final CrossEntropyCriterion loss = new CrossEntropyCriterion();
        private Tensor gh;

        Full(Linear linear) { this.linear = linear; }

        @Override public Module module() { return linear; }

        @Override public double step(Tensor h, Tensor target) {
            Tensor y = linear.forward(h);
            double l = loss.forward(y, target);
            gh = linear.backward(h, loss.backward(y, target));
            return l;
        }

        @Override public Tensor gradHidden() { return gh; }

        @Override public Tensor logProb(Tensor h, Tensor target) {
            Tensor y = linear.forward(h).clone();
            y.subInPlace(y.max(1, true).values());
            y.subInPlace(y.logsumexp(1, true));
            return y.gather(1, target.view(target.numel(), 1)).view(target.numel());
        }
    }

    /** A module taking {h, target}: SoftMaxTree or NCEModule. */
    private static final class Table1 implements Layer {
        private final Module module;
        private final Criterion loss;
        private final NCEModule nce; // or null
        private Tensor gh;

        Table1(Module module, Criterion loss, NCEModule nce) {
            this.module = module;
            this.loss = loss;
            this.nce = nce;
        }

        @Override public Module module() { return module; }

        @Override public double step(Tensor h, Tensor target) {
            Table in = Table.of(h, target);
            Activity o = module.forward(in);
            double l = loss.forward(o, null);
            gh = ((Table) module.backward(in, loss.backward(o, null))).tensor(0);
            return l;
        }

        @Override public Tensor gradHidden() { return gh; }

        @Override public Tensor logProb(Tensor h, Tensor target) {
            return nce != null ? nce.logProb(h, target) : ((SoftMaxTree) module).logProb(h, target);
        }
    }
}
