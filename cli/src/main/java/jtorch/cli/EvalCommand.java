package jtorch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jtorch.data.TensorDataset;
import jtorch.nn.Module;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.train.ConfusionMatrix;
import jtorch.train.Evaluator;
import jtorch.train.plot.Plots;

/** {@code jtorch eval}: loss, accuracy and the confusion table of a saved model on a data set's test (or train) split. */
final class EvalCommand implements Command {
    static final List<Args.Opt> OPTS = List.of(
            new Args.Opt("model", "FILE", "model file written by jtorch train (required)"),
            new Args.Opt("data", "SET", "digits (default), fashion-mnist, or a directory of MNIST-layout IDX files"),
            new Args.Opt("split", "NAME", "test (default) or train"),
            new Args.Opt("seed", "S", "digits only: the seed its 20 % test split was drawn with in training (default 1)"),
            new Args.Opt("out", "DIR", "also write the confusion matrix as DIR/confusion.png"));

    @Override public String name() { return "eval"; }

    @Override public String summary() { return "evaluate a saved model: loss, accuracy, confusion table"; }

    @Override public String help() {
        return "usage: jtorch eval --model FILE [options]\n\n"
                + "Evaluates a model file (as written by jtorch train, which includes the input standardisation) on a data\n"
                + "set's split and prints the mean loss (ClassNLL), the accuracy and the confusion table.\n\noptions:\n"
                + Args.optionHelp(OPTS) + "\nexample:\n  jtorch eval --model out/train/model.safetensors --data digits\n";
    }

    @Override public int run(String[] argv, PrintStream out, PrintStream err) {
        Args a = Args.parse(name(), argv, OPTS);
        if (a.has("help")) { out.print(help()); return 0; }
        if (!a.has("model")) throw new CliException("--model FILE is required (see jtorch eval --help)");
        String split = a.choice("split", "test", List.of("test", "train"));
        long seed = a.longValue("seed", 1);
        Path outDir = a.has("out") ? Fit.outDir(a.string("out", null)) : null;
        Module model = Models.load("model", a.string("model", null));
        DataChoice d = DataChoice.load(a.string("data", "digits"), 0, seed);
        TensorDataset ds = split.equals("test") ? d.test() : d.train();
        if (ds.inputs().dim() != 2) throw new CliException("expected inputs [N, F], got " + ds.inputs().shape());
        Evaluator.Evaluation e = Evaluator.evaluate(model, new ClassNLLCriterion(), Fit.evalLoader(ds), 1);
        if (e.confusion() == null) throw new CliException("the model's output is not [N, classes] scores");
        int[][] counts = e.confusion().counts();
        List<String> names = counts.length == d.classes().size() ? d.classes() : DataChoice.numbered(counts.length);
        ConfusionMatrix cm = new ConfusionMatrix(names);
        for (int t = 0; t < counts.length; t++) for (int p = 0; p < counts.length; p++) for (int k = 0; k < counts[t][p]; k++) cm.add(p, t);
        out.print(cm);
        out.printf(Locale.ROOT, "%s %s split: %d examples, loss %.4f, accuracy %.4f%n", d.name(), split, ds.size(), e.loss(), e.accuracy());
        if (outDir != null) {
            Plots.confusionMatrix(cm, names, outDir.resolve("confusion.png"));
            out.println("wrote " + outDir.resolve("confusion.png"));
        }
        return 0;
    }
}
