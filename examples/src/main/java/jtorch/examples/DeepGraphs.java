package jtorch.examples;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jtorch.data.DataLoader;
import jtorch.data.FashionMnist;
import jtorch.data.TensorDataset;
import jtorch.graph.Graph;
import jtorch.graph.Node;
import jtorch.nn.Module;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.activation.Sigmoid;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.nn.table.CAddTable;
import jtorch.nn.table.CMulTable;
import jtorch.nn.table.CSubTable;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.tensor.Generator;
import jtorch.train.Evaluator;
import jtorch.train.Trainer;

/**
 * Deep MLPs on Fashion-MNIST written as graphs: {@code depth} hidden layers of width {@code width} between
 * Linear(784, width) + ReLU and Linear(width, 10) + LogSoftMax, Torch7's default initialisation, in three forms:
 * <ul>
 *   <li>plain: h ← ReLU(W h + b);</li>
 *   <li>residual: h ← h + W ReLU(h) + b (a skip connection around every layer, pre-activation order as in He et
 *       al. 2016; same parameters as plain);</li>
 *   <li>highway (Srivastava et al. 2015): t = σ(W_T h + b_T) with b_T started at -2, h ← h + t ∘ (ReLU(W_H h + b_H) - h),
 *       i.e. t ∘ H(h) + (1 - t) ∘ h (twice the parameters per layer).</li>
 * </ul>
 * sgd lr 0.02 (option {@code --lr}; at 0.05 the residual net diverges) momentum 0.9, batch 64. At depth 20 the plain net's signal shrinks layer after layer (with this
 * initialisation each layer scales its input's variance by about 1/6) and it barely trains, while the skip paths of
 * the residual and highway nets keep it. Options: {@code --depth N --width W --epochs N --limit N --seed S --lr X}.
 * Without the data set it says so and exits with status 0.
 */
public final class DeepGraphs {
    int depth = 20, width = 64, epochs = 3, limit = 0;
    double lr = 0.02;
    long seed = 1;

    public static void main(String[] args) throws Exception {
        if (!FashionMnist.available(FashionMnist.DEFAULT_DIR)) {
            System.out.println("skipped: Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR
                    + " (apt-get install dataset-fashion-mnist)");
            return;
        }
        DeepGraphs d = new DeepGraphs();
        Options o = new Options(args, "--depth", "--width", "--epochs", "--limit", "--seed", "--lr");
        d.lr = o.real("--lr", d.lr);
        d.depth = o.integer("--depth", d.depth);
        d.width = o.integer("--width", d.width);
        d.epochs = o.integer("--epochs", d.epochs);
        d.limit = o.integer("--limit", d.limit);
        d.seed = o.whole("--seed", d.seed);
        for (Map.Entry<String, Double> e : d.run(true).entrySet()) {
            System.out.printf(Locale.ROOT, "%-9s depth %d: test accuracy %.4f%n", e.getKey(), d.depth, e.getValue());
        }
    }

    /** The net of {@code kind} (plain, residual, highway). */
    public static Graph build(String kind, int depth, int width) {
        Node x = Node.input("x");
        Node h = Node.of(new Linear(784, width), x).then(new ReLU());
        for (int l = 0; l < depth; l++) {
            h = switch (kind) {
                case "plain" -> Node.of(new Linear(width, width), h).then(new ReLU());
                case "residual" -> Node.of(new CAddTable(), h, Node.of(new Linear(width, width), h.then(new ReLU())));
                case "highway" -> {
                    Linear gate = new Linear(width, width);
                    gate.bias().fillInPlace(-2); // start by carrying h through
                    Node t = Node.of(gate, h).then(new Sigmoid()).label("T" + l);
                    Node hh = Node.of(new Linear(width, width), h).then(new ReLU());
                    yield Node.of(new CAddTable(), h, Node.of(new CMulTable(), t, Node.of(new CSubTable(), hh, h)));
                }
                default -> throw new IllegalArgumentException("kind: plain, residual or highway, got " + kind);
            };
        }
        return new Graph(x, Node.of(new Linear(width, 10), h).then(new LogSoftMax()));
    }

    /** Trains the three nets on the same data and seed; returns test accuracy by kind. */
    Map<String, Double> run(boolean verbose) {
        TensorDataset train = FashionMnist.train(FashionMnist.DEFAULT_DIR), test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        if (limit > 0 && limit < train.size()) {
            int[] first = new int[limit];
            Arrays.setAll(first, i -> i);
            train = train.subset(first);
        }
        double mean = train.inputs().mean(), std = Math.sqrt(train.inputs().var());
        train = new TensorDataset(train.inputs().sub(mean).divInPlace(std), train.targets());
        test = new TensorDataset(test.inputs().sub(mean).divInPlace(std), test.targets());
        Map<String, Double> acc = new LinkedHashMap<>();
        for (String kind : new String[] {"plain", "residual", "highway"}) {
            Generator.manualSeed(seed);
            Module net = build(kind, depth, width);
            long t0 = System.nanoTime();
            Trainer.builder(net, new ClassNLLCriterion(), new Optimizer("sgd", Config.of("learningRate", lr,
                    "momentum", 0.9))).train(new DataLoader(train, 64, true, seed, false)).epochs(epochs).seed(seed)
                    .build().fit();
            double a = Evaluator.evaluate(net, new ClassNLLCriterion(), new DataLoader(test, 1000, false, 0, false), 1).accuracy();
            acc.put(kind, a);
            if (verbose) System.out.printf(Locale.ROOT, "%-9s %d parameters, %d train images x %d epochs: test accuracy"
                    + " %.4f (%.0f s)%n", kind, net.getParameters().weights().numel(), train.size(), epochs, a,
                    (System.nanoTime() - t0) / 1e9);
        }
        return acc;
    }
}
