package jtorch.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jtorch.data.FashionMnist;
import jtorch.data.TensorDataset;
import jtorch.graph.Graph;
import jtorch.graph.Node;
import jtorch.nn.FlatParameters;
import jtorch.nn.Sequential;
import jtorch.nn.activation.ReLU;
import jtorch.nn.criterion.ContrastiveCriterion;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optimizer;
import jtorch.optim.State;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import jtorch.train.plot.ScatterPng;

/**
 * DrLIM (Hadsell, Chopra and LeCun 2006) on Fashion-MNIST: a Siamese MLP maps images to a 2-D embedding, trained with
 * the contrastive loss ({@link ContrastiveCriterion}, margin {@code --margin}, default 1) on pairs of training images:
 * each image of a shuffled epoch is paired with a random image of the same class (probability 1/2, y = 1) or of
 * another class (y = -1). The encoder Linear(784, 256)-ReLU-Linear(256, 128)-ReLU-Linear(128, 2) (234,114
 * parameters) is one module used by both branches of a {@link Graph} ({x1, x2} → {e1, e2}), so the two branches
 * share every weight and their gradients add up. Adam lr 1e-3 (halved for the last third of the epochs), batch 128
 * pairs, pixels scaled to (x − μ)/σ.
 * <p>Evaluation, on the same split for every space: the first {@code --ref} training images are the k-NN reference set,
 * the first {@code --queries} test images the queries, k = {@code --k} (default 5): k-NN accuracy in the learned 2-D
 * embedding, in pixel space (784-D) and in the 2-D PCA projection of the reference set (the unsupervised linear 2-D
 * baseline). The test embedding is drawn to {@code --plots DIR}/embedding.png (default out/drlim), coloured by class.
 * Options: {@code --epochs N --limit N} (training images) {@code --ref N --queries N --k K --margin M --lr X --seed S
 * --plots DIR|none}. Without the data set it says so and exits with status 0.
 */
public final class DrLim {
    int epochs = 10, limit = 0, ref = 10_000, queries = 10_000, k = 5, batch = 128;
    double margin = 1, lr = 1e-3;
    long seed = 1;
    boolean verbose = true;
    Path plots = Path.of("out/drlim");

    /** Mean contrastive loss per epoch, k-NN accuracies (embedding, pixels, PCA 2-D), parameters, training seconds. */
    record Result(double[] epochLoss, double knnEmbedding, double knnPixels, double knnPca, long parameters,
                  double trainSeconds, double sameClassDistance, double otherClassDistance) {}

    public static void main(String[] args) {
        DrLim d = new DrLim();
        try {
            d.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("DrLim: " + e.getMessage());
            System.err.println("usage: DrLim [--epochs N] [--limit N] [--ref N] [--queries N] [--k K] [--margin M]"
                    + " [--lr X] [--seed S] [--plots DIR|none]");
            System.exit(2);
        }
        if (!FashionMnist.available(FashionMnist.DEFAULT_DIR)) {
            System.out.println("skipped: Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR
                    + " (apt-get install dataset-fashion-mnist)");
            return;
        }
        Result r = d.run();
        System.out.printf(Locale.ROOT, "k-NN (k = %d, %d reference train images, %d test queries): 2-D DrLIM embedding"
                + " %.4f, pixel space (784-D) %.4f, PCA 2-D %.4f; %.0f s training%n", d.k, d.ref, d.queries,
                r.knnEmbedding(), r.knnPixels(), r.knnPca(), r.trainSeconds());
    }

    void parse(String[] args) {
        Options o = new Options(args, "--epochs", "--limit", "--ref", "--queries", "--k", "--margin", "--lr", "--seed", "--plots");
        epochs = o.integer("--epochs", epochs);
        limit = o.integer("--limit", limit);
        ref = o.integer("--ref", ref);
        queries = o.integer("--queries", queries);
        k = o.integer("--k", k);
        margin = o.real("--margin", margin);
        lr = o.real("--lr", lr);
        seed = o.whole("--seed", seed);
        String p = o.string("--plots", plots.toString());
        plots = p.equals("none") ? null : Path.of(p);
        if (epochs < 1 || limit < 0 || ref < 1 || queries < 1 || k < 1 || k > ref || !(margin > 0) || !(lr > 0)) {
            throw new IllegalArgumentException("epochs, ref, queries and k must be >= 1 (k <= ref), limit >= 0, margin and lr > 0");
        }
    }

    /** The encoder: 784 → 256 → 128 → 2. */
    static Sequential encoder() {
        return new Sequential().add(new Linear(784, 256)).add(new ReLU()).add(new Linear(256, 128)).add(new ReLU())
                .add(new Linear(128, 2));
    }

    /** The Siamese net: the same encoder object in two nodes, {x1, x2} → {e1, e2}. */
    static Graph siamese(Sequential encoder) {
        Node x1 = Node.input("x1"), x2 = Node.input("x2");
        return new Graph(List.of(x1, x2), List.of(Node.of(encoder, x1).label("left"), Node.of(encoder, x2).label("right")));
    }

    Result run() {
        TensorDataset train = FashionMnist.train(FashionMnist.DEFAULT_DIR), test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        int n = limit > 0 ? Math.min(limit, train.size()) : train.size();
        Tensor raw = train.inputs().narrow(0, 0, n);
        double mean = raw.mean(), std = Math.sqrt(raw.var());
        Tensor x = raw.sub(mean).divInPlace(std), xt = test.inputs().sub(mean).divInPlace(std);
        int[] y = Arrays.copyOf(train.targets().toIntArray(), n), yt = test.targets().toIntArray();
        Generator.manualSeed(seed);
        Sequential enc = encoder();
        Graph net = siamese(enc);
        FlatParameters fp = net.getParameters();
        ContrastiveCriterion crit = new ContrastiveCriterion(margin);
        Optimizer adam = new Optimizer("adam", Config.of("learningRate", lr));
        State state = new State();
        Generator g = new Generator(seed + 7);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < 10; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < n; i++) byClass.get(y[i]).add(i);
        if (verbose) System.out.printf(Locale.ROOT, "%s%nSiamese MLP, %d parameters (shared by both branches), %d training"
                + " images, %d epochs of %d pairs, margin %s%n", net, fp.weights().numel(), n, epochs, n, margin);
        double[] epochLoss = new double[epochs];
        long t0 = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            if (e == (2 * epochs) / 3 && epochs >= 3) adam.setLearningRate(lr / 2);
            int[] order = TensorDataset.permutation(n, g);
            double sum = 0;
            int batches = 0;
            for (int s = 0; s < n; s += batch) {
                int len = Math.min(batch, n - s);
                int[] a = new int[len], b = new int[len];
                double[] lab = new double[len];
                for (int i = 0; i < len; i++) {
                    a[i] = order[s + i];
                    boolean same = g.nextDouble() < 0.5;
                    int c = same ? y[a[i]] : (y[a[i]] + 1 + g.nextInt(9)) % 10;
                    List<Integer> pool = byClass.get(c);
                    if (pool.isEmpty()) { c = y[a[i]]; pool = byClass.get(c); same = true; }
                    b[i] = pool.get(g.nextInt(pool.size()));
                    lab[i] = same ? 1 : -1;
                }
                Table in = Table.of(x.indexSelect(0, Tensor.of(a, len)), x.indexSelect(0, Tensor.of(b, len)));
                Tensor target = Tensor.of(lab, len);
                Feval f = w -> {
                    net.zeroGradParameters();
                    Activity out = net.forward(in);
                    double loss = crit.forward(out, target);
                    net.backward(in, crit.backward(out, target));
                    return new Feval.Eval(loss, fp.gradients());
                };
                sum += adam.step(f, fp.weights(), state);
                batches++;
            }
            epochLoss[e] = sum / batches;
            if (verbose) System.out.printf(Locale.ROOT, "epoch %d: mean contrastive loss %.4f (%.0f s)%n", e + 1,
                    epochLoss[e], (System.nanoTime() - t0) / 1e9);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        enc.evaluate();
        int nr = Math.min(ref, n), nq = Math.min(queries, xt.size(0));
        Tensor refX = x.narrow(0, 0, nr), qX = xt.narrow(0, 0, nq);
        int[] refY = Arrays.copyOf(y, nr), qY = Arrays.copyOf(yt, nq);
        Tensor refE = embed(enc, refX), qE = embed(enc, qX);
        double knnE = Knn.accuracy(refE, refY, qE, qY, k, 10);
        double knnP = Knn.accuracy(refX, refY, qX, qY, k, 10);
        Tensor pcs = Pca.components(refX, 2, seed);
        double knnPca = Knn.accuracy(refX.mm(pcs), refY, qX.mm(pcs), qY, k, 10);
        double[] dist = classDistances(qE, qY, g);
        if (plots != null) {
            double[] ex = qE.select(1, 0).toDoubleArray(), ey = qE.select(1, 1).toDoubleArray();
            ScatterPng.write(String.format(Locale.ROOT, "DrLIM 2-D embedding of %d test images (k-NN %.3f)", nq, knnE),
                    "embedding dimension 1", "embedding dimension 2", ex, ey, qY, FashionMnist.CLASSES, plots.resolve("embedding.png"));
        }
        return new Result(epochLoss, knnE, knnP, knnPca, fp.weights().numel(), seconds, dist[0], dist[1]);
    }

    /** The encoder's outputs for x, in blocks of 1,000 rows. */
    static Tensor embed(Sequential enc, Tensor x) {
        Tensor out = Tensor.zeros(x.size(0), 2);
        for (int s = 0; s < x.size(0); s += 1000) {
            int len = Math.min(1000, x.size(0) - s);
            out.narrow(0, s, len).copy(enc.forward(x.narrow(0, s, len)).toTensor("embedding"));
        }
        return out;
    }

    /** Mean embedding distance of 5,000 random same-class and 5,000 random different-class query pairs. */
    static double[] classDistances(Tensor e, int[] labels, Generator g) {
        double[] v = e.toDoubleArray();
        double same = 0, other = 0;
        int ns = 0, no = 0, m = labels.length;
        while (ns < 5000 || no < 5000) {
            int i = g.nextInt(m), j = g.nextInt(m);
            if (i == j) continue;
            double d = Math.hypot(v[2 * i] - v[2 * j], v[2 * i + 1] - v[2 * j + 1]);
            if (labels[i] == labels[j] && ns < 5000) { same += d; ns++; }
            else if (labels[i] != labels[j] && no < 5000) { other += d; no++; }
        }
        return new double[] {same / ns, other / no};
    }
}
