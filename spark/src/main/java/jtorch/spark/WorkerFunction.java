package jtorch.spark;

import java.io.Serializable;

/**
 * The code each barrier task runs (see {@link SparkDistributor#run}): given its {@link WorkerContext} (rank, size,
 * the connected collective and its data partition) it returns a result for the driver (serializable, may be null).
 * It is serialized with the job and runs on the executors: capture only serializable values, not the driver's
 * {@code SparkContext}.
 *
 * @param <T> the element type of the data partition
 * @param <R> the result type
 */
@FunctionalInterface
public interface WorkerFunction<T, R> extends Serializable {
    R apply(WorkerContext<T> context) throws Exception;
}
