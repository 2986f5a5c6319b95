package jtorch.spark;

import org.apache.spark.TaskContext;
import jtorch.train.Callback;
import jtorch.train.TrainContext;

/**
 * Fault injection: on the first attempt of the barrier stage, the task of {@code rank} kills its executor JVM
 * ({@link Runtime#halt}, no shutdown hooks: as a crash or a kill -9 would) after batch {@code batch} of epoch
 * {@code epoch}. Later attempts run through.
 */
record HaltOnce(int rank, int epoch, int batch) implements Callback, java.io.Serializable {
    @Override public void onBatchEnd(TrainContext c, int b, double loss) {
        TaskContext t = TaskContext.get();
        if (t.stageAttemptNumber() == 0 && t.partitionId() == rank && c.epoch() == epoch && b == batch) {
            System.err.println("HaltOnce: halting executor JVM " + ProcessHandle.current().pid() + " (rank " + rank
                    + ", epoch " + epoch + ", batch " + batch + ")");
            Runtime.getRuntime().halt(137);
        }
    }
}
