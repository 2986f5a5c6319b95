package jtorch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jtorch.backend.cpu.Parallel;
import jtorch.data.Normalizer;
import jtorch.data.TensorDataset;
import jtorch.nn.Module;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.optim.Config;
import jtorch.tensor.Generator;
import jtorch.train.History;
import jtorch.optim.Optimizer;
import jtorch.train.RandomSearch;
import jtorch.train.Trainer;

/**
 * {@code jtorch search}: random hyper-parameter search (Bergstra and Bengio 2012) over the learning rate
 * (log-uniform), the sgd momentum (uniform), the hidden size and the batch size, each trial early-stopped on the
 * validation loss; prints the table sorted by validation loss and saves the best configuration as JSON. Only the
 * training split is used (cut into train and validation); the test split is never looked at.
 */
final class SearchCommand implements Command {
    static final List<Args.Opt> OPTS = List.of(
            new Args.Opt("data", "SET", "digits (default), fashion-mnist, or a directory of MNIST-layout IDX files"),
            new Args.Opt("model", "NAME", "seed (default) or mlp; mlp's second hidden layer is half the first"),
            new Args.Opt("trials", "N", "number of trials (default 8)"),
            new Args.Opt("epochs", "N", "epoch cap per trial (default 10)"),
            new Args.Opt("patience", "P", "early-stopping patience per trial (default 3)"),
            new Args.Opt("optimizer", "NAME", "sgd (default; momentum is searched too) or adam, adamw, ..."),
            new Args.Opt("lr", "LO,HI", "learning-rate range, log-uniform (default sgd 0.003,0.3; others 1e-4,1e-2)"),
            new Args.Opt("hidden", "LO,HI", "hidden-size range, uniform whole numbers (default 32,256)"),
            new Args.Opt("batches", "B[,B...]", "batch sizes to choose from (default 16,32,64,128)"),
            new Args.Opt("val-fraction", "F", "share of the training split used for validation (default 0.2)"),
            new Args.Opt("seed", "S", "seed of the search, the split and the trials (default 1)"),
            new Args.Opt("threads", "T", "CPU threads for the kernels (default: all cores)"),
            new Args.Opt("out", "DIR", "where to write best.json (default out/search)"));

    @Override public String name() { return "search"; }

    @Override public String summary() { return "random hyper-parameter search; prints the table, saves the best config"; }

    @Override public String help() {
        return "usage: jtorch search [options]\n\n"
                + "Random search (Bergstra & Bengio 2012): every trial draws the learning rate (log-uniform), the sgd\n"
                + "momentum (uniform 0..0.95), the hidden size and the batch size independently, trains with early\n"
                + "stopping on the validation loss, and is scored by its best validation loss. Prints the trials sorted by\n"
                + "score and writes the best one to DIR/best.json. The test split is not used.\n\noptions:\n"
                + Args.optionHelp(OPTS) + "\nexample:\n  jtorch search --trials 12 --epochs 15\n";
    }

    @Override public int run(String[] argv, PrintStream out, PrintStream err) {
        Args a = Args.parse(name(), argv, OPTS);
        if (a.has("help")) { out.print(help()); return 0; }
        String preset = a.choice("model", "seed", Models.PRESETS);
        String opt = a.choice("optimizer", "sgd", Optimizer.NAMES);
        int trials = a.integer("trials", 8, 1, 100_000);
        int epochs = a.integer("epochs", 10, 1, 100_000);
        int patience = a.integer("patience", 3, 1, 100_000);
        long seed = a.longValue("seed", 1);
        double valFraction = a.real("val-fraction", 0.2, 0, true, 0.9);
        double[] lr = range(a, "lr", opt.equals("sgd") ? new double[] {0.003, 0.3} : new double[] {1e-4, 1e-2});
        double[] hidden = range(a, "hidden", new double[] {32, 256});
        int[] batches = a.intList("batches", new int[] {16, 32, 64, 128});
        if (a.has("threads")) Parallel.setThreads(a.integer("threads", 0, 1, 1024));
        Path outDir = Fit.outDir(a.string("out", "out/search"));

        DataChoice all = DataChoice.load(a.string("data", "digits"), 0, seed);
        TensorDataset[] split = all.train().randomSplit(1 - valFraction, seed + 1);
        Normalizer norm = Fit.fitNormalizer(split[0]);
        TensorDataset train = norm.apply(split[0]), val = norm.apply(split[1]);
        out.printf(Locale.ROOT, "%s: searching %d trials on %d train / %d validation examples (%s net, %s, <= %d epochs, patience %d)%n",
                all.name(), trials, train.size(), val.size(), preset, opt, epochs, patience);

        RandomSearch search = new RandomSearch(seed).logUniform("lr", lr[0], lr[1]);
        if (opt.equals("sgd")) search.uniform("momentum", 0, 0.95);
        search.intUniform("hidden", (int) hidden[0], (int) hidden[1]);
        List<String> batchNames = new ArrayList<>();
        for (int b : batches) batchNames.add(Integer.toString(b));
        search.choice("batch", batchNames.toArray(String[]::new)).epochs(epochs).patience(patience, 0);
        int[] n = {0};
        RandomSearch.Results r = search.run(trials, (Map<String, Object> p, RandomSearch.Budget budget) -> {
            int h = ((Double) p.get("hidden")).intValue();
            int batch = Integer.parseInt((String) p.get("batch"));
            Config c = Config.of("learningRate", (Double) p.get("lr"));
            if (p.containsKey("momentum")) c.set("momentum", (Double) p.get("momentum"));
            Generator.manualSeed(seed);
            Module net = Models.preset(preset, all.features(), all.classes().size(),
                    preset.equals("seed") ? new int[] {h} : new int[] {h, Math.max(1, h / 2)});
            History hist = Trainer.builder(net, new ClassNLLCriterion(), new Optimizer(opt, c))
                    .train(Fit.trainLoader(train, batch, seed)).validation(Fit.evalLoader(val))
                    .epochs(budget.maxEpochs()).callback(budget.earlyStopping()).seed(seed).build().fit();
            RandomSearch.TrialResult tr = RandomSearch.TrialResult.of(hist);
            out.printf(Locale.ROOT, "trial %d/%d  %s  -> validation loss %.4f, accuracy %.4f (%d epochs)%n", ++n[0], trials,
                    p, tr.score(), hist.best() == null ? Double.NaN : hist.best().valAccuracy(), tr.epochs());
            return tr;
        });
        out.println();
        out.print(r.table());
        Path best = outDir.resolve("best.json");
        r.saveBest(best);
        out.println("best: trial " + r.best().index() + " " + r.best().params() + "; wrote " + best);
        return 0;
    }

    private static double[] range(Args a, String name, double[] dflt) {
        if (!a.has(name)) return dflt;
        String v = a.string(name, null);
        String[] s = v.split(",");
        try {
            if (s.length != 2) throw new NumberFormatException();
            double lo = Double.parseDouble(s[0].strip()), hi = Double.parseDouble(s[1].strip());
            if (!(lo > 0) || !(hi >= lo) || Double.isInfinite(hi)) throw new NumberFormatException();
            return new double[] {lo, hi};
        } catch (NumberFormatException e) {
            throw new CliException("bad value '" + v + "' for --" + name + ": expected LO,HI with 0 < LO <= HI");
        }
    }
}
