package jtorch.spark;

import java.util.Iterator;
import jtorch.distributed.Collective;
import org.apache.spark.BarrierTaskContext;

/**
 * What one barrier task of {@link SparkDistributor#run} gets: its rank r = the partition index (0..size−1), the
 * group size, a connected {@link Collective} of all the stage's tasks (a {@link jtorch.distributed.TcpCollective}
 * ring; closed by the launcher when the function returns), its data partition (iterable once), and Spark's task
 * context (stage attempt, executor, task infos).
 */
public final class WorkerContext<T> {
    private final int rank, size;
    private final Collective collective;
    private final Iterator<T> data;
    private final BarrierTaskContext task;
    private final String executorId;

    WorkerContext(int rank, int size, Collective collective, Iterator<T> data, BarrierTaskContext task, String executorId) {
        this.rank = rank;
        this.size = size;
        this.collective = collective;
        this.data = data;
        this.task = task;
        this.executorId = executorId;
    }

    /** This task's rank: its partition index, 0..size−1. */
    public int rank() { return rank; }

    /** The number of tasks in the barrier stage (the workers). */
    public int size() { return size; }

    /** The collective of all the stage's tasks, connected and authenticated with the job's secret. */
    public Collective collective() { return collective; }

    /** This task's data partition (an iterator: consume it once). */
    public Iterator<T> data() { return data; }

    /** Spark's context of this task, e.g. {@code task().stageAttemptNumber()} (0 on the first attempt). */
    public BarrierTaskContext task() { return task; }

    /** The stage attempt: 0 first, then 1, 2, ... after Spark restarted the whole barrier stage. */
    public int stageAttempt() { return task.stageAttemptNumber(); }

    /** The Spark id of the executor running this task. */
    public String executorId() { return executorId; }
}
