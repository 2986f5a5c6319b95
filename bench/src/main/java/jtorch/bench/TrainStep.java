package jtorch.bench;

import jtorch.graph.Graph;
import jtorch.graph.Node;
import jtorch.nn.Module;
import jtorch.nn.Criterion;
import jtorch.nn.FlatParameters;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.activation.Tanh;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optim;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * One SGD training step (forward, loss, backward, sgd with momentum) of a fixed model on a fixed random batch:
 * the unit of work the train-step benchmarks time. Models: {@code seed} = the seed net 3072-1500-10 Tanh/LogSoftMax,
 * {@code mlp} = 784-256-128-10 ReLU/LogSoftMax, {@code mlp-graph} = the same layers (same initial weights) as a
 * {@link Graph} chain, {@code mlp-autograd} / {@code mlp-autograd-mm} = the same MLP (same initial weights) as
 * autograd code ({@link AutogradMlp}), {@code lenet5} = {@link jtorch.nn.conv.LeNet5} on [B, 1, 28, 28] with plain sgd lr 0.01
 * (as the DJL peer); loss ClassNLL; batch [B, in].
 */
public final class TrainStep {
    public final Module model;
    final Criterion criterion = new ClassNLLCriterion();
    final FlatParameters p;
    final Tensor input, target;
    final Config config = Config.of("learningRate", 0.01, "momentum", 0.9);
    final State state = new State();
    final Feval feval;

    public TrainStep(String name, int batch) {
        Generator.manualSeed(1);
        model = switch (name) {
            case "seed" -> new Sequential().add(new Linear(3072, 1500)).add(new Tanh()).add(new Linear(1500, 10))
                    .add(new LogSoftMax());
            case "mlp" -> new Sequential().add(new Linear(784, 256)).add(new ReLU()).add(new Linear(256, 128))
                    .add(new ReLU()).add(new Linear(128, 10)).add(new LogSoftMax());
            case "mlp-graph" -> mlpGraph();
            case "lenet5" -> jtorch.nn.conv.LeNet5.build(10);
            case "mlp-autograd", "mlp-autograd-mm" -> AutogradMlp.of(new Sequential().add(new Linear(784, 256))
                    .add(new ReLU()).add(new Linear(256, 128)).add(new ReLU()).add(new Linear(128, 10))
                    .add(new LogSoftMax()), name.equals("mlp-autograd"));
            default -> throw new IllegalArgumentException("unknown model '" + name + "' (seed, mlp, mlp-graph, "
                    + "mlp-autograd, mlp-autograd-mm, lenet5)");
        };
        int in = name.equals("seed") ? 3072 : 784;
        if (name.equals("lenet5")) config.set("momentum", 0.0); // the DJL peer's plain sgd 0.01
        Generator g = new Generator(2);
        input = name.equals("lenet5") ? Tensor.randn(g, batch, 1, 28, 28) : Tensor.randn(g, batch, in);
        int[] t = new int[batch];
        for (int i = 0; i < batch; i++) t[i] = g.nextInt(10);
        target = Tensor.of(t);
        model.gradInputNeeded(false); // the input needs no gradient (PyTorch skips it too)
        p = model.getParameters();
        feval = x -> {
            p.gradients().fillInPlace(0);
            Tensor out = model.forward(input).tensor();
            double loss = criterion.forward(out, target);
            model.backward(input, criterion.backward(out, target));
            return new Feval.Eval(loss, p.gradients());
        };
    }

    /** The mlp's layers, created in the same order (so with the same weights), as a graph. */
    static Graph mlpGraph() {
        Node x = Node.input("x");
        Node y = x.then(new Linear(784, 256)).then(new ReLU()).then(new Linear(256, 128)).then(new ReLU())
                .then(new Linear(128, 10)).then(new LogSoftMax());
        return new Graph(x, y);
    }

    /** Runs one step; returns the loss before it. */
    public double step() { return Optim.sgd(feval, p.weights(), config, state); }
}
