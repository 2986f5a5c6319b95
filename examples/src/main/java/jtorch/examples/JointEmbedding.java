package jtorch.examples;

import java.util.Arrays;
import java.util.Locale;
import jtorch.data.DataLoader;
import jtorch.data.FashionMnist;
import jtorch.data.TensorDataset;
import jtorch.nn.Criterion;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.ReLU;
import jtorch.nn.criterion.CrossEntropyCriterion;
import jtorch.nn.criterion.WARPCriterion;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.train.Trainer;

/**
 * A WSABIE-style joint embedding (Weston, Bengio and Usunier 2011) of Fashion-MNIST images and their ten class labels
 * in one space R^d (d = {@code --dim}, default 32): an image encoder Φ(x) = Linear(256, d)(ReLU(Linear(784, 256) x))
 * and a label embedding table V [10, d] (the weight of a bias-free Linear(d, 10), row c = label c's embedding); the
 * score of label c for image x is the dot product Φ(x) · V_c. Trained with the WARP ranking loss
 * ({@link WARPCriterion}, margin 1, seeded sampling) by Adam lr 1e-3, batch 128, {@code --epochs} (default 10) over the
 * {@code --limit} first training images (default all), pixels scaled to (x − μ)/σ.
 * <p>Measured on the 10,000 test images: precision@1 of label retrieval from images (the nearest label embedding by
 * dot product is the image's class), the mean rank of the true label (1 = first of 10), and the reverse direction,
 * precision@10 of image retrieval from each label embedding (the 10 highest-scoring test images, averaged over labels).
 * Baselines: the same model before training (random, ≈ 0.1), and the same encoder with a Linear(d, 10) classifier (with
 * bias) trained with softmax cross-entropy, same optimizer, epochs, data order and seed. Options: {@code --epochs N
 * --limit N --dim D --lr X --seed S}. Without the data set it says so and exits with status 0.
 */
public final class JointEmbedding {
    int epochs = 10, limit = 0, dim = 32, batch = 128;
    double lr = 1e-3;
    long seed = 1;
    boolean verbose = true;

    /** Precision@1 (label from image), mean rank of the true label, precision@10 of images retrieved by label. */
    record Retrieval(double precisionAt1, double meanRank, double imagePrecisionAt10) {}

    /** WARP-trained joint embedding, the untrained model, the softmax-trained baseline; training seconds of each. */
    record Result(Retrieval warp, Retrieval untrained, Retrieval softmax, double warpSeconds, double softmaxSeconds) {}

    public static void main(String[] args) {
        JointEmbedding j = new JointEmbedding();
        try {
            j.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("JointEmbedding: " + e.getMessage());
            System.err.println("usage: JointEmbedding [--epochs N] [--limit N] [--dim D] [--lr X] [--seed S]");
            System.exit(2);
        }
        if (!FashionMnist.available(FashionMnist.DEFAULT_DIR)) {
            System.out.println("skipped: Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR
                    + " (apt-get install dataset-fashion-mnist)");
            return;
        }
        Result r = j.run();
        System.out.printf(Locale.ROOT, "test set, 10 labels: %-28s precision@1 %.4f, mean rank %.3f, label->image"
                + " precision@10 %.3f%n", "WARP joint embedding", r.warp().precisionAt1(), r.warp().meanRank(),
                r.warp().imagePrecisionAt10());
        System.out.printf(Locale.ROOT, "                     %-28s precision@1 %.4f, mean rank %.3f, label->image"
                + " precision@10 %.3f%n", "softmax, same encoder", r.softmax().precisionAt1(), r.softmax().meanRank(),
                r.softmax().imagePrecisionAt10());
        System.out.printf(Locale.ROOT, "                     %-28s precision@1 %.4f, mean rank %.3f, label->image"
                + " precision@10 %.3f%n", "untrained (random)", r.untrained().precisionAt1(), r.untrained().meanRank(),
                r.untrained().imagePrecisionAt10());
        System.out.printf(Locale.ROOT, "training: WARP %.0f s, softmax %.0f s%n", r.warpSeconds(), r.softmaxSeconds());
    }

    void parse(String[] args) {
        Options o = new Options(args, "--epochs", "--limit", "--dim", "--lr", "--seed");
        epochs = o.integer("--epochs", epochs);
        limit = o.integer("--limit", limit);
        dim = o.integer("--dim", dim);
        lr = o.real("--lr", lr);
        seed = o.whole("--seed", seed);
        if (epochs < 1 || limit < 0 || dim < 1 || !(lr > 0)) throw new IllegalArgumentException(
                "epochs and dim must be >= 1, limit >= 0, lr > 0");
    }

    /** Φ followed by the label table (bias-free Linear(d, 10)) when {@code joint}, else by a Linear(d, 10) classifier. */
    static Sequential model(int dim, boolean joint) {
        return new Sequential().add(new Linear(784, 256)).add(new ReLU()).add(new Linear(256, dim))
                .add(new Linear(dim, 10, !joint));
    }

    Result run() {
        TensorDataset train = FashionMnist.train(FashionMnist.DEFAULT_DIR), test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        int n = limit > 0 ? Math.min(limit, train.size()) : train.size();
        Tensor raw = train.inputs().narrow(0, 0, n);
        double mean = raw.mean(), std = Math.sqrt(raw.var());
        TensorDataset tr = new TensorDataset(raw.sub(mean).divInPlace(std), train.targets().narrow(0, 0, n));
        Tensor xt = test.inputs().sub(mean).divInPlace(std);
        int[] yt = test.targets().toIntArray();
        Generator.manualSeed(seed);
        Sequential joint = model(dim, true);
        Retrieval untrained = retrieval(joint, xt, yt);
        double warpSeconds = fit(joint, new WARPCriterion(1, seed + 11), tr);
        Retrieval warp = retrieval(joint, xt, yt);
        Generator.manualSeed(seed);
        Sequential soft = model(dim, false);
        double softSeconds = fit(soft, new CrossEntropyCriterion(), tr);
        Retrieval softmax = retrieval(soft, xt, yt);
        return new Result(warp, untrained, softmax, warpSeconds, softSeconds);
    }

    double fit(Module net, Criterion crit, TensorDataset tr) {
        if (verbose) System.out.printf(Locale.ROOT, "%s with %s: %d parameters, %d training images, %d epochs%n", net,
                crit.name(), net.getParameters().weights().numel(), tr.size(), epochs);
        long t0 = System.nanoTime();
        Trainer.Builder b = Trainer.builder(net, crit, new Optimizer("adam", Config.of("learningRate", lr)))
                .train(new DataLoader(tr, batch, true, seed, false)).epochs(epochs).seed(seed);
        if (verbose) b.callback(new jtorch.train.ProgressBar(System.out));
        b.build().fit();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Scores of every label for every test image, then both retrieval directions. */
    static Retrieval retrieval(Module net, Tensor x, int[] labels) {
        net.evaluate();
        int m = x.size(0);
        float[] s = new float[m * 10];
        for (int i = 0; i < m; i += 1000) {
            int len = Math.min(1000, m - i);
            float[] part = net.forward(x.narrow(0, i, len)).toTensor("scores").toFloatArray();
            System.arraycopy(part, 0, s, i * 10, part.length);
        }
        net.training();
        int right = 0;
        double ranks = 0;
        for (int i = 0; i < m; i++) {
            int rank = 1;
            for (int c = 0; c < 10; c++) if (c != labels[i] && s[i * 10 + c] >= s[i * 10 + labels[i]]) rank++;
            ranks += rank;
            if (rank == 1) right++;
        }
        double p10 = 0;
        Integer[] order = new Integer[m];
        for (int c = 0; c < 10; c++) {
            final int cc = c;
            for (int i = 0; i < m; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> Float.compare(s[b * 10 + cc], s[a * 10 + cc]));
            int hits = 0;
            for (int t = 0; t < 10; t++) if (labels[order[t]] == c) hits++;
            p10 += hits / 10.0;
        }
        return new Retrieval((double) right / m, ranks / m, p10 / 10);
    }
}
