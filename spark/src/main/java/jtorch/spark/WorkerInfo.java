package jtorch.spark;

import java.io.Serializable;

/**
 * Where one rank of a {@link SparkTrainer} fit ran: the Spark executor id, host and process id, the barrier stage
 * attempt (0 unless Spark restarted the stage), the epoch it resumed after (0: none), the examples it trained on,
 * and the seconds it spent reading its partition into memory and training (in this attempt).
 */
public record WorkerInfo(int rank, String executorId, String host, long pid, int stageAttempt, int resumedAfterEpoch,
                         int examples, double readSeconds, double trainSeconds) implements Serializable {}
