package jtorch.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import jtorch.distributed.TcpCollective;
import jtorch.distributed.TcpOptions;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Runs a function on {@code numWorkers} Spark tasks that are gang-scheduled in one barrier stage and connected by a
 * jtorch {@link TcpCollective} ring (the JVM counterpart of PySpark's {@code TorchDistributor}):
 * <pre>
 *   List&lt;Double&gt; sums = new SparkDistributor(sc, 2).run(ctx -&gt; {
 *       Tensor x = Tensor.full(DType.F32, ctx.rank() + 1, 4);
 *       ctx.collective().allReduce(x, Collective.Op.SUM);      // 1 + 2 = 3 in every entry, on both tasks
 *       return x.get(0);
 *   });
 * </pre>
 * Each task (rank r = its partition index) opens a {@link jtorch.distributed.TcpListener} on its executor's address
 * (Spark's {@code blockManagerId().host()}, or {@link #bindHost}) on a free port, sends {@code host:port} to the
 * others once through {@code BarrierTaskContext.allGather} (a driver round trip, about 1 s), joins the ring and runs
 * the function; the gradients then travel executor to executor, never through the driver. The results come back to
 * the driver in rank order.
 * <p><b>The job's secret.</b> {@link #run} draws a fresh 32-byte secret on the driver
 * ({@link TcpCollective#newSecret()}); it travels inside the serialized task to the executors, and every ring
 * connection must prove it (HMAC handshake), so a stranger on the network cannot join or feed data. The task
 * travels over Spark's own channels: on a shared network turn on Spark's authentication and encryption
 * ({@code spark.authenticate=true}, {@code spark.network.crypto.enabled=true}), else the secret is visible to whoever
 * can read that traffic. The ring's data are authenticated only at connection time and are not encrypted.
 * <p><b>Failure.</b> A task that throws, or an executor that dies, fails the barrier stage: the ring breaks (its
 * neighbours fail at once with a {@link jtorch.distributed.CollectiveException}) and Spark restarts every task of
 * the stage (up to {@code spark.stage.maxConsecutiveAttempts}, default 4; Spark retries only barrier stages that
 * feed a shuffle, so the results travel to the driver through a one-partition shuffle); the function sees
 * {@link WorkerContext#stageAttempt()} &gt; 0 and should resume from its own checkpoint ({@link SparkTrainer} does).
 * <p><b>Requirements.</b> Barrier mode needs {@code numWorkers} free task slots at once (static allocation; no
 * dynamic allocation), the classic RDD API (not Spark Connect), and executors that can reach each other's ports.
 */
public final class SparkDistributor {
    private final JavaSparkContext sc;
    private final int numWorkers;
    private TcpOptions timeouts = TcpOptions.DEFAULTS;
    private String bindHost;

    public SparkDistributor(JavaSparkContext sc, int numWorkers) {
        if (numWorkers < 1) throw new IllegalArgumentException("SparkDistributor: numWorkers must be >= 1, got " + numWorkers);
        this.sc = sc;
        this.numWorkers = numWorkers;
    }

    /** The ring's time limits (setup, handshake, io; default {@link TcpOptions#DEFAULTS}). */
    public SparkDistributor timeouts(TcpOptions t) { timeouts = t; return this; }

    /** The address every task listens on instead of its executor's (e.g. {@code 0.0.0.0} behind NAT; rarely needed). */
    public SparkDistributor bindHost(String host) { bindHost = host; return this; }

    public int numWorkers() { return numWorkers; }

    public JavaSparkContext sparkContext() { return sc; }

    /** Runs {@code fn} on {@code numWorkers} tasks without data (each partition holds its rank); results by rank. */
    public <R> List<R> run(WorkerFunction<Integer, R> fn) {
        List<Integer> ranks = IntStream.range(0, numWorkers).boxed().toList();
        return run(sc.parallelize(ranks, numWorkers), fn);
    }

    /**
     * Runs {@code fn} on {@code numWorkers} tasks, task r reading partition r of {@code data} (repartitioned to
     * {@code numWorkers} partitions when it has another number, which shuffles it); results by rank.
     */
    @SuppressWarnings("unchecked")
    public <T, R> List<R> run(JavaRDD<T> data, WorkerFunction<T, R> fn) {
        JavaRDD<T> d = data.getNumPartitions() == numWorkers ? data : data.repartition(numWorkers);
        BarrierTask<T, R> task = new BarrierTask<>(fn, TcpCollective.newSecret(), bindHost, timeouts);
        ClassTag<RankResult> tag = ClassTag$.MODULE$.apply(RankResult.class);
        // the barrier stage must be a shuffle map stage: Spark retries a failed barrier ShuffleMapStage (all its
        // tasks), but aborts the job when a barrier ResultStage fails; so the results go through a one-partition shuffle
        List<RankResult> out = new ArrayList<>(d.rdd().barrier().mapPartitions(task, false, tag).toJavaRDD()
                .repartition(1).collect());
        Object[] byRank = new Object[numWorkers];
        for (RankResult r : out) byRank[r.rank()] = r.value();
        return (List<R>) new ArrayList<>(Arrays.asList(byRank));
    }
}
