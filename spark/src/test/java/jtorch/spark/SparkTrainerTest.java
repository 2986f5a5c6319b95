package jtorch.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
import jtorch.tensor.Generator;
import jtorch.train.Evaluator;
import jtorch.train.LrSchedules;
import jtorch.train.Trainer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The estimator on {@code local-cluster[2,1,1024]}: the Fashion-MNIST gate's MLP (784-256-128-10, standardised
 * inputs, sgd lr 0.05, momentum 0.9, weight decay 5e-4, cosine schedule) on all 60,000 training images, 2 workers
 * of one core each, batch 64 per worker (global 128), {@value #EPOCHS} epochs, evaluated on the 10,000 test images;
 * a shorter fit (first {@value #SHORT} images, {@value #SHORT_EPOCHS} epochs) from a DataFrame ({@code array<float>}
 * features, {@code double} labels); and the same short fit from the RDD with rank 1's executor JVM killed in epoch 2,
 * which Spark restarts and which resumes from rank 0's epoch-1 checkpoint: its weights equal the undisturbed
 * DataFrame fit's bit for bit, which checks the resume and the DataFrame path at once (one fit fewer on a slow box).
 * Skipped where Debian's {@code dataset-fashion-mnist} is not installed.
 */
class SparkTrainerTest {
    static final int EPOCHS = 4, SHORT = 4000, SHORT_EPOCHS = 2;
    private static TensorDataset test;
    private static FitResult shortReference;

    @BeforeAll
    static void data() {
        Assumptions.assumeTrue(FashionSamples.available(), "Fashion-MNIST not installed (apt install dataset-fashion-mnist)");
        Normalizer nz = FashionSamples.normalizer(FashionMnist.train(FashionMnist.DEFAULT_DIR));
        test = nz.apply(FashionMnist.test(FashionMnist.DEFAULT_DIR));
    }

    static Module mlp() {
        Generator.manualSeed(1);
        return new Sequential().add(new Linear(784, 256)).add(new ReLU()).add(new Linear(256, 128)).add(new ReLU())
                .add(new Linear(128, 10)).add(new LogSoftMax());
    }

    static SparkTrainer trainer(int epochs, Path checkpoints) {
        Optimizer sgd = new Optimizer("sgd", Config.of("learningRate", 0.05, "momentum", 0.9, "weightDecay", 5e-4));
        return new SparkTrainer(mlp(), ClassNLLCriterion::new, sgd).numWorkers(2).batchSize(64).epochs(epochs)
                .schedule(() -> LrSchedules.cosine(epochs, 0)).checkpointDir(checkpoints.toString());
    }

    static JavaRDD<Sample> samples(int limit) {
        return TestCluster.get().parallelize(List.of(0, 1), 2).flatMap(k -> FashionSamples.partition(k, 2, limit));
    }

    static FitResult timedFit(String what, SparkTrainer t, int limit) {
        long t0 = System.nanoTime();
        FitResult r = t.fit(samples(limit));
        System.out.printf(Locale.ROOT, "SparkTrainerTest: %s: %.1f s, test accuracy %.4f, workers %s%n", what,
                (System.nanoTime() - t0) / 1e9, accuracy(r.model()), r.workers());
        return r;
    }

    static double accuracy(Module m) {
        return Evaluator.evaluate(m, new ClassNLLCriterion(), new DataLoader(test, 1000, false, 0, false), 1).accuracy();
    }

    /** The short fit from a DataFrame, undisturbed (made once: the kill test compares with it). */
    static synchronized FitResult shortReference() throws Exception {
        if (shortReference == null) {
            TestCluster.get();
            SparkSession spark = SparkSession.builder().getOrCreate(); // on the running context
            StructType schema = new StructType().add("pixels", DataTypes.createArrayType(DataTypes.FloatType, false),
                    false).add("label", DataTypes.DoubleType, false);
            JavaRDD<Row> rows = samples(SHORT).map(s -> {
                Float[] f = new Float[s.features().length];
                for (int i = 0; i < f.length; i++) f[i] = s.features()[i];
                return RowFactory.create(f, (double) s.label());
            });
            Dataset<Row> df = spark.createDataFrame(rows, schema);
            long t0 = System.nanoTime();
            shortReference = trainer(SHORT_EPOCHS, Files.createTempDirectory("jtorch-spark-ckpt")).fit(df, "pixels", "label");
            System.out.printf(Locale.ROOT, "SparkTrainerTest: short fit on a DataFrame, undisturbed: %.1f s, test "
                    + "accuracy %.4f, workers %s%n", (System.nanoTime() - t0) / 1e9, accuracy(shortReference.model()),
                    shortReference.workers());
        }
        return shortReference;
    }

    @Test
    void fitOnTwoExecutorJvmsReachesTheGateAccuracy() throws Exception {
        FitResult r = timedFit("60,000 images, " + EPOCHS + " epochs", trainer(EPOCHS, Files.createTempDirectory("jtorch-spark-ckpt")), 60_000);
        double acc = accuracy(r.model());
        assertTrue(acc >= 0.88, "test accuracy " + acc);
        assertEquals(EPOCHS, r.history().size());
        List<WorkerInfo> w = r.workers();
        assertEquals(2, w.size());
        assertNotEquals(w.get(0).pid(), w.get(1).pid(), "both ranks in one JVM: " + w);
        assertNotEquals(w.get(0).executorId(), w.get(1).executorId());
        for (WorkerInfo i : w) {
            assertNotEquals(ProcessHandle.current().pid(), i.pid(), "a rank ran in the driver JVM: " + w);
            assertEquals(30_000, i.examples());
            assertEquals(0, i.resumedAfterEpoch());
        }
    }

    @Test
    void killedExecutorRestartsTheStageWhichResumesFromTheCheckpoint() throws Exception {
        FitResult reference = shortReference();
        Path dir = Files.createTempDirectory("jtorch-spark-ckpt");
        FitResult r = timedFit("short fit, rank 1's executor killed in epoch 2",
                trainer(SHORT_EPOCHS, dir).callback(() -> new HaltOnce(1, 2, 10)), SHORT);
        for (WorkerInfo i : r.workers()) {
            assertTrue(i.stageAttempt() >= 1, "the stage was not restarted: " + r.workers());
            assertEquals(1, i.resumedAfterEpoch(), "rank " + i.rank() + " did not resume after epoch 1: " + r.workers());
            assertEquals(SHORT / 2, i.examples());
        }
        assertTrue(Files.isRegularFile(Trainer.checkpointPath(dir, SHORT_EPOCHS)));
        assertEquals(SHORT_EPOCHS, r.history().size());
        // the same examples in the same partitions and order, and a bit-exact resume: the undisturbed (DataFrame)
        // fit's weights, bit for bit
        assertArrayEquals(reference.model().getParameters().weights().toFloatArray(),
                r.model().getParameters().weights().toFloatArray());
        assertEquals(accuracy(reference.model()), accuracy(r.model()));
    }

    @Test
    void dataFrameFitTrainsOnTheRowsPartitions() throws Exception {
        FitResult r = shortReference();
        assertEquals(SHORT_EPOCHS, r.history().size());
        for (WorkerInfo i : r.workers()) assertEquals(SHORT / 2, i.examples(), "rank " + i.rank());
        double acc = accuracy(r.model());
        assertTrue(acc > 0.7, "test accuracy " + acc + " after " + SHORT_EPOCHS + " epochs on " + SHORT + " images");
    }
}
