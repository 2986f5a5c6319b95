package jtorch.spark.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import jtorch.data.DataLoader;
import jtorch.data.FashionMnist;
import jtorch.data.Normalizer;
import jtorch.data.TensorDataset;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.spark.FitResult;
import jtorch.spark.Sample;
import jtorch.spark.SparkTrainer;
import jtorch.tensor.Generator;
import jtorch.train.Evaluator;
import jtorch.train.LrSchedules;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A Spark job: the Fashion-MNIST gate's MLP (784-256-128-10, standardised inputs, sgd lr 0.05, momentum 0.9,
 * weight decay 5e-4, cosine schedule, batch 64 per worker) trained by {@link SparkTrainer}; each executor reads its
 * share of the training images from the data directory (every node needs it at the same path), the driver evaluates
 * the result on the test images. Usage (see the README):
 * {@code spark-submit --class jtorch.spark.examples.FashionMnistJob --jars jtorch-core.jar jtorch-spark.jar
 * [--workers 2] [--epochs 4] [--data /usr/share/datasets/fashion-mnist] [--checkpoints dir]}.
 */
public final class FashionMnistJob {
    private FashionMnistJob() {}

    public static void main(String[] args) {
        int workers = Integer.parseInt(option(args, "--workers", "2")), epochs = Integer.parseInt(option(args, "--epochs", "4"));
        String data = option(args, "--data", FashionMnist.DEFAULT_DIR.toString()), ckpt = option(args, "--checkpoints", null);
        JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("jtorch Fashion-MNIST MLP"));
        try {
            Normalizer nz = Normalizer.fit(FashionMnist.train(Path.of(data)).inputs());
            float[] mean = nz.mean().toFloatArray(), std = nz.std().toFloatArray();
            List<Integer> parts = IntStream.range(0, workers).boxed().toList();
            JavaRDD<Sample> samples = sc.parallelize(parts, workers).flatMap(k -> shard(data, k, workers, mean, std));
            Generator.manualSeed(1);
            Module mlp = new Sequential().add(new Linear(784, 256)).add(new ReLU()).add(new Linear(256, 128))
                    .add(new ReLU()).add(new Linear(128, 10)).add(new LogSoftMax());
            Optimizer sgd = new Optimizer("sgd", Config.of("learningRate", 0.05, "momentum", 0.9, "weightDecay", 5e-4));
            long t0 = System.nanoTime();
            FitResult r = new SparkTrainer(mlp, ClassNLLCriterion::new, sgd).numWorkers(workers).batchSize(64)
                    .epochs(epochs).schedule(() -> LrSchedules.cosine(epochs, 0)).checkpointDir(ckpt).fit(samples);
            double seconds = (System.nanoTime() - t0) / 1e9;
            TensorDataset test = nz.apply(FashionMnist.test(Path.of(data)));
            double acc = Evaluator.evaluate(r.model(), new ClassNLLCriterion(), new DataLoader(test, 1000, false, 0, false), 1)
                    .accuracy();
            System.out.printf(Locale.ROOT, "FashionMnistJob: %d workers, %d epochs, %.1f s, test accuracy %.4f%n",
                    workers, epochs, seconds, acc);
            r.workers().forEach(w -> System.out.println("  " + w));
        } finally {
            sc.stop();
        }
    }

    /** Training examples i ≡ k (mod p), standardised, read on the executor. */
    static Iterator<Sample> shard(String dir, int k, int p, float[] mean, float[] std) {
        TensorDataset train = FashionMnist.train(Path.of(dir));
        float[] x = train.inputs().toFloatArray();
        int[] y = train.targets().toIntArray();
        int d = mean.length;
        List<Sample> out = new ArrayList<>();
        for (int i = k; i < y.length; i += p) {
            float[] f = new float[d];
            for (int j = 0; j < d; j++) f[j] = (x[i * d + j] - mean[j]) / std[j];
            out.add(new Sample(f, y[i]));
        }
        return out.iterator();
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return fallback;
    }
}
