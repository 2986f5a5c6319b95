package jtorch.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jtorch.data.FashionMnist;
import jtorch.data.TensorDataset;
import jtorch.nn.Criterion;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.criterion.BCECriterion;
import jtorch.nn.criterion.MSECriterion;
import jtorch.nn.noise.MaskingNoise;
import jtorch.nn.penalty.ContractiveEncoder;
import jtorch.nn.penalty.KLSparsityPenalty;
import jtorch.nn.penalty.TiedAutoEncoder;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Denoising, sparse and contractive auto-encoders on Fashion-MNIST ([B, 784], pixels in [0, 1]) against PCA of the same
 * dimension k (default 64) on the same data. The auto-encoders are deep and untied ({@link DeepAutoEncoders}: encoder
 * 784-H-k, H = {@code --hidden} 512 ReLU units, a code of k sigmoid units, decoder k-H-784 with a sigmoid output):
 * <ul>
 *   <li>denoising: {@link MaskingNoise} ({@code --deepMask}, default 0.15, of the pixels set to 0 in training);</li>
 *   <li>sparse: {@link KLSparsityPenalty} on the code (target mean activation {@code --deepRho} 0.1, weight
 *   {@code --deepBeta} 0.003);</li>
 *   <li>contractive: the code layer is a {@link ContractiveEncoder} (λ {@code --deepLambda} 3e-4 times the batch mean
 *   of ‖∂h/∂a‖²_F, a the ReLU layer below it).</li>
 * </ul>
 * Trained on clean targets with the Bernoulli cross-entropy ({@code --loss bce}, or {@code mse}) plus the penalties,
 * Adam (lr {@code --deepLr} 5e-3, halved for the last third), batch 128, {@code --deepEpochs} (default 12).
 * With {@code --shallow 1} the single-layer tied sigmoid auto-encoders come first ({@link TiedAutoEncoder}:
 * x → sigmoid(W x + b) → sigmoid(Wᵀ h + c); MSE, Adam lr {@code --lr} 1e-2, {@code --epochs} 25, and {@code --mask},
 * {@code --rho}, {@code --beta}, {@code --lambda} as above). Reported for each, in evaluate mode on the 10,000 clean
 * test images: the reconstruction MSE per pixel, and the test accuracy of softmax regression trained on the codes of
 * the training images ({@link LinearProbe}); PCA's codes and reconstructions (k components, {@link SubspacePca}) get
 * the same two numbers, and the mean training image's MSE is the floor to beat. Writes {@code --png} (default
 * docs/autoencoders.png): test images, the reconstructions, and the first 16 first-layer filters of each auto-encoder.
 * <p>Measured (the defaults, {@code ./jtorch run jtorch.examples.AutoEncoders}, 60,000 / 10,000 images; 254-258 CPU
 * seconds; 7.5 min wall at load 8-14, 28 min at load 26-32 on the 2 shared cores), test MSE / linear probe: deep
 * denoising 0.01285 / 0.8481, deep sparse 0.00870 / 0.8444, deep contractive 0.00811 / 0.8402, PCA-64 0.01037 / 0.8242, mean image 0.0866.
 * With {@code --deep d --deepMask 0.1}: 0.01024 / 0.8470; {@code --deepMask 0.05}: 0.00912 / 0.8440 (less corruption,
 * better clean reconstruction, slightly worse probe). The single-layer ones ({@code --shallow 1}, 25 epochs, an
 * earlier run): denoising 0.01883 / 0.8093, sparse 0.02155 / 0.7922, contractive 0.01772 / 0.8054.
 * <p>Options: {@code --code K --hidden H --deepEpochs N --deepLr X --loss bce|mse --deepMask P --deepRho R --deepBeta B
 * --deepLambda L --shallow 0|1 --epochs N --lr X --mask P --rho R --beta B --lambda L --limit N --testLimit N
 * --probeEpochs N --seed S --png FILE|none --deep dsc} (deepEpochs 0 skips the deep ones; {@code --deep} picks some of
 * them, d, s, c, each seeded as in the full set). Without Fashion-MNIST it says so and
 * exits with status 0.
 */
public final class AutoEncoders {
    int code = 64, epochs = 25, limit = 0, testLimit = 0, probeEpochs = 8, batch = 128;
    int hidden = 512, deepEpochs = 12, shallow = 0;
    double lr = 1e-2, mask = 0.15, rho = 0.1, beta = 0.003, lambda = 3e-4;
    double deepLr = 5e-3, deepMask = 0.15, deepRho = 0.1, deepBeta = 0.003, deepLambda = 3e-4;
    String loss = "bce", deep = "dsc";
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
            System.err.println("usage: AutoEncoders [--code K] [--hidden H] [--deepEpochs N] [--deepLr X] [--loss bce|mse]"
                    + " [--deepMask P] [--deepRho R] [--deepBeta B] [--deepLambda L] [--shallow 0|1] [--epochs N] [--lr X]"
                    + " [--mask P] [--rho R] [--beta B] [--lambda L] [--limit N] [--testLimit N] [--probeEpochs N]"
                    + " [--seed S] [--png FILE|none] [--deep dsc]");
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
                "--rho", "--beta", "--lambda", "--seed", "--png", "--hidden", "--deepEpochs", "--shallow", "--deepLr",
                "--deepMask", "--deepRho", "--deepBeta", "--deepLambda", "--loss", "--deep");
        deep = o.string("--deep", deep);
        hidden = o.integer("--hidden", hidden);
        deepEpochs = o.integer("--deepEpochs", deepEpochs);
        shallow = o.integer("--shallow", shallow);
        deepLr = o.real("--deepLr", deepLr);
        deepMask = o.real("--deepMask", deepMask);
        deepRho = o.real("--deepRho", deepRho);
        deepBeta = o.real("--deepBeta", deepBeta);
        deepLambda = o.real("--deepLambda", deepLambda);
        loss = o.string("--loss", loss);
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
                || !(rho > 0 && rho < 1) || !(beta >= 0) || !(lambda >= 0) || hidden < 1 || deepEpochs < 0
                || (shallow != 0 && shallow != 1) || !(deepLr > 0) || !(deepMask >= 0 && deepMask < 1)
                || !(deepRho > 0 && deepRho < 1) || !(deepBeta >= 0) || !(deepLambda >= 0)
                || !(loss.equals("bce") || loss.equals("mse")) || !deep.matches("d?s?c?")) throw new IllegalArgumentException(
                "code, epochs, probeEpochs, hidden >= 1; limit, testLimit, deepEpochs >= 0; shallow 0 or 1; lr, deepLr > 0;"
                + " mask, deepMask in [0, 1); rho, deepRho in (0, 1); beta, lambda, deepBeta, deepLambda >= 0; loss bce|mse;"
                + " deep: some of d, s, c in that order");
    }

    Result run() {
        TensorDataset train = FashionMnist.train(FashionMnist.DEFAULT_DIR), test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        int n = limit > 0 ? Math.min(limit, train.size()) : train.size();
        int nt = testLimit > 0 ? Math.min(testLimit, test.size()) : test.size();
        Tensor x = train.inputs().narrow(0, 0, n).contiguous(), xt = test.inputs().narrow(0, 0, nt).contiguous();
        Tensor y = train.targets().narrow(0, 0, n).contiguous(), yt = test.targets().narrow(0, 0, nt).contiguous();
        double floor = mse(xt, x.mean(0, true).expand(nt, 784));
        // the decoder's output bias starts at logit(mean training image), so the untrained output is near the mean image
        Tensor p = x.mean(0, false).clampInPlace(0.01, 0.99);
        Tensor logitOfMean = p.div(p.apply(jtorch.backend.UnaryOp.RSUB, 1, 0)).logInPlace();
        List<Row> rows = new ArrayList<>();
        List<Sequential> models = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int m = 0;
        if (shallow == 1) {
            String[] shallowNames = {"1-layer denoising (mask " + mask + ")", "1-layer sparse (KL rho " + rho + ", beta "
                    + beta + ")", "1-layer contractive (lambda " + lambda + ")"};
            for (int i = 0; i < 3; i++, m++) {
                Generator.manualSeed(seed + m);
                TiedAutoEncoder ae = i == 0 ? TiedAutoEncoders.denoising(code, mask) : i == 1 ? TiedAutoEncoders.sparse(code, rho, beta)
                        : TiedAutoEncoders.contractive(code, lambda);
                TiedAutoEncoders.outputBias(ae).copy(logitOfMean);
                fit(ae, shallowNames[i], new MSECriterion(), lr, epochs, x, y, xt, yt, rows, models, names);
            }
        }
        if (deepEpochs > 0) {
            String arch = " 784-" + hidden + "-" + code;
            String[] deepNames = {"deep denoising" + arch + " (mask " + deepMask + ")", "deep sparse" + arch + " (KL rho "
                    + deepRho + ", beta " + deepBeta + ")", "deep contractive" + arch + " (lambda " + deepLambda + ")"};
            for (int i = 0; i < 3; i++, m++) {
                if (deep.indexOf("dsc".charAt(i)) < 0) continue;
                Generator.manualSeed(seed + m);
                Sequential ae = i == 0 ? DeepAutoEncoders.denoising(code, hidden, deepMask)
                        : i == 1 ? DeepAutoEncoders.sparse(code, hidden, deepRho, deepBeta)
                        : DeepAutoEncoders.contractive(code, hidden, deepLambda);
                DeepAutoEncoders.outputBias(ae).copy(logitOfMean);
                Criterion crit = loss.equals("bce") ? new BCECriterion() : new MSECriterion();
                fit(ae, deepNames[i] + ", " + loss, crit, deepLr, deepEpochs, x, y, xt, yt, rows, models, names);
            }
        }
        long t0 = System.nanoTime();
        SubspacePca pca = SubspacePca.fit(x, code, 40, seed);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Tensor pcaCodes = pca.encode(xt);
        Tensor pcaRecon = pca.decode(pcaCodes);
        double pcaAcc = LinearProbe.accuracy(pca.encode(x), y, pcaCodes, yt, probeEpochs, seed + 10);
        rows.add(new Row("PCA (" + code + " components)", mse(xt, pcaRecon), pcaAcc, seconds));
        if (png != null) AutoEncoderPng.write(png, xt, yt, models, names.toArray(String[]::new), pcaRecon, code);
        return new Result(floor, rows, pca.capturedVariance());
    }

    /** Trains ae, then measures its clean test MSE and linear probe; appends the row, the model and its name. */
    private void fit(Sequential ae, String name, Criterion crit, double rate, int n, Tensor x, Tensor y, Tensor xt, Tensor yt,
            List<Row> rows, List<Sequential> models, List<String> names) {
        long t0 = System.nanoTime();
        AutoEncoderTraining.train(ae, x, crit, rate, n, batch, seed + 99, verbose ? name : null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        ae.evaluate();
        double err = mse(xt, apply(ae, xt));
        Module enc = ae.get(0);
        double acc = LinearProbe.accuracy(apply(enc, x), y, apply(enc, xt), yt, probeEpochs, seed + 10);
        rows.add(new Row(name, err, acc, seconds));
        models.add(ae);
        names.add(name);
        if (verbose) System.out.printf(Locale.ROOT, "%s: test MSE %.5f, linear probe %.4f (%.0f s training)%n",
                name, err, acc, seconds);
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
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-58s %12s %14s %10s%n", "code dimension " + k,
                "test MSE", "linear probe", "train s"));
        sb.append(String.format(Locale.ROOT, "%-58s %12.5f %14s %10s%n", "mean training image", r.meanImageMse(), "-", "-"));
        for (Row row : r.rows()) sb.append(String.format(Locale.ROOT, "%-58s %12.5f %14.4f %10.1f%n", row.name(), row.mse(),
                row.accuracy(), row.seconds()));
        sb.append(String.format(Locale.ROOT, "PCA captures %.1f %% of the training pixel variance; the first model's"
                + " training time includes the JVM's warm-up", 100 * r.pcaCapturedVariance()));
        return sb.toString();
    }
}
