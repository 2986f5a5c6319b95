package jtorch.examples;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import jtorch.backend.cpu.Parallel;
import jtorch.data.TextCorpus;
import jtorch.nn.Module;
import jtorch.tensor.Generator;

/**
 * The first {@code --steps} iterations of {@link CharTransformer} written down so that another implementation can
 * replay them: {@code DIR/weights.txt} (one line per parameter tensor: name and sizes; the tied output weight, a copy
 * of the embedding, left out) with {@code DIR/weights.f32} (their initial values, float32 little-endian, in that
 * order), {@code DIR/offsets.txt} (one line per iteration: the batch's window starts in the text), then an empty
 * {@code DIR/ready} (the replay can start, in parallel), and
 * {@code DIR/jtorch.txt} (per iteration: step, loss before the update, gradient norm before clipping, learning rate),
 * then {@code DIR/final.f32} (the weights after the last step) and {@code DIR/jtorch-final.txt} (the loss over the
 * whole validation split then, {@code CharTransformer.exact}). {@code bench/peer/char_transformer_replay_torch.py DIR}
 * trains PyTorch's model from the same weights on the same batches and compares the two step by step
 * ({@code bench/char-transformer-replay.sh} runs both). Options: {@code --out DIR --steps N} and CharTransformer's.
 */
public final class CharTransformerReplay {
    private CharTransformerReplay() {}

    public static void main(String[] args) throws IOException {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        Path out = Path.of(take(rest, "--out", "target/char-transformer-replay"));
        int steps = Integer.parseInt(take(rest, "--steps", "200"));
        CharTransformer c = new CharTransformer();
        c.parse(rest.toArray(String[]::new));
        if (!Files.isRegularFile(c.file)) {
            System.out.println("skipped: " + c.file + " not found");
            return;
        }
        Parallel.setThreads(c.threads);
        Files.createDirectories(out);
        TextCorpus corpus = TextCorpus.chars(c.file);
        int[] ids = corpus.ids().toIntArray();
        int n = (int) (0.9 * ids.length);
        CharTransformerStep s = c.newStep(corpus.vocabulary().size(), new Generator(c.seed));
        List<Module.Parameter> params = new ArrayList<>();
        for (Module.Parameter p : s.model.namedParameters()) if (!(c.tie && p.name().equals("1.weight"))) params.add(p);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("weights.txt")))) {
            for (Module.Parameter p : params) {
                StringBuilder line = new StringBuilder(p.name());
                for (int d : p.weight().sizes()) line.append(' ').append(d);
                w.println(line);
            }
        }
        write(out.resolve("weights.f32"), params);
        SplittableRandom rnd = new SplittableRandom(c.seed);
        List<int[]> offsets = new ArrayList<>();
        try (PrintWriter off = new PrintWriter(Files.newBufferedWriter(out.resolve("offsets.txt")))) {
            for (int it = 0; it < steps; it++) {
                int[] o = c.offsets(0, n, rnd);
                offsets.add(o);
                off.println(String.join(" ", Arrays.stream(o).mapToObj(Integer::toString).toList()));
            }
        }
        Files.writeString(out.resolve("ready"), "");  // the replay may start (it can run while this one trains)
        long t0 = System.nanoTime();
        try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(out.resolve("jtorch.txt")))) {
            for (int it = 0; it < steps; it++) {
                double lr = c.lrAt(it);
                double loss = s.step(c.batchAt(ids, offsets.get(it)), lr);
                log.printf(Locale.ROOT, "%d %.9g %.9g %.9g%n", it, loss, s.lastNorm, lr);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        s.checkTied();
        write(out.resolve("final.f32"), params);
        double valAll = c.exact(s, ids, n, ids.length);
        Files.writeString(out.resolve("jtorch-final.txt"), String.format(Locale.ROOT, "valAll %.9g%n", valAll));
        System.out.printf(Locale.ROOT, "jtorch replay: %d steps in %.1f s (recipe %s, seed %d), whole-validation loss "
                + "%.4f, files in %s%n", steps, seconds, c.recipe, c.seed, valAll, out);
    }

    private static String take(List<String> args, String name, String dflt) {
        int i = args.indexOf(name);
        if (i < 0) return dflt;
        if (i + 1 >= args.size()) throw new IllegalArgumentException(name + " needs a value");
        String v = args.get(i + 1);
        args.subList(i, i + 2).clear();
        return v;
    }

    private static void write(Path file, List<Module.Parameter> params) {
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(file))) {
            for (Module.Parameter p : params) {
                float[] f = p.weight().toFloatArray();
                ByteBuffer b = ByteBuffer.allocate(4 * f.length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(f);
                o.write(b.array());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CharTransformerReplay: writing " + file, e);
        }
    }
}
