package jtorch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jtorch.data.DataLoader;
import jtorch.data.Normalizer;
import jtorch.data.TensorDataset;
import jtorch.io.Json;
import jtorch.tensor.Tensor;
import jtorch.train.History;

/** Small pieces the commands share: loaders, standardisation, checkpoint look-up, JSON output. */
final class Fit {
    private Fit() {}

    /** Examples per batch when evaluating (no gradients, so large batches are cheap). */
    static final int EVAL_BATCH = 1000;

    /**
     * Fits the per-feature standardisation on the training inputs (only), with every std raised to at least a tenth of
     * the mean std: a pixel that is almost always blank in training (std near 0) would otherwise turn a faint stroke
     * in a test image into a huge input.
     */
    static Normalizer fitNormalizer(TensorDataset train) {
        Normalizer n = Normalizer.fit(train.inputs());
        Tensor std = n.std();
        double sum = 0; // a plain ordered sum: the same floor in every run, whatever the thread count
        for (double v : std.toDoubleArray()) sum += v;
        double floor = 0.1 * sum / std.numel();
        return floor > 0 ? new Normalizer(n.mean(), std.clamp(floor, Double.MAX_VALUE)) : n;
    }

    static TensorDataset apply(Normalizer n, TensorDataset d) { return d == null || n == null ? d : n.apply(d); }

    static DataLoader trainLoader(TensorDataset d, int batch, long seed) {
        return new DataLoader(d, Math.min(batch, d.size()), true, seed, false);
    }

    static DataLoader evalLoader(TensorDataset d) {
        return d == null ? null : new DataLoader(d, Math.min(EVAL_BATCH, d.size()), false, 0, false).withPrefetch(0);
    }

    private static final Pattern CKPT = Pattern.compile("epoch-(\\d+)\\.ckpt");

    /** {@code path} itself when it is a file, else the checkpoint of the highest epoch in the directory. */
    static Path checkpoint(String path) {
        Path p = Path.of(path);
        if (Files.isRegularFile(p)) return p;
        if (!Files.isDirectory(p)) throw new CliException("--resume: no such file or directory: " + path);
        Path best = null;
        int bestEpoch = -1;
        try (Stream<Path> s = Files.list(p)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Matcher m = CKPT.matcher(f.getFileName().toString());
                if (m.matches() && Integer.parseInt(m.group(1)) > bestEpoch) {
                    bestEpoch = Integer.parseInt(m.group(1));
                    best = f;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--resume: cannot list " + path + ": " + e.getMessage(), e);
        }
        if (best == null) throw new CliException("--resume: no epoch-NNNN.ckpt checkpoint in " + path);
        return best;
    }

    /** The history and the test result as JSON (NaN written as null). */
    static void writeMetrics(Path file, Map<String, Object> info, History h) {
        Map<String, Object> root = new LinkedHashMap<>(info);
        List<Object> epochs = new ArrayList<>();
        for (Map<String, Double> m : h.toMaps()) epochs.add(finite(m));
        root.put("bestEpoch", h.bestEpoch());
        root.put("epochs", epochs);
        try {
            Files.writeString(file, Json.write(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, Object> finite(Map<String, ?> m) {
        Map<String, Object> r = new LinkedHashMap<>();
        m.forEach((k, v) -> r.put(k, v instanceof Double d && !Double.isFinite(d) ? null : v));
        return r;
    }

    /** Creates {@code --out DIR} (for commands that add files to it) and checks that it can be written. */
    static Path outDir(String dir) {
        Path p = Path.of(dir);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new CliException("--out: cannot create directory " + dir + " (" + OutputDir.why(e) + ")");
        }
        OutputDir.probe("out", p);
        return p;
    }

    /** Creates the checkpoint directory and checks it can be written and does not lie inside {@code out}. */
    static void checkpointDir(Path dir, Path out) {
        Path abs = dir.toAbsolutePath().normalize();
        if (abs.startsWith(out)) throw new CliException("--checkpoint-dir " + dir + " lies inside --out " + out
                + ", which is replaced as a whole at the end; give a directory outside it");
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new CliException("--checkpoint-dir: cannot create directory " + dir + " (" + OutputDir.why(e) + ")");
        }
        OutputDir.probe("checkpoint-dir", abs);
    }
}
