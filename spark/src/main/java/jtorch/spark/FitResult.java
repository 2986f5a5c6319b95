package jtorch.spark;

import java.util.List;
import jtorch.nn.Module;
import jtorch.train.History;

/**
 * What {@link SparkTrainer#fit} returns: the trained network (rank 0's replica; all replicas are bit-identical),
 * rank 0's training history (per-epoch loss and accuracy on its shard, including the epochs restored from a
 * checkpoint) and where each rank ran.
 */
public record FitResult(Module model, History history, List<WorkerInfo> workers) {}
