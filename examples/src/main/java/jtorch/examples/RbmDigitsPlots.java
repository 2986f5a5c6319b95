package jtorch.examples;

import java.util.ArrayList;
import java.util.List;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.train.plot.ConvPlots;
import jtorch.train.plot.Plots;
import jtorch.unsup.rbm.BernoulliRbm;

/** The PNGs of {@link RbmDigits}: log-likelihood curves, Gibbs chains from noise, and the learned filters. */
final class RbmDigitsPlots {
    static final int CHAINS = 16;
    static final int[] SNAPSHOTS = {1, 10, 100, 1000};

    private RbmDigitsPlots() {}

    static void write(RbmDigits d, RbmDigits.Result r) {
        List<String> labels = new ArrayList<>();
        List<double[]> xs = new ArrayList<>(), ys = new ArrayList<>();
        int n = d.epochs + 1;
        double[] epochs = new double[n], base = new double[n];
        for (int e = 0; e < n; e++) { epochs[e] = e; base[e] = r.baselineTest(); }
        for (RbmDigits.Curve c : r.curves()) {
            labels.add(c.name() + " (test)");
            xs.add(epochs);
            ys.add(c.testLogLik());
        }
        labels.add("independent pixels (test)");
        xs.add(epochs);
        ys.add(base);
        Plots.lineChart("Exact test log-likelihood, binarised 8x8 digits, " + d.hidden + " hidden units (log Z by enumerating 2^"
                + d.hidden + " states)", "epoch", "nats per test image", labels, xs, ys, Double.NaN, d.plots.resolve("rbm-digits-loglik.png"));
        RbmDigits.Curve best = r.best();
        chains(best.model(), best.name(), new Generator(d.seed + 100), d);
        BernoulliRbm m = best.model();
        ConvPlots.filterGrid(m.weight().t().contiguous().view(m.hiddenSize(), 1, 8, 8), best.name() + " weights, one 8x8 tile"
                + " per hidden unit", d.plots.resolve("rbm-digits-filters.png"));
    }

    /** 16 chains from uniform noise; p(v | h) after 1, 10, 100 and 1000 sweeps. */
    static void chains(BernoulliRbm m, String name, Generator g, RbmDigits d) {
        Tensor v = Tensor.bernoulli(DType.F32, g, 0.5, CHAINS, 64);
        Tensor first = v.narrow(0, 0, 1).clone().view(8, 8);
        List<Tensor> maps = new ArrayList<>(List.of(v.clone().view(CHAINS, 8, 8)));
        List<String> captions = new ArrayList<>(List.of("the 16 starting states (uniform noise)"));
        int done = 0;
        for (int s : SNAPSHOTS) {
            Tensor h = null;
            for (; done < s; done++) {
                h = m.sampleHidden(v, g);
                v = m.sampleVisible(h, g);
            }
            maps.add(m.visibleMean(h).view(CHAINS, 8, 8));
            captions.add("p(v | h) after " + s + " Gibbs sweep" + (s == 1 ? "" : "s"));
        }
        ConvPlots.featureMaps(first, maps, captions, name + ": 16 Gibbs chains from noise (input: chain 1's start)",
                d.plots.resolve("rbm-digits-samples.png"));
    }
}
