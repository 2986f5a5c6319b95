package jtorch.cli;

import jtorch.optim.Optimizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jtorch.io.Checkpoint;
import jtorch.io.ModuleRegistry;
import jtorch.nn.Module;
import jtorch.train.Trainer;

/**
 * {@code --resume} refuses a checkpoint that does not belong to the command line, rather than silently training
 * something else: the network's architecture ({@link ModuleRegistry#toJson}: module types and sizes) and the optimizer
 * (name and every option; the learning rate compared is the base rate the checkpoint's run started from, before any
 * schedule) must be the same on both sides. The message names both, so the user can fix the command line. What
 * {@code metrics.json} records as the optimizer is then what was actually used.
 */
final class ResumeCheck {
    private ResumeCheck() {}

    static void check(Checkpoint ck, Path file, Module net, Optimizer cli) {
        String saved = ModuleRegistry.toJson(ck.model()), wanted = ModuleRegistry.toJson(net);
        if (!saved.equals(wanted)) throw new CliException("--resume: checkpoint " + file + " holds a different network: "
                + "checkpoint " + saved + ", command line " + wanted + " (give the first run's --model, --hidden and --data)");
        Map<String, Double> a = options(ck.optimizer(), baseLearningRate(ck)), b = options(cli, cli.learningRate());
        if (!ck.optimizer().name().equals(cli.name()) || !a.equals(b)) throw new CliException("--resume: checkpoint "
                + file + " was trained with " + ck.optimizer().name() + " " + a + ", the command line asks for "
                + cli.name() + " " + b + " (give the first run's --optimizer, --lr, --momentum and --weight-decay)");
    }

    /** The options, learning rate replaced by {@code lr} (sorted, for a stable message). */
    private static Map<String, Double> options(Optimizer o, double lr) {
        Map<String, Double> m = new TreeMap<>(o.config().values());
        m.put("learningRate", lr);
        return m;
    }

    /** The rate before the schedule: what the last checkpointed epoch recorded, else the configured one. */
    private static double baseLearningRate(Checkpoint ck) {
        List<Map<String, Double>> h = ck.history();
        if (h != null && !h.isEmpty() && h.getLast().get(Trainer.BASE_LR) != null) return h.getLast().get(Trainer.BASE_LR);
        return ck.optimizer().learningRate();
    }
}
