package jtorch.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jtorch.data.FashionMnist;
import jtorch.data.TensorDataset;
import jtorch.nn.FlatParameters;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.Sigmoid;
import jtorch.nn.criterion.MSECriterion;
import jtorch.nn.layer.Linear;
import jtorch.nn.noise.MaskingNoise;
import jtorch.nn.penalty.ContractiveEncoder;
import jtorch.nn.penalty.KLSparsityPenalty;
import jtorch.nn.penalty.Penalty;
import jtorch.nn.penalty.TiedAutoEncoder;
import jtorch.nn.penalty.TiedLinear;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optimizer;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Denoising, sparse and contractive auto-encoders on Fashion-MNIST ([B, 784], pixels in [0, 1]) against PCA of the same
 * dimension k (default 64) on the same data. Each auto-encoder is one hidden layer of k sigmoid units with tied weights
 * ({@link TiedAutoEncoder}: x → sigmoid(W x + b) → sigmoid(Wᵀ h + c), 784·k + k + 784 parameters):
 * <ul>
 *   <li>denoising: {@link MaskingNoise} (a fraction {@code --mask}, default 0.15, of the pixels set to 0 in training);</li>
 *   <li>sparse: {@link KLSparsityPenalty} on the code (target mean activation {@code --rho} 0.1, weight {@code --beta} 0.003);</li>
 *   <li>contractive: {@link ContractiveEncoder} (λ {@code --lambda} 3e-4 times the batch mean of ‖∂h/∂x‖²_F).</li>
 * </ul>
 * Trained with the mean squared error on clean targets plus the penalties, Adam (lr {@code --lr} 1e-2, halved for the
 * last third), batch 128, {@code --epochs} (default 25). Reported for each, in evaluate mode on the 10,000 clean test
 * images: the reconstruction MSE per pixel, and the test accuracy of softmax regression trained on the codes of the
 * training images ({@link LinearProbe}); PCA's codes and reconstructions (k components, {@link SubspacePca}) get the
 * same two numbers, and the mean training image's MSE is the floor to beat. Writes {@code --png} (default
 * docs/autoencoders.png): test images, the four reconstructions, and the first 16 filters of each auto-encoder.
 * Options: {@code --code K --epochs N --limit N --testLimit N --probeEpochs N --lr X --mask P --rho R --beta B
 * --lambda L --seed S --png FILE|none}. Without Fashion-MNIST it says so and exits with status 0.
 */
public final class AutoEncoders {
    int code = 64, epochs = 25, limit = 0, testLimit = 0, probeEpochs = 8, batch = 128;
    double lr = 1e-2, mask = 0.15, rho = 0.1, beta = 0.003, lambda = 3e-4;
    long seed = 1;
    boolean verbose = true;
    Path png = Path.of("docs/autoencoders.png");

    /** One model's numbers: test reconstruction MSE per pixel, linear-probe test accuracy, training seconds. */
    record Row(String name, double mse, double accuracy, double seconds) {}

    /** The floor (mean training image), then one row per auto-encoder, then PCA. */
    record Result(double meanImageMse, List<Row> rows, double pcaCapturedVariance) {}

    public static void main(String[] args) {
        AutoEncoders a = new AutoEncoders();
        try {
            a.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("AutoEncoders: " + e.getMessage());
            System.err.println("usage: AutoEncoders [--code K] [--epochs N] [--limit N] [--testLimit N] [--probeEpochs N]"
                    + " [--lr X] [--mask P] [--rho R] [--beta B] [--lambda L] [--seed S] [--png FILE|none]");
            System.exit(2);
        }
        if (!FashionMnist.available(FashionMnist.DEFAULT_DIR)) {
            System.out.println("skipped: Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR
                    + " (apt-get install dataset-fashion-mnist)");
            return;
        }
        Result r = a.run();
        System.out.println(table(r, a.code));
    }

    void parse(String[] args) {
        Options o = new Options(args, "--code", "--epochs", "--limit", "--testLimit", "--probeEpochs", "--lr", "--mask",
                "--rho", "--beta", "--lambda", "--seed", "--png");
        code = o.integer("--code", code);
        epochs = o.integer("--epochs", epochs);
        limit = o.integer("--limit", limit);
        testLimit = o.integer("--testLimit", testLimit);
        probeEpochs = o.integer("--probeEpochs", probeEpochs);
        lr = o.real("--lr", lr);
        mask = o.real("--mask", mask);
        rho = o.real("--rho", rho);
        beta = o.real("--beta", beta);
        lambda = o.real("--lambda", lambda);
        seed = o.whole("--seed", seed);
        String p = o.string("--png", png.toString());
        png = p.equals("none") ? null : Path.of(p);
        if (code < 1 || epochs < 1 || limit < 0 || testLimit < 0 || probeEpochs < 1 || !(lr > 0) || !(mask >= 0 && mask < 1)
                || !(rho > 0 && rho < 1) || !(beta >= 0) || !(lambda >= 0)) throw new IllegalArgumentException(
                "code, epochs, probeEpochs >= 1; limit, testLimit >= 0; lr > 0; mask in [0, 1); rho in (0, 1); beta, lambda >= 0");
    }

    static TiedAutoEncoder denoising(int k, double p) {
        Linear enc = new Linear(784, k);
        return new TiedAutoEncoder(new Sequential(new MaskingNoise(p), enc, new Sigmoid()),
                new Sequential(new TiedLinear(enc), new Sigmoid()));
    }

    static TiedAutoEncoder sparse(int k, double rho, double beta) {
        Linear enc = new Linear(784, k);
        return new TiedAutoEncoder(new Sequential(enc, new Sigmoid(), new KLSparsityPenalty(rho, beta)),
                new Sequential(new TiedLinear(enc), new Sigmoid()));
    }

    static TiedAutoEncoder contractive(int k, double lambda) {
        ContractiveEncoder enc = new ContractiveEncoder(784, k, lambda);
        return new TiedAutoEncoder(enc, new Sequential(new TiedLinear(enc), new Sigmoid()));
    }

    Result run() {
        TensorDataset train = FashionMnist.train(FashionMnist.DEFAULT_DIR), test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        int n = limit > 0 ? Math.min(limit, train.size()) : train.size();
        int nt = testLimit > 0 ? Math.min(testLimit, test.size()) : test.size();
        Tensor x = train.inputs().narrow(0, 0, n).contiguous(), xt = test.inputs().narrow(0, 0, nt).contiguous();
        Tensor y = train.targets().narrow(0, 0, n).contiguous(), yt = test.targets().narrow(0, 0, nt).contiguous();
        double floor = mse(xt, x.mean(0, true).expand(nt, 784));
        // the decoder's bias starts at logit(mean training image), so the untrained output is the mean image
        Tensor p = x.mean(0, false).clampInPlace(0.01, 0.99);
        Tensor logitOfMean = p.div(p.apply(jtorch.backend.UnaryOp.RSUB, 1, 0)).logInPlace();
        List<Row> rows = new ArrayList<>();
        List<TiedAutoEncoder> models = new ArrayList<>();
        String[] names = {"denoising (mask " + mask + ")", "sparse (KL rho " + rho + ", beta " + beta + ")",
                "contractive (lambda " + lambda + ")"};
        for (int m = 0; m < 3; m++) {
            Generator.manualSeed(seed + m);
            TiedAutoEncoder ae = m == 0 ? denoising(code, mask) : m == 1 ? sparse(code, rho, beta) : contractive(code, lambda);
            outputBias(ae).copy(logitOfMean);
            long t0 = System.nanoTime();
            train(ae, x, names[m]);
            double seconds = (System.nanoTime() - t0) / 1e9;
            ae.evaluate();
            double err = mse(xt, apply(ae, xt));
            double acc = LinearProbe.accuracy(apply(ae.encoder(), x), y, apply(ae.encoder(), xt), yt, probeEpochs, seed + 10);
            rows.add(new Row(names[m], err, acc, seconds));
            models.add(ae);
            if (verbose) System.out.printf(Locale.ROOT, "%s: test MSE %.5f, linear probe %.4f (%.0f s training)%n",
                    names[m], err, acc, seconds);
        }
        long t0 = System.nanoTime();
        SubspacePca pca = SubspacePca.fit(x, code, 40, seed);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Tensor pcaCodes = pca.encode(xt);
        Tensor pcaRecon = pca.decode(pcaCodes);
        double pcaAcc = LinearProbe.accuracy(pca.encode(x), y, pcaCodes, yt, probeEpochs, seed + 10);
        rows.add(new Row("PCA (" + code + " components)", mse(xt, pcaRecon), pcaAcc, seconds));
        if (png != null) AutoEncoderPng.write(png, xt, yt, models, names, pcaRecon, code);
        return new Result(floor, rows, pca.capturedVariance());
    }

    /** The decoder's bias c [784]. */
    static Tensor outputBias(TiedAutoEncoder ae) { return ((TiedLinear) ((Sequential) ae.decoder()).get(0)).bias(); }

    /** Trains ae on x with MSE + penalties; prints the epoch means when verbose. */
    void train(TiedAutoEncoder ae, Tensor x, String name) {
        ae.training();
        FlatParameters fp = ae.getParameters();
        MSECriterion crit = new MSECriterion();
        Optimizer adam = new Optimizer("adam", Config.of("learningRate", lr));
        State state = new State();
        Generator g = new Generator(seed + 99);
        int n = x.size(0);
        for (int e = 0; e < epochs; e++) {
            if (e == (2 * epochs) / 3 && epochs >= 3) adam.setLearningRate(lr / 2);
            int[] order = TensorDataset.permutation(n, g);
            double sum = 0, pen = 0;
            int batches = 0;
            for (int s = 0; s < n; s += batch) {
                int len = Math.min(batch, n - s);
                Tensor xb = x.indexSelect(0, Tensor.of(java.util.Arrays.copyOfRange(order, s, s + len), len));
                double[] parts = new double[2];
                Feval f = w -> {
                    ae.zeroGradParameters();
                    Tensor out = ae.forward(xb);
                    parts[0] = crit.forward(out, xb);
                    parts[1] = Penalty.total(ae);
                    ae.backward(xb, crit.backward(out, xb));
                    return new Feval.Eval(parts[0] + parts[1], fp.gradients());
                };
                adam.step(f, fp.weights(), state);
                sum += parts[0];
                pen += parts[1];
                batches++;
            }
            if (verbose) System.out.printf(Locale.ROOT, "  %s epoch %d: train MSE %.5f, penalty %.5f%n", name, e + 1,
                    sum / batches, pen / batches);
        }
    }

    /** m's outputs for x, in blocks of 1,000 rows. */
    static Tensor apply(Module m, Tensor x) {
        Tensor first = m.forward(x.narrow(0, 0, Math.min(1000, x.size(0)))).toTensor("output");
        Tensor out = Tensor.zeros(x.size(0), first.size(1));
        for (int s = 0; s < x.size(0); s += 1000) {
            int len = Math.min(1000, x.size(0) - s);
            out.narrow(0, s, len).copy(m.forward(x.narrow(0, s, len)).toTensor("output"));
        }
        return out;
    }

    /** Mean squared error per pixel. */
    static double mse(Tensor a, Tensor b) {
        Tensor d = a.sub(b);
        return d.mul(d).sum() / d.numel();
    }

    static String table(Result r, int k) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-40s %12s %14s %10s%n", "code dimension " + k,
                "test MSE", "linear probe", "train s"));
        sb.append(String.format(Locale.ROOT, "%-40s %12.5f %14s %10s%n", "mean training image", r.meanImageMse(), "-", "-"));
        for (Row row : r.rows()) sb.append(String.format(Locale.ROOT, "%-40s %12.5f %14.4f %10.1f%n", row.name(), row.mse(),
                row.accuracy(), row.seconds()));
        sb.append(String.format(Locale.ROOT, "PCA captures %.1f %% of the training pixel variance; the first model's"
                + " training time includes the JVM's warm-up", 100 * r.pcaCapturedVariance()));
        return sb.toString();
    }
}
