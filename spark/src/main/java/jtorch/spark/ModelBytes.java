package jtorch.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jtorch.io.Model;
import jtorch.nn.Module;

/** A network as the bytes of its {@link Model} file (architecture and weights), to travel in Spark closures and results. */
final class ModelBytes {
    private ModelBytes() {}

    static byte[] of(Module m) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jtorch-spark-model");
            Path f = dir.resolve("model.safetensors");
            Model.save(m, f);
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException("SparkTrainer: cannot serialize the model through a temporary file: " + e, e);
        } finally {
            delete(dir);
        }
    }

    static Module load(byte[] bytes) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jtorch-spark-model");
            Path f = dir.resolve("model.safetensors");
            Files.write(f, bytes);
            return Model.load(f);
        } catch (IOException e) {
            throw new UncheckedIOException("SparkTrainer: cannot read the model through a temporary file: " + e, e);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) return;
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) Files.deleteIfExists(p);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }
}
