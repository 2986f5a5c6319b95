package jtorch.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jtorch.data.DataLoader;
import jtorch.data.FashionMnist;
import jtorch.data.RandomFlip;
import jtorch.data.TensorDataset;
import jtorch.io.Model;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.conv.ConvNet;
import jtorch.nn.conv.SpatialConvolution;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.train.Evaluator;
import jtorch.train.LrSchedules;
import jtorch.train.ProgressBar;
import jtorch.train.Trainer;
import jtorch.train.plot.ConvPlots;

/**
 * A small modern convnet ({@link ConvNet}: three 3×3 conv–batch-norm–ReLU–2×2 max-pool blocks of 16, 32 and 96
 * channels, dropout 0.3, one linear classifier; 41,338 parameters) on Fashion-MNIST: pixels scaled to (x − μ)/σ with
 * the training set's overall mean and std, each training image mirrored left to right with probability 1/2
 * ({@link RandomFlip}; {@code --flip 0} turns it off), sgd lr 0.05, momentum 0.9, weight decay 5e-4, cosine schedule
 * to 0, batch 128, 16 epochs, all 60,000 training images; the 10,000 test images are used once, at the end. The
 * trained net is saved as a model file and loaded back (the loaded one must give bit-identical outputs on the test
 * set), and two pictures are written to {@code --plots DIR} (default {@code out/fashion-convnet}): {@code filters.png},
 * the first layer's 3×3 filters, and {@code feature-maps.png}, one test image and its feature maps after each block's
 * ReLU.
 * Options: {@code --epochs N --batch B --lr X --seed S --limit N} (first N training images)
 * {@code --widths C1,C2,C3 --dropout P --flip P --out FILE} (keep the model file) {@code --plots DIR}
 * ({@code none}: no pictures).
 * Without the data set ({@code apt-get install dataset-fashion-mnist}) it says so and exits with status 0.
 */
public final class FashionConvNet {
    int epochs = 16, batch = 128, limit = 0;
    int[] widths = {ConvNet.C1, ConvNet.C2, ConvNet.C3};
    double lr = 0.05, dropout = ConvNet.DROPOUT, flip = 0.5;
    long seed = 1;
    boolean verbose = true;
    Path out, plots = Path.of("out/fashion-convnet");

    /** The test accuracy, the parameter count, the wall time of training, and whether the reloaded model file reproduced the outputs. */
    record Result(double testAccuracy, long parameters, double trainSeconds, boolean reloadIdentical) {}

    public static void main(String[] args) throws Exception {
        FashionConvNet f = new FashionConvNet();
        try {
            f.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("FashionConvNet: " + e.getMessage());
            System.err.println("usage: FashionConvNet [--epochs N] [--batch B] [--lr X] [--seed S] [--limit N]"
                    + " [--widths C1,C2,C3] [--dropout P] [--flip P] [--out FILE] [--plots DIR|none]");
            System.exit(2);
        }
        if (!FashionMnist.available(FashionMnist.DEFAULT_DIR)) {
            System.out.println("skipped: Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR
                    + " (apt-get install dataset-fashion-mnist)");
            return;
        }
        Result r = f.run();
        System.out.printf(Locale.ROOT, "test accuracy %.4f after %d epochs, %d parameters, %.1f s (%.1f min) training;"
                + " model file reloads with %s outputs%n", r.testAccuracy(), f.epochs, r.parameters(), r.trainSeconds(),
                r.trainSeconds() / 60, r.reloadIdentical() ? "bit-identical" : "DIFFERENT");
    }

    void parse(String[] args) {
        Options o = new Options(args, "--epochs", "--batch", "--lr", "--seed", "--limit", "--widths", "--dropout", "--flip", "--out", "--plots");
        epochs = o.integer("--epochs", epochs);
        batch = o.integer("--batch", batch);
        lr = o.real("--lr", lr);
        seed = o.whole("--seed", seed);
        limit = o.integer("--limit", limit);
        dropout = o.real("--dropout", dropout);
        flip = o.real("--flip", flip);
        String w = o.string("--widths", null);
        if (w != null) {
            try {
                widths = Arrays.stream(w.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--widths: three channel counts C1,C2,C3, got " + w);
            }
            if (widths.length != 3 || Arrays.stream(widths).anyMatch(c -> c < 1)) {
                throw new IllegalArgumentException("--widths: three channel counts >= 1, got " + w);
            }
        }
        String file = o.string("--out", null);
        out = file == null ? null : Path.of(file);
        String p = o.string("--plots", plots.toString());
        plots = p.equals("none") ? null : Path.of(p);
        if (epochs < 1 || batch < 1 || !(lr > 0) || limit < 0 || !(dropout >= 0 && dropout < 1) || !(flip >= 0 && flip <= 1)) {
            throw new IllegalArgumentException("epochs and batch must be >= 1, lr > 0, limit >= 0, 0 <= dropout < 1, 0 <= flip <= 1");
        }
    }

    Result run() throws Exception {
        TensorDataset train = FashionMnist.train(FashionMnist.DEFAULT_DIR), test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        if (limit > 0 && limit < train.size()) {
            int[] first = new int[limit];
            Arrays.setAll(first, i -> i);
            train = train.subset(first);
        }
        double mean = train.inputs().mean(), std = Math.sqrt(train.inputs().var());
        train = new TensorDataset(train.inputs().sub(mean).divInPlace(std), train.targets());
        test = new TensorDataset(test.inputs().sub(mean).divInPlace(std), test.targets());
        Generator.manualSeed(seed);
        Sequential net = ConvNet.build(10, widths[0], widths[1], widths[2], dropout);
        long parameters = net.getParameters().weights().numel();
        Optimizer sgd = new Optimizer("sgd", Config.of("learningRate", lr, "momentum", 0.9, "weightDecay", 5e-4));
        DataLoader loader = new DataLoader(train, batch, true, seed, false);
        if (flip > 0) loader.withTransform(new RandomFlip(28, flip, seed + 1));
        Trainer.Builder b = Trainer.builder(net, new ClassNLLCriterion(), sgd)
                .train(loader).epochs(epochs).seed(seed)
                .schedule(LrSchedules.cosine(epochs, 0));
        if (verbose) {
            System.out.printf(Locale.ROOT, "%s%nFashion-MNIST: %d train (mirrored with probability %s), %d test; %d parameters;"
                    + " sgd lr %s momentum 0.9 weight decay 5e-4, cosine, batch %d, %d epochs%n", net, train.size(), flip,
                    test.size(), parameters, lr, batch, epochs);
            b.callback(new ProgressBar(System.out));
        }
        long t0 = System.nanoTime();
        b.build().fit();
        double seconds = (System.nanoTime() - t0) / 1e9;
        DataLoader testLoader = new DataLoader(test, 1000, false, 0, false);
        double acc = Evaluator.evaluate(net, new ClassNLLCriterion(), testLoader, 1).accuracy();
        if (plots != null) writePlots(net, test.inputs().narrow(0, 0, 1), plots);
        Path file = out != null ? out : Files.createTempFile("convnet-", ".safetensors");
        try {
            Model.save(net, file);
            Module back = Model.load(file).evaluate();
            net.evaluate();
            Tensor x = test.inputs().narrow(0, 0, 1000);
            boolean same = Arrays.equals(net.forward(x).toTensor("net").toFloatArray(),
                    back.forward(x).toTensor("loaded").toFloatArray());
            return new Result(acc, parameters, seconds, same);
        } finally {
            if (out == null) Files.deleteIfExists(file);
        }
    }

    /** filters.png (the first convolution's weight) and feature-maps.png (image [1, 784] after each block's ReLU). */
    static void writePlots(Sequential net, Tensor image, Path dir) {
        net.evaluate();
        SpatialConvolution first = (SpatialConvolution) net.get(1);
        ConvPlots.filterGrid(first.weight(), "first layer: " + first.weight().size(0) + " filters, 3x3", dir.resolve("filters.png"));
        net.forward(image);
        List<Tensor> maps = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        int[] relu = {3, 7, 11}; // View, then (conv, batch norm, ReLU, pool) per block
        for (int k = 0; k < relu.length; k++) {
            Tensor m = net.get(relu[k]).output().toTensor("block " + (k + 1) + " ReLU output");
            maps.add(m);
            captions.add(String.format(Locale.ROOT, "after block %d's ReLU: %d maps %dx%d", k + 1, m.size(1), m.size(2), m.size(3)));
        }
        ConvPlots.featureMaps(image.view(28, 28), maps, captions, "feature maps of one test image", dir.resolve("feature-maps.png"));
    }
}
