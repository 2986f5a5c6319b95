package jtorch.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jtorch.backend.UnaryOp;
import jtorch.backend.cpu.Parallel;
import jtorch.data.FashionMnist;
import jtorch.data.TensorDataset;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Kingma and Welling's variational auto-encoder ({@link VaeModel}: MLP 784-400-Z-400-784, Bernoulli decoder on logits,
 * Adam lr 1e-3, batch 100) on Fashion-MNIST with a 2-D and a 20-D latent code. Pixels are binarised once by a fixed
 * threshold, x = 1 where the gray level is ≥ 128 of 255 (x / 255 &gt; 0.5), else 0, on train and test alike, so the
 * Bernoulli likelihood is a true probability of the data. Per epoch it prints the training −ELBO and the test ELBO;
 * after training, the test ELBO (one sample of z per image, KL exact) and the importance-weighted bound of Burda et al.
 * with k = {@code --k} (default 100) samples, in nats per image (both ≤ log p(x); the IWAE bound is the tighter).
 * <p>The same model, data, initialisation scheme (U(−1/√in, 1/√in), PyTorch's nn.Linear default), optimizer, batch
 * and epochs then run in PyTorch CPU ({@code tools/vae_torch.py} with {@code --peer}, default /usr/bin/python3; none
 * to skip) in the same run, and the two test ELBOs must agree within 1 % (exit status 1 otherwise). Pictures under
 * {@code --plots} (default docs): vae-samples.png (decoded z ~ N(0, I), Bernoulli means, both latents) and
 * vae-manifold.png (the 2-D code's decoded grid over [−2.5, 2.5]²).
 * The summary gives training seconds as wall/CPU (CPU: all threads of the process; on a shared machine the wall time
 * grows with the load, the CPU time much less).
 * Options: {@code --epochs N --latents 2,20 --hidden H --batch B --lr X --train N --test N --k K --seed S --threads T
 * --peer PYTHON|none --plots DIR|none}. Without the data set it says so and exits with status 0.
 */
public final class Vae {
    int epochs = 20, hidden = 400, batch = 100, train = 60_000, test = 10_000, k = 100, threads = Runtime.getRuntime().availableProcessors();
    int[] latents = {2, 20};
    double lr = 1e-3;
    long seed = 1;
    String peer = "/usr/bin/python3";
    Path plots = Path.of("docs"), data = FashionMnist.DEFAULT_DIR;
    boolean verbose = true;

    /** One latent size's run: test ELBO after each epoch, the final ELBO and IWAE bound, training seconds. */
    record Result(int latent, double[] epochTrainLoss, double[] epochTestElbo, double elbo, double iwae, double trainSeconds,
                  double trainCpuSeconds, VaeModel model) {}

    /** CPU seconds of this process so far (all threads). */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) {
        Vae v = new Vae();
        try {
            v.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Vae: " + e.getMessage());
            System.err.println("usage: Vae [--epochs N] [--latents 2,20] [--hidden H] [--batch B] [--lr X] [--train N]"
                    + " [--test N] [--k K] [--seed S] [--threads T] [--peer PYTHON|none] [--plots DIR|none]");
            System.exit(2);
        }
        if (!FashionMnist.available(v.data)) {
            System.out.println("skipped: Fashion-MNIST not found in " + v.data + " (apt-get install dataset-fashion-mnist)");
            return;
        }
        System.exit(v.runAll() ? 0 : 1);
    }

    void parse(String[] args) {
        Options o = new Options(args, "--epochs", "--latents", "--hidden", "--batch", "--lr", "--train", "--test", "--k",
                "--seed", "--threads", "--peer", "--plots", "--data");
        epochs = o.integer("--epochs", epochs);
        hidden = o.integer("--hidden", hidden);
        batch = o.integer("--batch", batch);
        lr = o.real("--lr", lr);
        train = o.integer("--train", train);
        test = o.integer("--test", test);
        k = o.integer("--k", k);
        seed = o.whole("--seed", seed);
        threads = o.integer("--threads", threads);
        peer = o.string("--peer", peer);
        String p = o.string("--plots", plots.toString());
        plots = p.equals("none") ? null : Path.of(p);
        data = Path.of(o.string("--data", data.toString()));
        String[] l = o.string("--latents", "2,20").split(",");
        latents = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            try { latents[i] = Integer.parseInt(l[i].trim()); } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad value '" + l[i] + "' in --latents (sizes like 2,20)"); }
        }
        if (epochs < 1 || batch < 1 || train < batch || test < 1 || k < 1 || threads < 1)
            throw new IllegalArgumentException("need --epochs, --batch, --test, --k, --threads ≥ 1 and --train ≥ --batch");
    }

    /** x [N, 784] in [0, 1] to 0/1: 1 where x &gt; 0.5 (gray level ≥ 128). */
    static Tensor binarise(Tensor x) { return x.apply(UnaryOp.GT, 0.5, 0); }

    /** Trains and evaluates every latent size, runs the peer, writes the pictures; true when every check passed. */
    boolean runAll() {
        Parallel.setThreads(threads);
        Tensor trainX = binarise(FashionMnist.train(data).inputs().narrow(0, 0, train));
        Tensor testX = binarise(FashionMnist.test(data).inputs().narrow(0, 0, test));
        System.out.printf(Locale.ROOT, "VAE 784-%d-Z-%d-784, Bernoulli decoder, pixels binarised at 128/255; %d train, %d"
                + " test images; Adam lr %g, batch %d, %d epochs, %d threads%n", hidden, hidden, train, test, lr, batch,
                epochs, threads);
        List<Result> results = new ArrayList<>();
        for (int z : latents) results.add(run(trainX, testX, z));
        if (plots != null) writePlots(results);
        boolean ok = true, compared = !peer.equals("none");
        System.out.println();
        System.out.printf(Locale.ROOT, "%-7s %12s %12s %13s %13s %13s %13s %9s%n", "latent", "jtorch ELBO", "jtorch IWAE",
                "jtorch s/cpu", "PyTorch ELBO", "PyTorch IWAE", "PyTorch s/cpu", "ELBO gap");
        for (Result r : results) {
            double[] t = peer.equals("none") ? null : VaePeer.run(this, r.latent());
            compared &= t != null;
            double gap = t == null ? Double.NaN : Math.abs(r.elbo() - t[0]) / Math.abs(t[0]);
            ok &= t == null || gap <= 0.01;
            ok &= r.iwae() >= r.elbo() && r.epochTestElbo()[r.epochTestElbo().length - 1] > r.epochTestElbo()[0];
            System.out.printf(Locale.ROOT, "%-7d %12.2f %12.2f %13s %13s %13s %13s %8.2f%%%n", r.latent(), r.elbo(),
                    r.iwae(), String.format(Locale.ROOT, "%.0f/%.0f", r.trainSeconds(), r.trainCpuSeconds()),
                    t == null ? "-" : String.format(Locale.ROOT, "%.2f", t[0]),
                    t == null ? "-" : String.format(Locale.ROOT, "%.2f", t[1]),
                    t == null ? "-" : String.format(Locale.ROOT, "%.0f/%.0f", t[2], t[3]), 100 * gap);
        }
        System.out.println(ok ? "checks passed: ELBO rose, IWAE ≥ ELBO" + (compared ? ", |ELBO gap| ≤ 1 %"
                : "; the PyTorch comparison was NOT made (--peer none, or the peer could not run)") : "CHECK FAILED (see the table)");
        return ok;
    }

    /** Trains one VAE with a Z-D code; weights from seed, ε and the shuffles from their own seeded streams. */
    Result run(Tensor trainX, Tensor testX, int latent) {
        Generator.manualSeed(seed);
        VaeModel m = new VaeModel(trainX.size(1), hidden, latent, lr, seed + 1000);
        Generator shuffle = new Generator(seed + 2000);
        double[] trainLoss = new double[epochs], testElbo = new double[epochs];
        double seconds = 0, cpu0 = cpuSeconds();
        int n = trainX.size(0) / batch * batch;
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            int[] perm = TensorDataset.permutation(trainX.size(0), shuffle);
            double s = 0;
            for (int i = 0; i < n; i += batch) {
                Tensor idx = Tensor.of(java.util.Arrays.copyOfRange(perm, i, i + batch), batch);
                s += m.step(trainX.indexSelect(0, idx));
            }
            seconds += (System.nanoTime() - t0) / 1e9;
            trainLoss[e] = s / (n / batch);
            testElbo[e] = m.elbo(testX, 500);
            if (verbose) System.out.printf(Locale.ROOT, "latent %2d  epoch %2d/%d  train -ELBO %8.2f  test ELBO %8.2f  (%.1f s)%n",
                    latent, e + 1, epochs, trainLoss[e], testElbo[e], seconds);
        }
        double cpu = cpuSeconds() - cpu0;
        long t0 = System.nanoTime();
        double elbo = m.elbo(testX, 500), iwae = m.iwae(testX, k, Math.max(1, 5000 / k));
        if (verbose) System.out.printf(Locale.ROOT, "latent %2d  test ELBO %.2f  IWAE (k = %d) %.2f nats per image  (%.1f s)%n",
                latent, elbo, k, iwae, (System.nanoTime() - t0) / 1e9);
        return new Result(latent, trainLoss, testElbo, elbo, iwae, seconds, cpu, m);
    }

    void writePlots(List<Result> results) {
        List<VaePlots.Panel> samples = new ArrayList<>();
        for (Result r : results) {
            Tensor z = Tensor.randn(new Generator(seed + 3000), 100, r.latent());
            samples.add(new VaePlots.Panel("samples, " + r.latent() + "-D code", r.model().decode(z), 10, 2));
            if (r.latent() == 2) VaePlots.write(List.of(new VaePlots.Panel("decoded 2-D codes over [-2.5, 2.5]^2",
                    r.model().decode(VaePlots.grid(20, 2.5)), 20, 1)), plots.resolve("vae-manifold.png"));
        }
        VaePlots.write(samples, plots.resolve("vae-samples.png"));
        System.out.println("wrote " + plots.resolve("vae-samples.png") + (results.stream().anyMatch(r -> r.latent() == 2)
                ? " and " + plots.resolve("vae-manifold.png") : ""));
    }
}
