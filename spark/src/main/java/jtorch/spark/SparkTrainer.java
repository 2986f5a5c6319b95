package jtorch.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.distributed.TcpOptions;
import jtorch.nn.Criterion;
import jtorch.nn.Module;
import jtorch.optim.Optimizer;
import jtorch.train.Callback;
import jtorch.train.History;
import jtorch.train.LrSchedule;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A Spark estimator for jtorch networks: synchronous data-parallel training
 * ({@link jtorch.distributed.DataParallel}) of a network on a {@code JavaRDD<Sample>} in one barrier stage of
 * {@link #numWorkers} tasks ({@link SparkDistributor}), returning the trained network to the driver.
 * <pre>
 *   FitResult r = new SparkTrainer(mlp, ClassNLLCriterion::new, new Optimizer("sgd", Config.of("learningRate", 0.05)))
 *           .numWorkers(8).batchSize(64).epochs(10).schedule(() -&gt; LrSchedules.cosine(10, 0))
 *           .checkpointDir("/shared/ckpt/run-17").fit(samples);
 *   Module trained = r.model();
 * </pre>
 * <b>What each task does.</b> Task r (rank r of p) reads its partition into memory (features [n_r, d], or
 * [n_r, inputShape...], labels I32 [n_r]); the ranks agree on n = min_r n_r (one all-reduce; the partitions of
 * {@code repartition(p)} differ by at most one, and each rank drops the rest) and train an ordinary
 * {@link jtorch.train.Trainer} on their own n examples, shuffled each epoch with seed {@code seed + r}, batch
 * {@link #batchSize} per rank (so the global batch is p · batchSize). After each backward the gradients are
 * averaged over the ring, g ← (1/p) Σ_r g_r, so every replica takes the same step and they stay bit-identical
 * (rank 0's weights are broadcast first). The driver gets rank 0's replica.
 * <p><b>Checkpoints and failure.</b> With {@link #checkpointDir} (a directory every executor sees at the same path:
 * a shared file system), rank 0 writes {@code epoch-NNNN.ckpt} atomically after every epoch: weights, optimizer
 * state, the epoch and the history (the data position is the epoch: each rank's shuffle is a function of its seed
 * and the epoch). When an executor dies or a task fails, Spark restarts the whole barrier stage; the new tasks (and
 * a new fit with the same directory) resume after the newest checkpoint, so the result is the one an undisturbed fit
 * gives (bit-identical when the partitions hold the same examples in the same order again). Without a directory a
 * restarted stage starts from the initial weights. The directory belongs to one fit: a later fit with another
 * network fails on the architecture check, one with the same network continues it.
 * <p>The configuration is serialized with the job: the initial network as its model file bytes, the criterion,
 * schedule and callbacks as {@link SerializableSupplier}s called once per task.
 */
public final class SparkTrainer {
    private final byte[] model;
    private final SerializableSupplier<Criterion> criterion;
    private final String optimizer;
    private final LinkedHashMap<String, Double> optimizerConfig;
    private int numWorkers, batchSize = 64, epochs = 1;
    private long seed = 1;
    private SerializableSupplier<LrSchedule> schedule;
    private String checkpointDir;
    private int[] inputShape;
    private final List<SerializableSupplier<Callback>> callbacks = new ArrayList<>();
    private TcpOptions timeouts = TcpOptions.DEFAULTS;

    /** @param model the initial network (copied now, as its model file), @param optimizer its name and config */
    public SparkTrainer(Module model, SerializableSupplier<Criterion> criterion, Optimizer optimizer) {
        this.model = ModelBytes.of(model);
        this.criterion = criterion;
        this.optimizer = optimizer.name();
        this.optimizerConfig = new LinkedHashMap<>(optimizer.config().values());
    }

    /** The number of tasks (workers); default: the data's number of partitions. */
    public SparkTrainer numWorkers(int p) { numWorkers = positive("numWorkers", p); return this; }

    /** Examples per batch on each worker (the global batch is numWorkers times this); default 64. */
    public SparkTrainer batchSize(int b) { batchSize = positive("batchSize", b); return this; }

    /** Passes over each worker's data; default 1. */
    public SparkTrainer epochs(int e) { epochs = positive("epochs", e); return this; }

    /** The shuffle seed (rank r uses seed + r) and the seed of the global generator; default 1. */
    public SparkTrainer seed(long s) { seed = s; return this; }

    /** A learning-rate schedule, built on every worker. */
    public SparkTrainer schedule(SerializableSupplier<LrSchedule> s) { schedule = s; return this; }

    /** Where rank 0 checkpoints after each epoch and every (re)started task resumes from; shared by all executors. */
    public SparkTrainer checkpointDir(String dir) { checkpointDir = dir; return this; }

    /** The shape of one example's features, e.g. {1, 28, 28} for a convolutional net; default {d}, flat. */
    public SparkTrainer inputShape(int... shape) { inputShape = shape.clone(); return this; }

    /** A callback for every worker's Trainer (rank from {@code org.apache.spark.TaskContext.getPartitionId()}). */
    public SparkTrainer callback(SerializableSupplier<Callback> c) { callbacks.add(c); return this; }

    /** The ring's time limits (default {@link TcpOptions#DEFAULTS}). */
    public SparkTrainer timeouts(TcpOptions t) { timeouts = t; return this; }

    /** Trains on {@code data} (repartitioned to {@link #numWorkers} partitions when it has another number). */
    public FitResult fit(JavaRDD<Sample> data) {
        int p = numWorkers > 0 ? numWorkers : data.getNumPartitions();
        TrainTask task = new TrainTask(model, criterion, optimizer, optimizerConfig, batchSize, epochs, seed, schedule,
                checkpointDir, inputShape, List.copyOf(callbacks));
        List<TrainTask.Output> outs = new SparkDistributor(JavaSparkContext.fromSparkContext(data.context()), p)
                .timeouts(timeouts).run(data, task);
        TrainTask.Output zero = outs.get(0);
        List<WorkerInfo> workers = outs.stream().map(TrainTask.Output::worker).toList();
        List<Map<String, Double>> history = zero.history();
        return new FitResult(ModelBytes.load(zero.model()), History.fromMaps(history), workers);
    }

    /**
     * Trains on the rows of a DataFrame: {@code featuresCol} an array of numbers or a Spark ML vector,
     * {@code labelCol} the class index (a whole number of any numeric type); the rows' partitions are the workers'
     * data as in {@link #fit(JavaRDD)}. Needs the classic API ({@code Dataset.javaRDD()}: not on Spark Connect).
     */
    public FitResult fit(Dataset<Row> data, String featuresCol, String labelCol) {
        return fit(data.select(featuresCol, labelCol).javaRDD().map(new RowSamples(featuresCol, labelCol)));
    }

    private static int positive(String what, int v) {
        if (v < 1) throw new IllegalArgumentException("SparkTrainer." + what + " must be >= 1, got " + v);
        return v;
    }

    @Override public String toString() {
        return "SparkTrainer(" + optimizer + " " + optimizerConfig + ", batch " + batchSize + " per worker, " + epochs
                + " epochs, input " + (inputShape == null ? "flat" : Arrays.toString(inputShape)) + ")";
    }
}
