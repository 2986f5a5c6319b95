package jtorch.io;

import java.nio.file.Path;
import jtorch.nn.Module;

/**
 * A network in one safetensors file: its weights named by path (e.g. {@code 0.weight}) plus metadata
 * {@code jtorch.format = "1"} and {@code jtorch.architecture} = {@link ModuleRegistry#toJson}.
 * <p>I/O failures throw {@link java.io.UncheckedIOException}; a malformed file throws {@link IllegalArgumentException}
 * naming the file and what is wrong.
 */
public final class Model {
    private Model() {}

    /** Writes {@code m}'s architecture and weights to {@code file}. */
    public static void save(Module m, Path file) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Rebuilds the network saved in {@code file} with its weights. */
    public static Module load(Path file) {
        throw new UnsupportedOperationException("not yet");
    }
}
