package jtorch.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.data.DataLoader;
import jtorch.distributed.Collective;
import jtorch.distributed.DataParallel;
import jtorch.nn.Module;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.tensor.Tensor;
import jtorch.train.Callback;
import jtorch.train.History;
import jtorch.train.LrSchedule;
import jtorch.train.Trainer;
import org.apache.spark.SparkEnv;

/** What every barrier task of a {@link SparkTrainer} fit runs (see the class comment there). */
final class TrainTask implements WorkerFunction<Sample, TrainTask.Output> {
    private static final long serialVersionUID = 1L;

    /** A rank's answer: where it ran, and on rank 0 the trained model file and the history. */
    record Output(WorkerInfo worker, byte[] model, ArrayList<Map<String, Double>> history) implements Serializable {}

    private final byte[] model;
    private final SerializableSupplier<jtorch.nn.Criterion> criterion;
    private final String optimizer;
    private final LinkedHashMap<String, Double> optimizerConfig;
    private final int batchSize, epochs;
    private final long seed;
    private final SerializableSupplier<LrSchedule> schedule;
    private final String checkpointDir;
    private final int[] inputShape;
    private final ArrayList<SerializableSupplier<Callback>> callbacks;

    TrainTask(byte[] model, SerializableSupplier<jtorch.nn.Criterion> criterion, String optimizer,
              LinkedHashMap<String, Double> optimizerConfig, int batchSize, int epochs, long seed,
              SerializableSupplier<LrSchedule> schedule, String checkpointDir, int[] inputShape,
              List<SerializableSupplier<Callback>> callbacks) {
        this.model = model;
        this.criterion = criterion;
        this.optimizer = optimizer;
        this.optimizerConfig = optimizerConfig;
        this.batchSize = batchSize;
        this.epochs = epochs;
        this.seed = seed;
        this.schedule = schedule;
        this.checkpointDir = checkpointDir;
        this.inputShape = inputShape;
        this.callbacks = new ArrayList<>(callbacks);
    }

    @Override public Output apply(WorkerContext<Sample> ctx) {
        Collective c = ctx.collective();
        int rank = ctx.rank();
        long t0 = System.nanoTime();
        PartitionData data = PartitionData.read(ctx.data(), rank);
        long t1 = System.nanoTime();
        int n = data.agreeOnCount(c);
        Module net = ModelBytes.load(model);
        Config config = new Config();
        optimizerConfig.forEach(config::set);
        DataParallel dp = new DataParallel(c);
        dp.synchronize(net);
        Trainer.Builder b = Trainer.builder(net, criterion.get(), new Optimizer(optimizer, config)).epochs(epochs)
                .seed(seed).gradientHook(dp)
                .train(new DataLoader(data.dataset(n, inputShape), batchSize, true, seed + rank, false));
        if (schedule != null) b.schedule(schedule.get());
        for (SerializableSupplier<Callback> cb : callbacks) b.callback(cb.get());
        Path dir = checkpointDir == null ? null : Path.of(checkpointDir);
        if (dir != null && rank == 0) b.checkpointDir(dir);
        Trainer trainer = b.build();
        int resume = resumeEpoch(c, dir);
        History h = resume > 0 ? trainer.resume(Trainer.checkpointPath(dir, resume)) : trainer.fit();
        WorkerInfo w = new WorkerInfo(rank, ctx.executorId(), SparkEnv.get().blockManager().blockManagerId().host(),
                ProcessHandle.current().pid(), ctx.stageAttempt(), resume, n, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        return rank == 0 ? new Output(w, ModelBytes.of(net), new ArrayList<>(h.toMaps())) : new Output(w, null, null);
    }

    /** The newest epoch with a checkpoint in {@code dir}, as rank 0 sees it (broadcast, so all ranks load the same). */
    private int resumeEpoch(Collective c, Path dir) {
        if (dir == null) return 0;
        Tensor e = Tensor.zeros(1);
        if (c.rank() == 0) {
            for (int k = epochs; k >= 1; k--) {
                if (Files.isRegularFile(Trainer.checkpointPath(dir, k))) {
                    e.set(k, 0);
                    break;
                }
            }
        }
        c.broadcast(e, 0);
        return (int) e.get(0);
    }
}
