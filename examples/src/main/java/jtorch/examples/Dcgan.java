package jtorch.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jtorch.backend.cpu.Parallel;
import jtorch.data.DataLoader;
import jtorch.data.FashionMnist;
import jtorch.data.TensorDataset;
import jtorch.io.Model;
import jtorch.nn.Sequential;
import jtorch.nn.conv.DcganNets;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.train.CollapseCheck;
import jtorch.train.FrechetDistance;
import jtorch.train.GanCollapseException;
import jtorch.train.GanEpoch;
import jtorch.train.GanTrainer;
import jtorch.train.InceptionScore;
import jtorch.train.LrSchedules;

/**
 * A DCGAN ({@link DcganNets}, "dcgan" depth; {@code --g-arch deep --d-arch deep}: one extra 3×3 layer in G and in D) on
 * Fashion-MNIST [B, 1, 28, 28], class-conditional by default ({@link GanTrainer.Builder#conditional}: G gets z ⊕ e_y, D is a projection
 * discriminator, {@link DcganNets#projection}), trained by {@link GanTrainer} (Adam lr 5e-4, β₁ 0.5, for both
 * networks, constant; batch 32, z ~ N(0, I) of 64 dimensions, 7 epochs) with an exponential moving average of G
 * ({@link jtorch.train.EmaModule}, β 0.999, weights and batch-norm statistics), and scored with a Fashion-MNIST
 * classifier trained in the same run ({@link FashionScorer}, {@link FashionScorer.Recipe#NEW}): the classifier-based
 * Inception score of 10,000 samples (target ≥ 7.5; conditional: 1,000 made for each class) of the averaged G and of
 * the raw G, beside the real test images' score, the Fréchet distance in the classifier's 288-dimensional feature space
 * between the 10,000 test images and the samples (and, as the floor it cannot beat, between 10,000 training images and
 * the test images), and, when conditional, the fraction of samples classified as the class they were made for. After
 * every epoch it prints the IS and FID of 2,000 samples of both ({@code --epoch-is N}; 0: none). Writes
 * {@code samples-epoch-NN.png} (80 samples of the raw G from a fixed noise, column c made for class c; 64 when
 * unconditional) after every epoch, {@code samples-ema.png} (the averaged G, the same noise) and
 * {@code interpolation.png} (8 rows, row r of class r: the averaged G along the straight line between two noise
 * vectors, 10 steps) to {@code --out DIR} (default docs/dcgan). A run whose collapse test fails
 * ({@link CollapseCheck#defaults()}'s thresholds, the end-of-epoch tests from the epoch by which G has taken 500 steps,
 * the classifier watching the class histogram of 1,000 fixed-noise samples of the raw G) is reported and exits with
 * status 1; a score below the target exits 3. {@code --compare old}, after the run proper (its scores and CPU time
 * printed first), trains the previous scorer ({@link FashionScorer.Recipe#OLD}) and scores the same samples with it.
 * Options: {@code --conditional yes|no --g-arch dcgan|deep --d-arch dcgan|deep --epochs N --ngf G --ndf D --nz Z
 * --lr X --lr-d X} (D's rate; 0: --lr) {@code --batch B --seed S --limit N} (first N training images)
 * {@code --classifier C1,C2,C3,DROPOUT,WD,EPOCHS --classifier-epochs N --samples N --threads T --out DIR
 * --lr-schedule constant|cosine --ema B} (0: none) {@code --compare old|none --epoch-is N}; {@code --scorer-cache F}
 * (for experiments: the classifier is loaded from F, or trained and saved there when F is missing; the figures below
 * train it in the run); {@code --score-file F[,F2...]} trains the classifier, then scores the images in each file (raw
 * little-endian float32 [N, 784] in [0, 1], as the PyTorch peer tools/dcgan_torch.py writes them) instead of training
 * a GAN. Without Fashion-MNIST it says so and exits 0.
 * <p>Measured (the defaults, 2 threads, 2026-12-02 02:40-02:49 UTC on the quiet 2 cores, {@code /usr/bin/time}):
 * 504 s wall (8.4 min), 858 s of CPU. Scorer: test accuracy 0.9173, IS of the 10,000 test images 8.498 (H(p(y))
 * 2.303, E H(p(y|x)) 0.163, mean top probability 0.940). After 7 epochs the averaged G's IS is <b>8.336</b> (10 splits
 * 8.333 ± 0.067; H(p(y)) 2.302, E H(p(y|x)) 0.181, mean top probability 0.934), the raw G's 8.164; Fréchet distance
 * 4.60 (raw G 4.97; untrained G 252.8, training vs test images 0.77); 92.3 % of the averaged G's samples are
 * classified as the class they were made for (raw G 90.6 %), and every predicted class holds 9.3-10.7 % of them: the
 * 7.5 target is reached. Per epoch (2,000 samples, averaged G): 7.34, 7.88, 8.09, 8.19, 8.29, 8.33, 8.32. The same
 * recipe unconditional (stop 18, {@code --conditional no}) gave 6.232.
 * <p>The deep nets ({@code --g-arch deep --d-arch deep --epochs 5}, 02:14-02:25 UTC, quiet): 641 s wall, IS 8.242 (raw
 * G 7.986), FID 3.41, 90.2 % classified as their class; unconditional ({@code --conditional no}, 02:27-02:38 UTC, the
 * cores shared with a test run): IS 6.847 (raw G 6.708), FID 4.64, classes 8.9-11.1 %, 648 s wall, below 7.5. Their
 * train step is slower than PyTorch's on 1 thread (bench/dcgan-side-by-side.sh 32 32 64 64 1: 0.69; batch 32: 0.74;
 * 2 threads 1.26 / 1.29), mostly G's 3×3 convolution on the 7×7 plane, whose weight gradient takes the direct kernel
 * at ~11 GFLOP/s, 4× slower than the im2col path there (DcganProfile).
 * <p>How the nets were chosen (2026-12-02, 4 epochs at 1 thread each, two runs at a time, IS of 2,000 averaged-G
 * samples after epoch 4, unconditional; the same seed): the stop-18 nets ("dcgan" G and D, width 32) 5.89; a deep D
 * 6.44; a deep G 6.42; both deep 6.59 (after 6 epochs 6.83); width 48 6.15; a deep D with D's rate 1e-3 6.44, with
 * batch 64 6.23; a G up-sampling by nearest neighbour and 3×3 convolutions 5.86; a D without batch norm 5.18 after 3
 * epochs (the stop-18 nets: 5.81). Conditioning the deep pair on the class: 8.22.
 */
public final class Dcgan {
    int epochs = 7, ngf = 32, ndf = 32, nz = 64, batch = 32, limit = 0, samples = 10_000, threads = 0;
    double lr = 5e-4, lrD = 0, ema = 0.999, target = 7.5;
    long seed = 1;
    boolean verbose = true, cosine = false, compare = false;
    FashionScorer.Recipe scorer = FashionScorer.Recipe.NEW;
    Path out = Path.of("docs/dcgan");
    Path scorerCache; // experiments: load the scorer from here (train and save it when missing)
    int epochIs = 2000; // samples scored after every epoch (0: none)
    boolean deepG, deepD; // --g-arch / --d-arch deep
    boolean conditional = true;
    List<Path> scoreFiles; // null: train a GAN

    /**
     * What a run measured; {@code collapse} is null unless the collapse test stopped it (then the scores are NaN). The
     * scores are the averaged G's when {@code --ema} is on (then {@code isRawG}/{@code fidRawG} are the raw G's; else
     * both pairs are the raw G's); {@code cpuSeconds} is the process CPU time up to the scores, before the comparison.
     */
    record Result(List<GanEpoch> history, String collapse, double classifierAccuracy, double isGenerated, double isReal,
                  double fid, double fidFloor, double fidUntrained, int[] classHistogram, double seconds,
                  double isRawG, double fidRawG, double cpuSeconds, double agreement) {}

    public static void main(String[] args) throws Exception {
        Dcgan d = new Dcgan();
        try {
            d.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Dcgan: " + e.getMessage());
            System.err.println("usage: Dcgan [--epochs N] [--ngf G] [--ndf D] [--nz Z] [--lr X] [--batch B] [--seed S] [--limit N]"
                    + " [--classifier C1,C2,C3,DROPOUT,WD,EPOCHS] [--classifier-epochs N] [--samples N] [--threads T] [--out DIR]"
                    + " [--lr-schedule cosine|constant] [--score-file F] [--lr-d X] [--ema B] [--compare old|none]"
                    + " [--conditional yes|no] [--g-arch dcgan|deep] [--d-arch dcgan|deep] [--epoch-is N] [--scorer-cache F]");
            System.exit(2);
        }
        if (!FashionMnist.available(FashionMnist.DEFAULT_DIR)) {
            System.out.println("skipped: Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR
                    + " (apt-get install dataset-fashion-mnist)");
            return;
        }
        Result r = d.run();
        if (d.scoreFiles != null) return; // scoring only: the figures are printed above
        if (r.collapse() != null) {
            System.out.println("COLLAPSED, not shipped: " + r.collapse());
            System.exit(1);
        }
        System.out.printf(Locale.ROOT, "%s: Inception score of %d samples %.3f%s (real test images %.3f), Frechet distance"
                + " %.2f (train vs test images %.2f)%s, classifier test accuracy %.4f, %.1f s (%.1f min) in all, process CPU %.1f s"
                + " before the comparison: %s%n", d.conditional ? "class-conditional DCGAN" : "DCGAN (unconditional)",
                d.samples, r.isGenerated(), d.ema > 0 ? String.format(Locale.ROOT,
                " (averaged G; raw G %.3f, FID %.2f)", r.isRawG(), r.fidRawG()) : "", r.isReal(), r.fid(), r.fidFloor(),
                d.conditional ? String.format(Locale.ROOT, ", %.1f %% classified as their class", 100 * r.agreement()) : "",
                r.classifierAccuracy(), r.seconds(), r.seconds() / 60, r.cpuSeconds(),
                r.isGenerated() >= d.target ? "target " + d.target + " reached" : "BELOW the target " + d.target);
        if (r.isGenerated() < d.target) System.exit(3);
    }

    void parse(String[] args) {
        Options o = new Options(args, "--epochs", "--ngf", "--ndf", "--nz", "--lr", "--batch", "--seed", "--limit",
                "--classifier-epochs", "--samples", "--threads", "--out", "--lr-schedule", "--score-file", "--classifier", "--lr-d",
                "--ema", "--compare", "--scorer-cache", "--epoch-is", "--g-arch", "--d-arch", "--conditional");
        epochs = o.integer("--epochs", epochs);
        ngf = o.integer("--ngf", ngf);
        ndf = o.integer("--ndf", ndf);
        nz = o.integer("--nz", nz);
        lr = o.real("--lr", lr);
        batch = o.integer("--batch", batch);
        seed = o.whole("--seed", seed);
        limit = o.integer("--limit", limit);
        String c = o.string("--classifier", null);
        if (c != null) scorer = FashionScorer.Recipe.parse(c);
        int ce = o.integer("--classifier-epochs", 0);
        if (ce < 0) throw new IllegalArgumentException("--classifier-epochs must be >= 1, got " + ce);
        if (ce > 0) scorer = scorer.withEpochs(ce);
        lrD = o.real("--lr-d", 0);
        ema = o.real("--ema", ema);
        compare = o.choice("--compare", "none", "old", "none").equals("old");
        samples = o.integer("--samples", samples);
        String sc = o.string("--scorer-cache", null);
        scorerCache = sc == null ? null : Path.of(sc);
        epochIs = o.integer("--epoch-is", epochIs);
        deepG = o.choice("--g-arch", "dcgan", "dcgan", "deep").equals("deep");
        deepD = o.choice("--d-arch", "dcgan", "dcgan", "deep").equals("deep");
        conditional = o.choice("--conditional", "yes", "yes", "no").equals("yes");
        threads = o.integer("--threads", threads);
        String dir = o.string("--out", out.toString());
        out = dir.equals("none") ? null : Path.of(dir);
        cosine = o.choice("--lr-schedule", "constant", "cosine", "constant").equals("cosine");
        String sf = o.string("--score-file", null);
        scoreFiles = sf == null ? null : Arrays.stream(sf.split(",")).map(Path::of).toList();
        if (epochs < 1 || ngf < 1 || ndf < 1 || nz < 1 || !(lr > 0) || !(lrD >= 0) || batch < 2 || limit < 0
                || samples < 20 || threads < 0 || epochIs < 0 || !(ema >= 0 && ema < 1)) throw new IllegalArgumentException("epochs, ngf,"
                + " ndf, nz must be >= 1, batch >= 2, lr > 0, lr-d >= 0 (0: lr), limit >= 0, samples >= 20, threads >= 0,"
                + " 0 <= ema < 1 (0: none)");
    }

    Result run() throws Exception {
        long t0 = System.nanoTime();
        if (threads > 0) Parallel.setThreads(threads);
        TensorDataset train = images(FashionMnist.train(FashionMnist.DEFAULT_DIR), limit);
        TensorDataset test = images(FashionMnist.test(FashionMnist.DEFAULT_DIR), 0);
        if (verbose) System.out.printf(Locale.ROOT, "Fashion-MNIST: %d training images, %d test images; %d threads%n",
                train.size(), test.size(), Parallel.threads());
        Sequential classifier;
        if (scorerCache != null && Files.exists(scorerCache)) {
            classifier = (Sequential) Model.load(scorerCache);
            System.out.println("scorer loaded from " + scorerCache);
        } else {
            classifier = FashionScorer.train(train, scorer, seed + 100, verbose ? System.out : null);
            if (scorerCache != null) Model.save(classifier, scorerCache);
        }
        double acc = FashionScorer.accuracy(classifier, test);
        FashionScorer.Outputs real = FashionScorer.outputs(classifier, test.inputs());
        FashionScorer.Outputs trainReal = FashionScorer.outputs(classifier, train.inputs().narrow(0, 0, Math.min(10_000, train.size())));
        FrechetDistance.Stats realStats = real.stats();
        if (verbose) System.out.printf(Locale.ROOT, "classifier (%s): test accuracy %.4f; Inception score of the %d test"
                + " images %s; %s; process CPU %.1f s so far%n", scorer, acc, test.size(), FashionScorer.describeIs(real.logProbs()),
                FashionScorer.describeConfidence(real.logProbs()), cpuSeconds());
        if (scoreFiles != null) {
            java.util.Map<String, Tensor> images = new java.util.LinkedHashMap<>();
            Result r = null;
            for (Path f : scoreFiles) {
                Tensor x = readScoreFile(f);
                images.put(f.toString(), x);
                Scored sc = score(f.toString(), classifier, x, realStats, 0);
                if (out != null) ImageGrid.write(x.narrow(0, 0, Math.min(64, x.size(0))).clone(), 8, 1, "64 images of "
                        + f.getFileName(), out.resolve("scored-" + f.getFileName() + ".png"));
                if (r == null) r = new Result(List.of(), null, acc, sc.is(), real.inceptionScore(), sc.fid(), Double.NaN,
                        Double.NaN, sc.histogram(), (System.nanoTime() - t0) / 1e9, sc.is(), sc.fid(), cpuSeconds(), Double.NaN);
            }
            if (compare) compareOld(train, test, images, 0);
            return r;
        }

        Generator init = new Generator(seed);
        Generator.manualSeed(seed);
        int classes = conditional ? 10 : 0;
        Sequential g = DcganNets.dcganInit(DcganNets.generator(nz + classes, ngf, deepG), init);
        Sequential d = DcganNets.discriminator(ndf, deepD);
        d = DcganNets.dcganInit(conditional ? DcganNets.projection(d, classes) : d, init);
        if (verbose) System.out.printf(Locale.ROOT, "G %s%n%d parameters%nD %s%n%d parameters%n", g,
                g.getParameters().weights().numel(), d, d.getParameters().weights().numel());
        DataLoader loader = new DataLoader(train, batch, true, seed, true);
        // the end-of-epoch tests start once G has taken 500 steps (earlier samples are still blobs)
        int checkFrom = Math.max(1, (500 + loader.batchesPerEpoch() - 1) / loader.batchesPerEpoch());
        GanTrainer.Builder b = GanTrainer.builder(g, d, adam(lr), adam(lrD > 0 ? lrD : lr)).data(loader).latent(nz)
                .epochs(epochs).seed(seed).collapseCheck(new CollapseCheck(0.01, 100, 0.25, 0.5, checkFrom))
                .monitorClassifier(classifier).monitorSamples(1000).ema(ema).conditional(classes);
        if (cosine) b.schedule(LrSchedules.cosine(epochs, 0));
        if (verbose) b.progress(System.out, 200);
        if (verbose) b.onEpochEnd((e, t) -> System.out.printf(Locale.ROOT, "process CPU %.1f s so far%n", cpuSeconds()));
        // conditional: 10 columns, column c made for class c (the monitor noise cycles through the labels)
        int cols = conditional ? 10 : 8, shown = 8 * cols;
        String what = conditional ? shown + " samples, fixed z, column c of class c" : shown + " samples, fixed z";
        if (out != null) b.onEpochEnd((e, t) -> ImageGrid.write(t.generate(t.fixedNoise().narrow(0, 0, shown)), cols, 1,
                String.format(Locale.ROOT, "epoch %d: %s", e.epoch(), what),
                out.resolve(String.format(Locale.ROOT, "samples-epoch-%02d.png", e.epoch()))));
        if (epochIs > 0) {
            Tensor zIs0 = Tensor.randn(new Generator(seed + 7), epochIs, nz);
            b.onEpochEnd((e, t) -> {
                Tensor zIs = t.input(zIs0, balanced(t, epochIs));
                FashionScorer.Outputs o1 = FashionScorer.outputs(classifier, t.generate(zIs, false));
                String em = "";
                if (ema > 0) {
                    FashionScorer.Outputs o2 = FashionScorer.outputs(classifier, t.generate(zIs, true));
                    em = String.format(Locale.ROOT, ", averaged G %.3f (FID %.2f)", o2.inceptionScore(),
                            FrechetDistance.between(o2.stats(), realStats));
                }
                System.out.printf(Locale.ROOT, "epoch %d: IS of %d samples: raw G %.3f (FID %.2f)%s%n", e.epoch(), epochIs,
                        o1.inceptionScore(), FrechetDistance.between(o1.stats(), realStats), em);
            });
        }
        GanTrainer trainer = b.build();
        // the untrained G's distance: what training must reduce
        double fidUntrained = FrechetDistance.between(FashionScorer.outputs(classifier,
                generate(trainer, false, new Generator(seed + 2), Math.min(samples, 2000))).stats(), realStats);
        List<GanEpoch> history;
        try {
            history = trainer.fit();
        } catch (GanCollapseException e) {
            return new Result(e.history(), e.getMessage(), acc, Double.NaN, real.inceptionScore(), Double.NaN, Double.NaN,
                    fidUntrained, new int[0], (System.nanoTime() - t0) / 1e9, Double.NaN, Double.NaN, cpuSeconds(), Double.NaN);
        }
        double floor = FrechetDistance.between(trainReal.stats(), realStats);
        Tensor fakeRaw = generate(trainer, false, new Generator(seed + 2), samples);
        Tensor fakeEma = ema > 0 ? generate(trainer, true, new Generator(seed + 2), samples) : null;
        Scored raw = score("raw G", classifier, fakeRaw, realStats, classes);
        Scored main = fakeEma == null ? raw : score("averaged G (EMA " + ema + ")", classifier, fakeEma, realStats, classes);
        if (out != null) {
            interpolation(trainer, fakeEma != null, new Generator(seed + 3), out.resolve("interpolation.png"));
            if (fakeEma != null) ImageGrid.write(trainer.generate(trainer.fixedNoise().narrow(0, 0, shown), true), cols, 1,
                    "averaged G (EMA " + ema + "): " + what, out.resolve("samples-ema.png"));
        }
        if (verbose) System.out.printf(Locale.ROOT, "Frechet distance of the untrained G %.2f, of 10,000 training images"
                + " %.2f%n", fidUntrained, floor);
        double cpu = cpuSeconds();
        if (compare) {
            java.util.Map<String, Tensor> images = new java.util.LinkedHashMap<>();
            images.put("raw G", fakeRaw);
            if (fakeEma != null) images.put("averaged G", fakeEma);
            compareOld(train, test, images, classes);
        }
        return new Result(history, null, acc, main.is(), real.inceptionScore(), main.fid(), floor, fidUntrained,
                main.histogram(), (System.nanoTime() - t0) / 1e9, raw.is(), raw.fid(), cpu, main.agreement());
    }

    /** {@code agreement}: the fraction of samples the classifier assigns to the class they were made for (NaN: unconditional). */
    record Scored(double is, double fid, int[] histogram, double agreement) {}

    /** Scores images; with {@code classes} > 0, image i was made for class i mod classes (see {@link #balanced}). */
    private Scored score(String what, Sequential classifier, Tensor fake, FrechetDistance.Stats realStats, int classes) {
        FashionScorer.Outputs gen = FashionScorer.outputs(classifier, fake);
        int[] hist = histogram(gen.logProbs()), predicted = gen.logProbs().argmax(1).toIntArray();
        double fid = FrechetDistance.between(gen.stats(), realStats), agree = Double.NaN;
        if (classes > 0) {
            int k = 0;
            for (int i = 0; i < predicted.length; i++) if (predicted[i] == i % classes) k++;
            agree = k / (double) predicted.length;
        }
        if (verbose) System.out.printf(Locale.ROOT, "%s: Inception score of %d samples %s; %s; predicted classes %s;"
                + " Frechet distance to the test images %.2f%s%n", what, fake.size(0), FashionScorer.describeIs(gen.logProbs()),
                FashionScorer.describeConfidence(gen.logProbs()), Arrays.toString(hist), fid, classes == 0 ? ""
                : String.format(Locale.ROOT, "; classified as the class they were made for: %.1f %%", 100 * agree));
        return new Scored(InceptionScore.of(gen.logProbs()), fid, hist, agree);
    }

    /** The same images under the old scorer ({@link FashionScorer.Recipe#OLD}), trained after the run proper. */
    private void compareOld(TensorDataset train, TensorDataset test, java.util.Map<String, Tensor> images, int classes) {
        double c0 = cpuSeconds();
        Sequential old = FashionScorer.train(train, FashionScorer.Recipe.OLD, seed + 100, null);
        FashionScorer.Outputs real = FashionScorer.outputs(old, test.inputs());
        System.out.printf(Locale.ROOT, "comparison, the old classifier (%s): test accuracy %.4f; Inception score of the"
                + " test images %s; %s%n", FashionScorer.Recipe.OLD, FashionScorer.accuracy(old, test),
                FashionScorer.describeIs(real.logProbs()), FashionScorer.describeConfidence(real.logProbs()));
        for (var e : images.entrySet()) score("comparison, old classifier, " + e.getKey(), old, e.getValue(), real.stats(), classes);
        System.out.printf(Locale.ROOT, "comparison: %.1f s of process CPU (not part of the run proper)%n", cpuSeconds() - c0);
    }

    /** Images made elsewhere (the PyTorch peer, tools/dcgan_torch.py): raw little-endian float32 [N, 784] in [0, 1]. */
    private static Tensor readScoreFile(Path scoreFile) throws java.io.IOException {
        java.nio.FloatBuffer fb = java.nio.ByteBuffer.wrap(Files.readAllBytes(scoreFile)).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer();
        if (fb.remaining() == 0 || fb.remaining() % 784 != 0) throw new IllegalArgumentException("Dcgan --score-file "
                + scoreFile + ": " + fb.remaining() + " floats, not a positive multiple of 784 (raw float32 [N, 784])");
        float[] v = new float[fb.remaining()];
        fb.get(v);
        return Tensor.of(v, v.length / 784, 1, 28, 28);
    }

    static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    private static Optimizer adam(double rate) {
        return new Optimizer("adam", Config.of("learningRate", rate, "beta1", 0.5, "beta2", 0.999));
    }

    /** The first n (all when 0) images as [n, 1, 28, 28]. */
    static TensorDataset images(TensorDataset ds, int n) {
        int k = n > 0 && n < ds.size() ? n : ds.size();
        return new TensorDataset(ds.inputs().narrow(0, 0, k).contiguous().view(k, 1, 28, 28), ds.targets().narrow(0, 0, k).contiguous());
    }

    /** n samples of G or the averaged G (evaluation mode), in batches of 500. */
    static Tensor generate(GanTrainer t, boolean averaged, Generator rng, int n) {
        Tensor all = Tensor.zeros(n, 1, 28, 28), y = balanced(t, n);
        for (int i = 0; i < n; i += 500) {
            int b = Math.min(500, n - i);
            all.narrow(0, i, b).copy(t.generate(t.input(t.noise(rng, b), y == null ? null : y.narrow(0, i, b)), averaged));
        }
        return all;
    }

    /** Labels 0, 1, ..., C−1, 0, 1, ... [n] for a conditional trainer (each class n/C times), else null. */
    static Tensor balanced(GanTrainer t, int n) { return t.classes() == 0 ? null : t.cyclicLabels(n); }

    static int[] histogram(Tensor logProbs) {
        int[] h = new int[logProbs.size(1)];
        for (int c : logProbs.argmax(1).toIntArray()) h[c]++;
        return h;
    }

    /** 8 rows, each G((1 − t) z₀ + t z₁) for t = 0, 1/9, ..., 1. */
    void interpolation(GanTrainer t, boolean averaged, Generator rng, Path file) {
        int rows = 8, steps = 10;
        Tensor ends = t.noise(rng, 2 * rows), z = Tensor.zeros(rows * steps, nz);
        for (int r = 0; r < rows; r++) for (int s = 0; s < steps; s++) {
            double a = s / (steps - 1.0);
            z.select(0, r * steps + s).copy(ends.select(0, 2 * r).mul(1 - a).add(a, ends.select(0, 2 * r + 1)));
        }
        Tensor y = null;
        if (t.classes() > 0) { // one class per row
            int[] v = new int[rows * steps];
            for (int i = 0; i < v.length; i++) v[i] = (i / steps) % t.classes();
            y = Tensor.of(v, v.length);
        }
        ImageGrid.write(t.generate(t.input(z, y), averaged), steps, 2, "DCGAN latent interpolation: G((1 - t) z0 + t z1), t = 0 .. 1 in 10 steps", file);
    }
}
