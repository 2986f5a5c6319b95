package jtorch.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import jtorch.data.DataLoader;
import jtorch.data.TensorDataset;
import jtorch.graph.Graph;
import jtorch.graph.Node;
import jtorch.nn.Sequential;
import jtorch.nn.Switch;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.activation.Tanh;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.nn.layer.Narrow;
import jtorch.nn.layer.Select;
import jtorch.nn.table.CAddTable;
import jtorch.nn.table.JoinTable;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.train.Evaluator;
import jtorch.train.Trainer;

/**
 * The slides' "any architecture works: any connection graph is permissible" as a {@link Graph}, trained on the
 * embedded digits set (1,797 8×8 images, 10 classes; 80/20 split, pixels standardised):
 * <pre>
 *   x [B, 65] = 64 pixels + a routing bit (1 when the top half of the image has more ink than the bottom half)
 *   px = Narrow(1, 0, 64)(x)            sel = Select(1, 64)(x)
 *   h  = Tanh(Linear(64, 32)(px))       Y-connector: h feeds three nodes
 *   a  = Tanh(Linear(32, 32)(h))
 *   s  = Switch(Linear→Tanh, Linear→ReLU)({sel, h})     each sample through the branch its bit chooses
 *   r  = CAddTable(h, s)                skip connection around the Switch
 *   y  = LogSoftMax(Linear(64, 10)(JoinTable(1)(a, r)))
 * </pre>
 * sgd lr 0.05, momentum 0.9, batch 32. Options: {@code --epochs N --seed S --svg FILE} (writes the drawing with the
 * shapes of a forward of 4 samples).
 */
public final class AnyArchitecture {
    int epochs = 30;
    long seed = 1;
    Path svg;

    public static void main(String[] args) throws Exception {
        AnyArchitecture a = new AnyArchitecture();
        Options o = new Options(args, "--epochs", "--seed", "--svg");
        a.epochs = o.integer("--epochs", a.epochs);
        a.seed = o.whole("--seed", a.seed);
        String f = o.string("--svg", null);
        a.svg = f == null ? null : Path.of(f);
        System.out.printf(Locale.ROOT, "test accuracy %.4f after %d epochs%n", a.run(true), a.epochs);
    }

    /** The network (fresh weights from the global generator). */
    public static Graph build() {
        Node x = Node.input("x");
        Node px = Node.of(new Narrow(1, 0, 64), x).label("pixels");
        Node sel = Node.of(new Select(1, 64), x).label("routing bit");
        Node h = Node.of(new Linear(64, 32), px).then(new Tanh()).label("Y");
        Node a = Node.of(new Linear(32, 32), h).then(new Tanh());
        Node s = Node.of(new Switch(new Sequential(new Linear(32, 32), new Tanh()),
                new Sequential(new Linear(32, 32), new ReLU())), sel, h);
        Node r = Node.of(new CAddTable(), h, s).label("skip");
        Node y = Node.of(new Linear(64, 10), Node.of(new JoinTable(1), a, r)).then(new LogSoftMax());
        return new Graph(x, y);
    }

    /** 64 standardised pixels and the routing bit of raw images [N, 64]. */
    static Tensor withRoutingBit(Tensor raw, Tensor standardized) {
        int n = raw.size(0);
        Tensor top = raw.narrow(1, 0, 32).sum(1), bottom = raw.narrow(1, 32, 32).sum(1);
        Tensor out = Tensor.zeros(n, 65);
        out.narrow(1, 0, 64).copy(standardized);
        out.narrow(1, 64, 1).copy(top.gt(bottom));
        return out;
    }

    /** Trains; returns the test accuracy. */
    double run(boolean verbose) throws Exception {
        Digits[] split = Digits.load().trainTestSplit(0.2, seed);
        Digits train = split[0], test = split[1];
        TensorDataset tr = new TensorDataset(withRoutingBit(train.images(), train.standardize(train).images()), train.labels());
        TensorDataset te = new TensorDataset(withRoutingBit(test.images(), test.standardize(train).images()), test.labels());
        Generator.manualSeed(seed);
        Graph net = build();
        if (verbose) System.out.println(net);
        Optimizer sgd = new Optimizer("sgd", Config.of("learningRate", 0.05, "momentum", 0.9));
        Trainer.builder(net, new ClassNLLCriterion(), sgd).train(new DataLoader(tr, 32, true, seed, false))
                .epochs(epochs).seed(seed).build().fit();
        double acc = Evaluator.evaluate(net, new ClassNLLCriterion(), new DataLoader(te, 500, false, 0, false), 1).accuracy();
        if (svg != null) {
            net.evaluate().forward(te.inputs().narrow(0, 0, 4));
            Files.writeString(svg, net.toSvg());
            Files.writeString(Path.of(svg.toString().replaceAll("\\.svg$", "") + ".dot"), net.toDot());
        }
        return acc;
    }
}
