package jtorch.cli;

import jtorch.optim.Optimizer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jtorch.backend.cpu.Parallel;
import jtorch.data.Normalizer;
import jtorch.io.Checkpoint;
import jtorch.io.Model;
import jtorch.nn.Criterion;
import jtorch.nn.Module;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.tensor.Generator;
import jtorch.train.EarlyStopping;
import jtorch.train.Evaluator;
import jtorch.train.History;
import jtorch.train.LrSchedules;
import jtorch.train.ProgressBar;
import jtorch.train.Trainer;
import jtorch.train.plot.Plots;

/**
 * {@code jtorch train}: trains a model preset or a saved model on a data set with a progress display, evaluates it on
 * the test split, and writes the model file, the training curves (PNG and HTML), the confusion matrix and the metrics
 * to {@code --out}. With no options: the seed net on the embedded digits set.
 */
final class TrainCommand implements Command {
    static final List<Args.Opt> OPTS;

    static {
        List<Args.Opt> o = new ArrayList<>(List.of(
                new Args.Opt("data", "SET", "digits (default), fashion-mnist, a directory of MNIST-layout IDX files,\n"
                        + "or text:FILE (a UTF-8 text for a character language model)"),
                new Args.Opt("model", "NAME|FILE", "seed (default), mlp, lenet5 or convnet (28x28 images), or a model\n"
                        + "file written by jtorch train; with --data text:FILE, char-lstm or char-gru"),
                new Args.Opt("seed", "S", "seed of the split, the initial weights and the shuffling (default 1)"),
                new Args.Opt("val-fraction", "F", "share of the training split held out for validation (default 0.1;\n"
                        + "early stopping and the best epoch are judged on it, never on the test split)"),
                new Args.Opt("schedule", "NAME", "learning-rate schedule: none, cosine (decays towards 0; the default\n"
                        + "for mlp and model files), step (x0.1 every third of the epochs)"),
                new Args.Opt("patience", "P", "stop after P epochs without a lower validation loss, keep the best weights"),
                new Args.Opt("threads", "T", "CPU threads for the kernels (default: all cores)"),
                new Args.Opt("checkpoint-dir", "DIR", "write epoch-NNNN.ckpt there after every epoch"),
                new Args.Opt("allow-nonfinite", null, "keep training when a loss becomes NaN or infinite (default: stop\n"
                        + "with an error, exit status 1, the last good checkpoint kept)"),
                new Args.Opt("resume", "FILE|DIR", "continue from a checkpoint (a directory: its latest); give the same\n"
                        + "--data/--model/--seed and optimizer options as the first run (a different network or\n"
                        + "optimizer is refused), --epochs the new total"),
                new Args.Opt("out", "DIR", "where to write model.safetensors, curves.png/.html, confusion.png,\n"
                        + "metrics.json (default out/train); the directory is replaced as a whole at the end")));
        o.addAll(2, Hyper.OPTS);
        o.add(new Args.Opt("layers", "L", "text: recurrent layers (default 2; --hidden sets their size, default 128)"));
        o.add(new Args.Opt("seq-length", "T", "text: characters per sequence for truncated BPTT (default 50; --batch\n"
                + "is the number of parallel streams, default 50; --val-fraction default 0.05)"));
        OPTS = List.copyOf(o);
    }

    @Override public String name() { return "train"; }

    @Override public String summary() { return "train a network (default: the seed net on the embedded digits set)"; }

    @Override public String help() {
        return "usage: jtorch train [options]\n\n"
                + "Trains a classifier with a progress display, evaluates it on the test split, and writes the model file,\n"
                + "the training curves (PNG and a self-contained HTML page), the confusion matrix and metrics.json.\n"
                + "Inputs are standardised with the training split's per-feature mean and std; the model file includes\n"
                + "that step, so it takes raw inputs.\n\noptions:\n" + Args.optionHelp(OPTS)
                + "\nexamples:\n  jtorch train\n  jtorch train --data fashion-mnist --model mlp --epochs 20\n"
                + "  jtorch train --data fashion-mnist --model lenet5\n"
                + "  jtorch train --data fashion-mnist --model convnet\n"
                + "  jtorch train --model mlp --optimizer adam --lr 0.001 --checkpoint-dir ckpt\n"
                + "  jtorch train --data text:tinyshakespeare.txt --model char-lstm --checkpoint-dir ckpt\n";
    }

    @Override public int run(String[] argv, PrintStream out, PrintStream err) {
        Args a = Args.parse(name(), argv, OPTS);
        if (a.has("help")) { out.print(help()); return 0; }
        long t0 = System.nanoTime();
        String modelSpec = a.string("model", "seed");
        String data0 = a.string("data", "digits");
        if (data0.startsWith("text:")) return CharTrain.run(a, out, data0, modelSpec);
        if (CharTrain.PRESETS.contains(modelSpec)) throw new CliException("--model " + modelSpec + " needs --data text:FILE");
        if (a.has("layers") || a.has("seq-length")) throw new CliException("--layers and --seq-length apply to --data text:FILE");
        String preset = Models.PRESETS.contains(modelSpec) ? modelSpec : null;
        Hyper hp = Hyper.from(a, preset == null ? "mlp" : preset);
        String dataSpec = a.string("data", "digits");
        long seed = a.longValue("seed", 1);
        double valFraction = a.real("val-fraction", 0.1, 0, false, 0.9);
        int patience = a.integer("patience", 0, 1, 1_000_000);
        if (a.has("threads")) Parallel.setThreads(a.integer("threads", 0, 1, 1024));
        if (a.has("hidden") && (preset == null || Models.IMAGE_PRESETS.contains(preset))) throw new CliException("--hidden"
                + " applies to the seed and mlp presets, not to " + (preset == null ? "a model file" : preset));
        Path resume = a.has("resume") ? Fit.checkpoint(a.string("resume", null)) : null;
        Path ckptDir = a.has("checkpoint-dir") ? Path.of(a.string("checkpoint-dir", null))
                : resume != null ? resume.toAbsolutePath().getParent() : null;
        OutputDir outDir = OutputDir.prepare("out", a.string("out", "out/train"), OUTPUTS);
        try {
            if (ckptDir != null) Fit.checkpointDir(ckptDir, outDir.target());
            return train(a, out, t0, modelSpec, preset, hp, dataSpec, seed, valFraction, patience, resume, ckptDir, outDir);
        } finally {
            outDir.discard();
        }
    }

    /** What this command writes; an existing --out may hold only these. */
    static final Set<String> OUTPUTS = Set.of("model.safetensors", "curves.png", "curves.html", "confusion.png", "metrics.json");

    private int train(Args a, PrintStream out, long t0, String modelSpec, String preset, Hyper hp, String dataSpec,
                      long seed, double valFraction, int patience, Path resume, Path ckptDir, OutputDir outDir) {
        Module loaded = preset == null ? Models.load("model", modelSpec) : null;
        DataChoice d = DataChoice.load(dataSpec, valFraction, seed);
        Module net;
        Normalizer norm;
        Generator.manualSeed(seed);
        if (preset != null) {
            net = Models.preset(preset, d.features(), d.classes().size(), hp.hidden());
            norm = Fit.fitNormalizer(d.train());
        } else {
            Models.Net n = Models.unwrap(loaded);
            net = n.net();
            norm = n.normalizer() != null ? n.normalizer() : Fit.fitNormalizer(d.train());
        }
        Criterion criterion = new ClassNLLCriterion();
        Optimizer optimizer = hp.newOptimizer();
        Trainer.Builder b = Trainer.builder(net, criterion, optimizer).allowNonFinite(a.has("allow-nonfinite"))
                .train(Fit.trainLoader(Fit.apply(norm, d.train()), hp.batch(), seed))
                .epochs(hp.epochs()).seed(seed).callback(new ProgressBar(out));
        if (d.validation() != null) b.validation(Fit.evalLoader(Fit.apply(norm, d.validation())));
        if (patience > 0) {
            if (d.validation() == null) throw new CliException("--patience needs a validation split (--val-fraction > 0)");
            b.callback(new EarlyStopping(patience));
        }
        switch (a.choice("schedule", preset != null && preset.equals("seed") ? "none" : "cosine", List.of("none", "cosine", "step"))) {
            case "cosine" -> b.schedule(LrSchedules.cosine(hp.epochs(), 0));
            case "step" -> b.schedule(LrSchedules.step(Math.max(1, hp.epochs() / 3), 0.1));
            default -> { }
        }
        if (ckptDir != null) b.checkpointDir(ckptDir);
        Trainer trainer = b.build();
        out.printf(Locale.ROOT, "%s%n%s: %d train, %s validation, %d test examples, %d features, %d classes; %d parameters%n%s%n",
                net, d.name(), d.train().size(), d.validation() == null ? "no" : Integer.toString(d.validation().size()),
                d.test().size(), d.features(), d.classes().size(), net.getParameters().weights().numel(), hp.describe());
        History h;
        if (resume != null) {
            Checkpoint ck = Checkpoint.load(resume);
            ResumeCheck.check(ck, resume, net, optimizer);
            out.println("resuming from " + resume);
            h = trainer.resume(ck, resume);
        } else {
            h = trainer.fit();
        }
        out.println(h.bestEpoch() == 0 ? "best epoch: none (no epoch had a finite loss)" : String.format(Locale.ROOT,
                "best epoch %d of %d (%s loss %.4f)", h.bestEpoch(), h.size(), d.validation() != null ? "validation"
                        : "training", h.best().monitoredLoss()));
        double trainSeconds = (System.nanoTime() - t0) / 1e9;

        Evaluator.Evaluation test = Evaluator.evaluate(net, criterion, Fit.evalLoader(Fit.apply(norm, d.test())), 1);
        jtorch.train.ConfusionMatrix cm = new jtorch.train.ConfusionMatrix(d.classes());
        int[][] counts = test.confusion().counts();
        for (int t = 0; t < counts.length; t++) for (int p = 0; p < counts.length; p++) for (int k = 0; k < counts[t][p]; k++) cm.add(p, t);
        out.print(cm);
        out.printf(Locale.ROOT, "test loss %.4f  test accuracy %.4f  (%d examples)%n", test.loss(), test.accuracy(), d.test().size());

        Module saved = new Models.Net(net, norm).wrapped();
        Path dir = outDir.staging();
        Model.save(saved, dir.resolve("model.safetensors"));
        Plots.trainingCurves(h, dir.resolve("curves.png"), dir.resolve("curves.html"));
        Plots.confusionMatrix(cm, d.classes(), dir.resolve("confusion.png"));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("data", d.name());
        info.put("model", modelSpec);
        info.put("optimizer", hp.describe());
        info.put("seed", seed);
        info.put("trainExamples", d.train().size());
        info.put("testLoss", test.loss());
        info.put("testAccuracy", test.accuracy());
        info.put("seconds", trainSeconds);
        Fit.writeMetrics(dir.resolve("metrics.json"), Fit.finite(info), h);
        outDir.commit();
        out.printf(Locale.ROOT, "wrote %s/{model.safetensors, curves.png, curves.html, confusion.png, metrics.json}  (%.1f s)%n",
                a.string("out", "out/train"), (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
