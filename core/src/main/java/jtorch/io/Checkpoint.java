package jtorch.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jtorch.nn.Module;
import jtorch.optim.Config;
import jtorch.optim.State;
import jtorch.tensor.Tensor;
import jtorch.optim.Optimizer;

/**
 * Everything needed to resume training exactly, in one safetensors file written atomically (see {@link AtomicFile}:
 * a reader or a killed writer never leaves a half-written checkpoint at the path).
 * <p>Layout: the model's weights as {@code model.<path>} ({@link Model}'s names with a prefix), the optimizer state's
 * buffers as {@code optim.<name>}, and the metadata {@code jtorch.format = "1"}, {@code jtorch.architecture} (as in a
 * model file, so {@link Model#load} also reads a checkpoint) and {@code jtorch.checkpoint}, a JSON object
 * {@code {"epoch": e, "optimizer": {"name": n, "config": {...}}, "state": {...}, "rng": [4 longs] or null,
 * "history": [{...}, ...]}}, and {@code jtorch.checksum} (of the header and the tensor data, as in a model file, checked on loading).
 * Doubles are JSON numbers written to read back to the same bits; NaN and ±infinity as
 * the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. Every tensor and number comes back bit-identical.
 *
 * @param epoch          the last completed epoch
 * @param model          the network (architecture and weights)
 * @param optimizer      the optimizer's name and config
 * @param optimizerState the optimizer's state (numbers and buffers); null is saved as an empty state
 * @param rngState       the random generator's state ({@link jtorch.tensor.Generator#state()}), or null
 * @param history        per-epoch metrics by name (values may be NaN); null is saved as an empty list
 */
public record Checkpoint(int epoch, Module model, Optimizer optimizer, State optimizerState, long[] rngState,
                         List<Map<String, Double>> history) {

    static final String CHECKPOINT_KEY = "jtorch.checkpoint";
    static final String MODEL_PREFIX = "model.";
    static final String OPTIM_PREFIX = "optim.";
    private static final Pattern NUMBERED = Pattern.compile(".*?(\\d+)\\.ckpt");

    public Checkpoint {
        if (model == null) throw new IllegalArgumentException("Checkpoint: null model");
        if (optimizer == null) throw new IllegalArgumentException("Checkpoint: null optimizer");
    }

    /** Writes this checkpoint to {@code file} atomically (temp file in the same directory, fsync, rename, fsync dir). */
    public void save(Path file) {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(Model.FORMAT_KEY, Model.FORMAT);
        metadata.put(Model.ARCHITECTURE_KEY, ModuleRegistry.toJson(model));
        Model.addState(model, MODEL_PREFIX, tensors);
        Map<String, Object> state = new LinkedHashMap<>();
        if (optimizerState != null) {
            optimizerState.numbers().forEach((k, v) -> state.put(k, Json.number(v)));
            optimizerState.tensors().forEach((k, t) -> tensors.put(OPTIM_PREFIX + k, t));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        optimizer.config().values().forEach((k, v) -> config.put(k, Json.number(v)));
        List<Object> hist = new ArrayList<>();
        if (history != null) {
            for (Map<String, Double> h : history) {
                Map<String, Object> row = new LinkedHashMap<>();
                h.forEach((k, v) -> row.put(k, v == null ? null : Json.number(v)));
                hist.add(row);
            }
        }
        List<Object> rng = null;
        if (rngState != null) {
            rng = new ArrayList<>();
            for (long s : rngState) rng.add(s);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("epoch", epoch);
        info.put("optimizer", Map.of("name", optimizer.name(), "config", config));
        info.put("state", state);
        info.put("rng", rng);
        info.put("history", hist);
        metadata.put(CHECKPOINT_KEY, Json.write(info));
        Model.write(file, tensors, metadata);
    }

    /** Reads a checkpoint written by {@link #save}; the model is in training mode. */
    public static Checkpoint load(Path file) {
        Safetensors.Loaded l = Safetensors.read(file);
        Model.checkFormat(file, l);
        String json = l.metadata().get(CHECKPOINT_KEY);
        if (json == null) throw Safetensors.bad(file, "not a checkpoint (no \"" + CHECKPOINT_KEY
                + "\" metadata; a model file is read with Model.load)");
        Module model = Model.rebuild(file, l, MODEL_PREFIX);
        try {
            Map<String, Object> info = Json.parseObject(json);
            long epochValue = integer(info.get("epoch"), "epoch");
            if (epochValue != (int) epochValue) throw new IllegalArgumentException("epoch " + epochValue + " is out of range");
            int epoch = (int) epochValue;
            Map<String, Object> opt = object(info.get("optimizer"), "optimizer");
            if (!(opt.get("name") instanceof String name)) throw new IllegalArgumentException("optimizer.name is missing");
            Config config = new Config();
            object(opt.get("config"), "optimizer.config").forEach((k, v) -> config.set(k, Json.toDouble(v)));
            State state = new State();
            object(info.get("state"), "state").forEach((k, v) -> state.set(k, Json.toDouble(v)));
            l.tensors().forEach((k, t) -> { if (k.startsWith(OPTIM_PREFIX)) state.tensor(k.substring(OPTIM_PREFIX.length()), t); });
            long[] rng = null;
            if (info.get("rng") != null) {
                if (!(info.get("rng") instanceof List<?> r)) throw new IllegalArgumentException("rng must be an array");
                rng = new long[r.size()];
                for (int i = 0; i < rng.length; i++) rng[i] = integer(r.get(i), "rng[" + i + "]");
            }
            if (!(info.get("history") instanceof List<?> hl)) throw new IllegalArgumentException("history must be an array");
            List<Map<String, Double>> history = new ArrayList<>();
            for (int i = 0; i < hl.size(); i++) {
                Map<String, Double> row = new LinkedHashMap<>();
                object(hl.get(i), "history[" + i + "]").forEach((k, v) -> row.put(k, v == null ? null : Json.toDouble(v)));
                history.add(row);
            }
            return new Checkpoint(epoch, model, new Optimizer(name, config), state, rng, history);
        } catch (IllegalArgumentException e) {
            throw Safetensors.bad(file, "invalid " + CHECKPOINT_KEY + " metadata: " + e.getMessage());
        }
    }

    /**
     * The checkpoint in {@code dir} with the highest number before its {@code .ckpt} extension (e.g.
     * {@code epoch-0012.ckpt}), or null when there is none. Temporary files of interrupted saves are ignored.
     */
    public static Path latest(Path dir) {
        Path best = null;
        long bestN = -1;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.ckpt")) {
            for (Path f : ds) {
                String n = f.getFileName().toString();
                if (n.startsWith(".") || !Files.isRegularFile(f)) continue;
                Matcher m = NUMBERED.matcher(n);
                long k = m.matches() ? Long.parseLong(m.group(1)) : 0;
                if (k > bestN || (k == bestN && n.compareTo(best.getFileName().toString()) > 0)) { best = f; bestN = k; }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return best;
    }

    private static long integer(Object v, String what) {
        if (!(v instanceof Long l)) throw new IllegalArgumentException(what + " must be a whole number, got " + Json.kind(v));
        return l;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object v, String what) {
        if (!(v instanceof Map)) throw new IllegalArgumentException(what + " must be an object, got " + Json.kind(v));
        return (Map<String, Object>) v;
    }
}
