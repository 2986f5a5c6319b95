package jtorch.train;

import jtorch.optim.Optimizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jtorch.io.Checkpoint;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.State;
import jtorch.tensor.Tensor;

/**
 * What {@link Trainer#resume} checks in a checkpoint before restoring it, so that a damaged or hand-edited file fails
 * with a message naming the file instead of training from nonsense: the epoch is in 0..epochs (the run's last epoch);
 * the history has exactly one entry per finished epoch, numbered 1..epoch; every optimizer option and state number is
 * finite, and the options are in the optimizer's own ranges (checked by one step of the optimizer, with a copy of the
 * options, on a throw-away one-element problem whose gradient is 0); every optimizer state tensor is finite.
 */
final class CheckpointCheck {
    private CheckpointCheck() {}

    static void validate(Checkpoint ck, Path file, int epochs) {
        String where = "Trainer.resume: checkpoint " + file;
        if (ck.epoch() < 0 || ck.epoch() > epochs) throw new IllegalArgumentException(where + " is at epoch " + ck.epoch()
                + ", outside 0.." + epochs + " (the last epoch of this run; raise the number of epochs to continue it)");
        List<Map<String, Double>> h = ck.history() == null ? List.of() : ck.history();
        if (h.size() != ck.epoch()) throw new IllegalArgumentException(where + " is at epoch " + ck.epoch() + " but its "
                + "history has " + h.size() + " entries (one per finished epoch expected)");
        for (int i = 0; i < h.size(); i++) {
            Double e = h.get(i).get("epoch");
            if (e == null || e != i + 1) throw new IllegalArgumentException(where + ": history entry " + i
                    + " is for epoch " + e + ", expected " + (i + 1));
        }
        Config copy = new Config();
        for (Map.Entry<String, Double> c : ck.optimizer().config().values().entrySet()) {
            if (!Double.isFinite(c.getValue())) throw new IllegalArgumentException(where + ": optimizer option "
                    + c.getKey() + " is " + c.getValue());
            copy.set(c.getKey(), c.getValue());
        }
        if (!(ck.optimizer().learningRate() > 0)) throw new IllegalArgumentException(where + ": learning rate "
                + ck.optimizer().learningRate() + " is not > 0");
        try {
            Tensor x = Tensor.zeros(1), g = Tensor.zeros(1);
            new Optimizer(ck.optimizer().name(), copy).step(w -> new Feval.Eval(0, g), x, new State());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": invalid optimizer options " + ck.optimizer().config()
                    + ": " + e.getMessage(), e);
        }
        State s = ck.optimizerState();
        if (s == null) return;
        s.numbers().forEach((k, v) -> {
            if (!Double.isFinite(v)) throw new IllegalArgumentException(where + ": optimizer state " + k + " is " + v);
        });
        s.tensors().forEach((k, t) -> {
            double sum = t.dot(t);
            if (!Double.isFinite(sum)) throw new IllegalArgumentException(where + ": optimizer state tensor " + k
                    + " holds NaN or infinite values");
        });
    }
}
