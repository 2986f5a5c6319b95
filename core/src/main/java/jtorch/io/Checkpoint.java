package jtorch.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jtorch.nn.Module;
import jtorch.optim.State;
import jtorch.train.Optimizer;

/**
 * Everything needed to resume training exactly, in one file written atomically.
 *
 * @param epoch          the last completed epoch
 * @param model          the network (architecture and weights)
 * @param optimizer      the optimizer's name and config
 * @param optimizerState the optimizer's state (numbers and buffers)
 * @param rngState       the random generator's state ({@link jtorch.tensor.Generator#state()})
 * @param history        per-epoch metrics, by name
 * <p>I/O failures throw {@link java.io.UncheckedIOException}; a malformed file throws {@link IllegalArgumentException}
 * naming the file and what is wrong.
 */
public record Checkpoint(int epoch, Module model, Optimizer optimizer, State optimizerState, long[] rngState,
                         List<Map<String, Double>> history) {

    /** Writes this checkpoint to {@code file} atomically (temp file in the same directory, fsync, rename, fsync dir). */
    public void save(Path file) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Reads a checkpoint written by {@link #save}. */
    public static Checkpoint load(Path file) {
        throw new UnsupportedOperationException("not yet");
    }
}
