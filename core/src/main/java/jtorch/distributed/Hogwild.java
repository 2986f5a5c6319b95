package jtorch.distributed;

import java.util.ArrayList;
import java.util.List;
import jtorch.nn.Module;

/**
 * Lock-free Hogwild! (Niu, Recht, Ré and Wright, NIPS 2011) for threads of one JVM: {@link #replicas} gives n
 * networks whose flat weights are one shared tensor, each with its own gradients and buffers; each thread trains its
 * replica with its own {@link jtorch.train.Trainer} (any optimizer, its own optimizer state, its own data, e.g. a
 * {@link Partition}), and every optimizer step writes the shared weights without a lock. Java's memory model makes the
 * races benign (no torn floats; an update may be overwritten by a concurrent one, which is Hogwild's bet); results
 * depend on thread timing.
 */
public final class Hogwild {
    private Hogwild() {}

    /** {@code model} itself (flattened) and n − 1 shared clones of it: all weights in {@code model.getParameters().weights()}. */
    public static List<Module> replicas(Module model, int n) {
        if (n < 1) throw new IllegalArgumentException("Hogwild.replicas: n must be >= 1, got " + n);
        var shared = model.getParameters().weights();
        List<Module> out = new ArrayList<>(List.of(model));
        for (int i = 1; i < n; i++) {
            Module m = model.sharedClone(false);
            if (m.getParameters().weights().storage() != shared.storage()) throw new IllegalStateException(
                    "Hogwild.replicas: a shared clone of " + model.name() + " does not share its flat weights");
            out.add(m);
        }
        return out;
    }
}
