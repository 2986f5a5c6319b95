package jtorch.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jtorch.data.FashionMnist;
import jtorch.data.TensorDataset;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optimizer;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.train.plot.Plots;

/**
 * Semi-supervised Fashion-MNIST with 100 labels (10 per class, drawn by the seed) and all 60,000 training images
 * unlabelled: a {@link LadderNet} (Rasmus et al. 2015: Gaussian noise σ = 0.3 at every layer of the corrupted encoder,
 * vanilla combinator, denoising costs λ_l = 1000, 10, 0.1, ... from the input up, the gradient flowing into the clean
 * pass as in the authors' code) against the same encoder trained on the 100 labels alone, once without noise and once
 * with the ladder's noise at every layer (the paper's noisy supervised baseline: the regulariser it got); the margin is
 * stated against the better baseline. The default MLP is 784-500-250-10, smaller than the paper's
 * 784-1000-500-250-250-250-10 ({@code --sizes}), so that three label draws fit the 15-minute budget on 2 cores. Every
 * model runs the same steps: Adam lr 0.002 (β 0.9, 0.999), constant for the first 2/3 of the steps, then linearly to
 * 0; each step one batch of the 100 labelled images and, for the ladder, 100 unlabelled ones (an epoch = 600 steps, a
 * pass over the unlabelled set). Test accuracy (clean encoder, running statistics, all 10,000 test images) at
 * {@code --evals} points; the mean curves go to {@code --png} (default docs/ladder-fashion.png).
 * Options: {@code --sizes 784-500-250-10 --epochs 5 --seeds 1,2,3 --noise 0.3 --lr 0.002 --lambda 1000,10,0.1,0.1
 * --evals 10 --models ladder,supervised,supervised+noise --clean-grad on|off --png FILE}. Without the data set it says
 * so and exits with status 0.
 * <p>Measured with the defaults (2026-12-01, 2 shared cores at load 24-34: 39.5 min wall, 10.3 min CPU): test accuracy
 * ladder 0.7449 ± 0.0175 (per draw 0.7645, 0.7310, 0.7391), supervised 0.6996 ± 0.0184, supervised with noise
 * 0.7131 ± 0.0194; the ladder beats the better baseline by 3.2 points on average and in every draw (+3.2, +1.9, +4.5).
 */
public final class LadderFashion {
    int[] sizes = {784, 500, 250, 10};
    double epochs = 5, noise = 0.3, lr = 0.002;
    double[] lambda;
    long[] seeds = {1, 2, 3};
    int evals = 10, batch = 100;
    Path png = Path.of("docs/ladder-fashion.png");
    boolean verbose = true, cleanGradients = true;
    static final List<String> MODELS = List.of("ladder", "supervised", "supervised+noise");
    List<String> models = MODELS;

    /** Test accuracy after each evaluation, at epochs x. */
    record Curve(String model, long seed, double[] epochs, double[] accuracy, double[] denoising, double seconds) {
        double last() { return accuracy[accuracy.length - 1]; }
    }

    public static void main(String[] args) {
        LadderFashion f = new LadderFashion();
        try {
            f.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LadderFashion: " + e.getMessage());
            System.err.println("usage: LadderFashion [--sizes 784-500-250-10] [--epochs E] [--seeds 1,2,3] [--noise S]"
                    + " [--lr X] [--lambda L0,L1,...] [--evals N] [--models ladder,supervised,supervised+noise]"
                    + " [--clean-grad on|off] [--png FILE]");
            System.exit(2);
        }
        if (!FashionMnist.available(FashionMnist.DEFAULT_DIR)) {
            System.out.println("skipped: Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR
                    + " (apt-get install dataset-fashion-mnist)");
            return;
        }
        f.report(f.run());
    }

    void parse(String[] args) {
        Options o = new Options(args, "--sizes", "--epochs", "--seeds", "--noise", "--lr", "--lambda", "--evals", "--png",
                "--models", "--clean-grad");
        models = List.of(o.string("--models", String.join(",", models)).split(","));
        for (String m : models) if (!MODELS.contains(m)) throw new IllegalArgumentException("--models: " + MODELS
                + ", got " + m);
        cleanGradients = switch (o.string("--clean-grad", cleanGradients ? "on" : "off")) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--clean-grad: on or off");
        };
        String s = o.string("--sizes", null);
        if (s != null) sizes = Arrays.stream(s.split("-")).mapToInt(Integer::parseInt).toArray();
        epochs = o.real("--epochs", epochs);
        noise = o.real("--noise", noise);
        lr = o.real("--lr", lr);
        evals = o.integer("--evals", evals);
        String sd = o.string("--seeds", null);
        if (sd != null) seeds = Arrays.stream(sd.split(",")).mapToLong(Long::parseLong).toArray();
        String lm = o.string("--lambda", null);
        lambda = lm != null ? Arrays.stream(lm.split(",")).mapToDouble(Double::parseDouble).toArray() : defaultLambda(sizes.length);
        png = Path.of(o.string("--png", png.toString()));
        if (sizes.length < 2 || sizes[0] != 784 || sizes[sizes.length - 1] != 10) throw new IllegalArgumentException(
                "--sizes must run from 784 to 10, got " + Arrays.toString(sizes));
        if (lambda.length != sizes.length) throw new IllegalArgumentException("--lambda needs " + sizes.length
                + " values (layers 0 ... " + (sizes.length - 1) + "), got " + lambda.length);
        if (!(epochs > 0) || !(noise >= 0) || !(lr > 0) || evals < 1 || seeds.length < 1) throw new IllegalArgumentException(
                "epochs and lr must be positive, noise >= 0, evals >= 1, at least one seed");
    }

    /** The paper's MNIST costs: 1000 on the input, 10 on the first hidden layer, 0.1 above. */
    static double[] defaultLambda(int n) {
        double[] l = new double[n];
        for (int i = 0; i < n; i++) l[i] = i == 0 ? 1000 : i == 1 ? 10 : 0.1;
        return l;
    }

    /** Ten training indices per class, drawn by the seed. */
    static int[] labelledIndices(Tensor targets, long seed) {
        int[] perm = TensorDataset.permutation(targets.size(0), new Generator(seed)), t = targets.toIntArray();
        int[] out = new int[100], count = new int[10];
        int k = 0;
        for (int i : perm) if (count[t[i]] < 10) { count[t[i]]++; out[k++] = i; if (k == 100) break; }
        return out;
    }

    List<Curve> run() {
        TensorDataset train = FashionMnist.train(FashionMnist.DEFAULT_DIR), test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        List<Curve> curves = new ArrayList<>();
        for (long seed : seeds) {
            TensorDataset lab = train.subset(labelledIndices(train.targets(), seed));
            for (String m : models) curves.add(train(m.equals("ladder"), m.equals("supervised") ? 0 : noise, m, seed, lab,
                    train.inputs(), test));
        }
        return curves;
    }

    Curve train(boolean ladder, double sigma, String name, long seed, TensorDataset lab, Tensor unl, TensorDataset test) {
        Generator.manualSeed(seed);
        LadderNet net = new LadderNet(sizes, ladder, sigma, lambda);
        net.cleanGradients = cleanGradients;
        Optimizer adam = new Optimizer("adam", Config.of("learningRate", lr, "beta1", 0.9, "beta2", 0.999));
        State state = new State();
        Generator g = new Generator(seed * 7919 + 1), order = new Generator(seed * 31 + 5);
        int perEpoch = unl.size(0) / batch, steps = (int) Math.round(epochs * perEpoch), decayFrom = steps * 2 / 3;
        int[] perm = TensorDataset.permutation(unl.size(0), order);
        int[] pos = {0};
        Tensor xl = lab.inputs(), yl = lab.targets();
        double[] ex = new double[evals], acc = new double[evals], den = new double[evals];
        double denSum = 0;
        int denSteps = 0;
        long t0 = System.nanoTime();
        int e = 0;
        for (int step = 1; step <= steps; step++) {
            adam.setLearningRate(step <= decayFrom ? lr : lr * (steps - step + 1) / (double) (steps - decayFrom));
            Tensor xu = null;
            if (ladder) {
                if (pos[0] + batch > perm.length) { perm = TensorDataset.permutation(unl.size(0), order); pos[0] = 0; }
                xu = unl.indexSelect(0, Tensor.of(Arrays.copyOfRange(perm, pos[0], pos[0] + batch), batch));
                pos[0] += batch;
            }
            Tensor xuFinal = xu;
            Feval f = x -> new Feval.Eval(net.gradients(xl, yl, xuFinal, g), net.flat.gradients());
            adam.step(f, net.flat.weights(), state);
            denSum += net.lastDenoising;
            denSteps++;
            if (step * (long) evals >= (long) (e + 1) * steps) {
                ex[e] = step / (double) perEpoch;
                acc[e] = net.accuracy(test.inputs(), test.targets());
                den[e] = denSum / denSteps;
                denSum = 0;
                denSteps = 0;
                if (verbose) System.out.printf(Locale.ROOT, "%-17s seed %d  epoch %5.2f  supervised cost %.4f%s  test accuracy"
                        + " %.4f  (%.0f s)%n", name, seed, ex[e], net.lastSupervised, ladder ? String.format(Locale.ROOT,
                        "  denoising cost %.4f", den[e]) : "", acc[e], (System.nanoTime() - t0) / 1e9);
                e++;
            }
        }
        return new Curve(name, seed, ex, acc, den, (System.nanoTime() - t0) / 1e9);
    }

    void report(List<Curve> curves) {
        System.out.printf(Locale.ROOT, "%nFashion-MNIST, 100 labels (10 per class), MLP %s, noise %s, lambda %s, %s epochs,"
                + " seeds %s%n", String.join("-", Arrays.stream(sizes).mapToObj(String::valueOf).toList()), noise,
                Arrays.toString(lambda), epochs, Arrays.toString(seeds));
        double best = Double.NEGATIVE_INFINITY, ladderMean = 0;
        for (String m : models) {
            double[] a = curves.stream().filter(c -> c.model().equals(m)).mapToDouble(Curve::last).toArray();
            double mean = Arrays.stream(a).average().orElse(Double.NaN), sd = spread(a, mean);
            System.out.printf(Locale.ROOT, "%-17s test accuracy %.4f +- %.4f (per seed %s)%n", m, mean, sd,
                    Arrays.toString(Arrays.stream(a).mapToObj(v -> String.format(Locale.ROOT, "%.4f", v)).toArray()));
            if (m.equals("ladder")) ladderMean = mean; else best = Math.max(best, mean);
        }
        if (models.contains("ladder") && best > Double.NEGATIVE_INFINITY) System.out.printf(Locale.ROOT,
                "margin: the ladder beats the better supervised baseline by %.4f (%.1f points)%n", ladderMean - best,
                100 * (ladderMean - best));
        List<String> labels = new ArrayList<>();
        List<double[]> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (String m : models) {
            List<Curve> cs = curves.stream().filter(c -> c.model().equals(m)).toList();
            double[] mean = new double[evals];
            for (Curve c : cs) for (int i = 0; i < evals; i++) mean[i] += c.accuracy()[i] / cs.size();
            labels.add(m + (cs.size() > 1 ? " (mean of " + cs.size() + " label draws)" : ""));
            xs.add(cs.getFirst().epochs());
            ys.add(mean);
        }
        if (png.getParent() != null) png.getParent().toFile().mkdirs();
        Plots.lineChart("Fashion-MNIST with 100 labels: ladder vs supervised only", "epochs (passes over the 60,000"
                + " unlabelled images)", "test accuracy", labels, xs, ys, 1, png);
        System.out.println("wrote " + png);
    }

    static double spread(double[] a, double mean) {
        if (a.length < 2) return 0;
        double s = 0;
        for (double v : a) s += (v - mean) * (v - mean);
        return Math.sqrt(s / (a.length - 1));
    }
}
