package jtorch.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jtorch.nn.Sequential;
import jtorch.nn.activation.Tanh;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.State;
import jtorch.tensor.Tensor;
import jtorch.optim.Optimizer;

/**
 * Child process of {@link CheckpointKillTest}: saves large checkpoints to one path in an endless loop, epoch after
 * epoch, each with every weight and optimizer buffer equal to the epoch number and one history row per epoch, and
 * prints {@code saved <epoch>} after each save returns. Arguments: path, first epoch, hidden size.
 */
public final class CheckpointWriterMain {
    private CheckpointWriterMain() {}

    public static void main(String[] args) {
        Path path = Path.of(args[0]);
        int epoch = Integer.parseInt(args[1]), n = Integer.parseInt(args[2]);
        Sequential net = new Sequential().add(new Linear(n, n)).add(new Tanh()).add(new Linear(n, 10));
        Tensor w = net.getParameters().weights();
        Optimizer opt = new Optimizer("sgd", Config.of("learningRate", 0.1, "momentum", 0.9));
        State state = new State().tensor("dfdx", w.zerosLike());
        List<Map<String, Double>> history = new ArrayList<>();
        for (int e = 1; e < epoch; e++) history.add(Map.of("epoch", (double) e));
        for (;; epoch++) {
            w.fillInPlace(epoch);
            state.tensor("dfdx").fillInPlace(epoch);
            state.set("evalCounter", epoch);
            history.add(Map.of("epoch", (double) epoch));
            new Checkpoint(epoch, net, opt, state, new long[] {epoch, 1, 0, 0}, history).save(path);
            System.out.println("saved " + epoch);
            System.out.flush();
        }
    }
}
