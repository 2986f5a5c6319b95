package jtorch.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jtorch.data.CharSplitLM;
import jtorch.io.Checkpoint;
import jtorch.io.LanguageModelFile;
import jtorch.nn.rnn.RecurrentLM;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.train.BpttTrainer;
import jtorch.train.History;
import jtorch.train.Sampling;
import jtorch.train.plot.Plots;

/**
 * {@code jtorch train --data text:FILE --model char-lstm|char-gru}: char-rnn on a UTF-8 text file ({@link CharSplitLM}
 * streams, {@link BpttTrainer}: RMSprop, gradient clamp 5, learning rate × 0.97 per epoch after epoch 10, one-hot input,
 * {@code --layers} × {@code --hidden} recurrent layers). Defaults are char-rnn's: 2 × 128, sequence 50, batch 50, lr
 * 2e-3, validation fraction 0.05, 10 epochs here. Prints the validation loss (nats/char) after every epoch; writes the
 * model with its vocabulary ({@link LanguageModelFile}, for {@code jtorch sample}), the curves, metrics.json and a
 * 500-character sample at temperature 0.8 to {@code --out}; {@code --checkpoint-dir} gets one checkpoint per epoch,
 * which {@code --resume} continues exactly.
 */
final class CharTrain {
    private CharTrain() {}

    static final List<String> PRESETS = List.of("char-lstm", "char-gru");
    static final Set<String> OUTPUTS = Set.of("model.safetensors", "curves.png", "curves.html", "metrics.json", "sample.txt");

    static int run(Args a, PrintStream out, String dataSpec, String model) {
        long t0 = System.nanoTime();
        if (!PRESETS.contains(model)) throw new CliException("--data text:FILE trains --model char-lstm or char-gru, not '"
                + model + "'");
        if (a.has("optimizer") && !a.string("optimizer", "").equals("rmsprop")) throw new CliException("--optimizer: "
                + "--data text: trains with rmsprop (char-rnn's optimizer), not " + a.string("optimizer", ""));
        for (String o : List.of("momentum", "weight-decay", "schedule", "patience", "allow-nonfinite"))
            if (a.has(o)) throw new CliException("--" + o + " does not apply to --data text: (char-rnn trains with rmsprop,"
                    + " alpha 0.95, clip 5, lr x 0.97 per epoch after epoch 10)");
        Path file = Path.of(dataSpec.substring("text:".length()));
        if (!Files.isRegularFile(file)) throw new CliException("--data: no such text file: " + file);
        int hidden = single(a.intList("hidden", new int[] {128}));
        int layers = a.integer("layers", 2, 1, 64);
        int seq = a.integer("seq-length", 50, 1, 1 << 16), batch = a.integer("batch", 50, 1, 1 << 16);
        int epochs = a.integer("epochs", 10, 1, 100_000);
        double lr = a.real("lr", 2e-3, 0, true, 100), valFraction = a.real("val-fraction", 0.05, 0, true, 0.5);
        long seed = a.longValue("seed", 1);
        Path resume = a.has("resume") ? Fit.checkpoint(a.string("resume", null)) : null;
        Path ckptDir = a.has("checkpoint-dir") ? Path.of(a.string("checkpoint-dir", null))
                : resume != null ? resume.toAbsolutePath().getParent() : null;
        OutputDir outDir = OutputDir.prepare("out", a.string("out", "out/train"), OUTPUTS);
        try {
            if (ckptDir != null) Fit.checkpointDir(ckptDir, outDir.target());
            CharSplitLM data = CharSplitLM.load(file, batch, seq, valFraction);
            Generator.manualSeed(seed);
            RecurrentLM lm = model.equals("char-gru") ? RecurrentLM.charGru(data.vocabularySize(), hidden, layers, new Generator(seed))
                    : RecurrentLM.charLstm(data.vocabularySize(), hidden, layers, new Generator(seed));
            BpttTrainer.Options o = new BpttTrainer.Options(epochs, lr, 0.95, 5, 0.97, 10, 0, 0);
            BpttTrainer t = new BpttTrainer(lm, data, o).listener(new BpttTrainer.Listener() {
                @Override public void evaluated(int e, int it, double s, double tr, double v) {}

                @Override public void epochEnd(jtorch.train.EpochMetrics m) {
                    out.printf(Locale.ROOT, "epoch %d/%d  train %.4f  validation %.4f nats/char  lr %.3g  %.1f s  %.0f chars/s%n",
                            m.epoch(), epochs, m.trainLoss(), m.valLoss(), m.learningRate(), m.seconds(), m.samplesPerSecond());
                }
            });
            if (ckptDir != null) t.checkpointDir(ckptDir);
            out.printf(Locale.ROOT, "%s%n%s: %d characters, vocabulary %d; %d training, %d validation batches of %d x %d; "
                            + "%d parameters; rmsprop lr %s alpha 0.95, clip 5, %d epochs%n", lm.model(), file,
                    data.corpus().length(), data.vocabularySize(), data.trainBatches(), data.validationBatches(), seq, batch,
                    lm.model().getParameters().weights().numel(), lr, epochs);
            History h;
            if (resume != null) {
                Checkpoint ck = Checkpoint.load(resume);
                ResumeCheck.check(ck, resume, lm.model(), t.optimizer());
                out.println("resuming from " + resume);
                h = t.resume(ck, resume);
            } else {
                h = t.fit();
            }
            out.printf(Locale.ROOT, "best epoch %d of %d (validation loss %.4f nats/char)%n", h.bestEpoch(), h.size(),
                    h.best().monitoredLoss());
            int[] ids = Sampling.generate(lm, data.vocabularySize(), new int[0], 500, 0.8, 0, new Generator(seed));
            Path dir = outDir.staging();
            new LanguageModelFile(lm, data.vocabulary()).save(dir.resolve("model.safetensors"));
            Files.writeString(dir.resolve("sample.txt"), data.corpus().decode(Tensor.of(ids, ids.length)));
            Plots.trainingCurves(h, dir.resolve("curves.png"), dir.resolve("curves.html"));
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("data", dataSpec);
            info.put("model", model);
            info.put("optimizer", "rmsprop lr " + lr + " alpha 0.95, clip 5, batch " + batch + ", seq " + seq);
            info.put("seed", seed);
            info.put("trainCharacters", (long) data.trainBatches() * batch * seq);
            info.put("validationLoss", h.last().valLoss());
            info.put("seconds", (System.nanoTime() - t0) / 1e9);
            Fit.writeMetrics(dir.resolve("metrics.json"), Fit.finite(info), h);
            outDir.commit();
            out.printf(Locale.ROOT, "wrote %s/{model.safetensors, sample.txt, curves.png, curves.html, metrics.json}  (%.1f s)%n",
                    a.string("out", "out/train"), (System.nanoTime() - t0) / 1e9);
            return 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + e.getMessage(), e);
        } finally {
            outDir.discard();
        }
    }

    private static int single(int[] hidden) {
        if (hidden.length != 1) throw new CliException("--hidden: a char model takes one size (all layers), got "
                + hidden.length);
        return hidden[0];
    }
}
