package jtorch.examples;

import java.util.SplittableRandom;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.Tanh;
import jtorch.nn.layer.Linear;
import jtorch.nn.layer.View;
import jtorch.nn.rnn.LookupTable;
import jtorch.tensor.Tensor;

/**
 * A feed-forward n-gram trunk as Bengio et al. (2003): the previous {@code context} words → LookupTable(V, E) →
 * View(context · E) → Linear(context · E, H) → Tanh. Training examples are every position of the training text in a
 * shuffled order (a new order each epoch), {@code batch} per step.
 */
final class NgramTrunk implements LmTrunk {
    private final Sequential net;
    private final int[] train;
    private final Tensor[] valid;
    private final int context, batch, limit;
    private final long seed;
    private Tensor[] epoch;
    private Tensor x, t;

    NgramTrunk(WordCorpus c, int context, int embed, int hidden, int batch, int limit, int validLimit, long seed) {
        net = new Sequential().add(new LookupTable(c.size(), embed)).add(new View(context * embed))
                .add(new Linear(context * embed, hidden)).add(new Tanh());
        this.train = c.train;
        this.valid = WordCorpus.examples(c.valid, context, null, validLimit);
        this.context = context;
        this.batch = batch;
        this.limit = limit;
        this.seed = seed;
    }

    @Override public Module[] modules() { return new Module[] {net}; }

    @Override public int startEpoch(int e) {
        epoch = WordCorpus.examples(train, context, new SplittableRandom(seed * 1000 + e), limit);
        return epoch[1].size(0) / batch;
    }

    @Override public Tensor forward(int i) {
        x = epoch[0].narrow(0, i * batch, batch);
        t = epoch[1].narrow(0, i * batch, batch);
        return net.forward(x);
    }

    @Override public Tensor target() { return t; }

    @Override public void backward(Tensor gradHidden) { net.backward(x, gradHidden); }

    @Override public double[] validate(OutputLayers.Layer head) {
        int n = valid[1].size(0);
        double sum = 0;
        for (int s = 0; s < n; s += 1000) {
            int m = Math.min(1000, n - s);
            Tensor h = net.forward(valid[0].narrow(0, s, m)).clone();
            sum += head.logProb(h, valid[1].narrow(0, s, m).contiguous()).sum();
        }
        return new double[] {sum, n};
    }
}
