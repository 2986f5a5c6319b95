package jtorch.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import jtorch.io.Checkpoint;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.train.Callback;
import jtorch.train.TrainContext;
import jtorch.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker crashes mid-epoch, the job restarts from the last checkpoints and ends with the bits of an uninterrupted
 * run: sync data parallel over the TCP ring (rank 0's checkpoint restarts every rank), sync EASGD over the ring
 * (each rank's checkpoint plus rank 0's centre), and Downpour over a TCP parameter server (the server's checkpoint
 * plus the worker's). About 3 s.
 */
class DistributedResumeTest {
    static final int EPOCHS = 5, CRASH_EPOCH = 3;
    @TempDir Path dir;

    /** Throws in the given epoch's second batch, as a killed process would stop. */
    record Crash(int epoch) implements Callback {
        @Override public void onBatchEnd(TrainContext c, int batch, double loss) {
            if (c.epoch() == epoch && batch == 2) throw new IllegalStateException("simulated crash");
        }
    }

    static Module freshDraw() { // a replica that starts from its own weights (rank 0's are broadcast)
        return new Sequential().add(new Linear(10, 16)).add(new ReLU()).add(new Linear(16, 3)).add(new LogSoftMax());
    }

    /** 2 ranks of sync data parallel (adam: optimizer state matters) over a fresh TCP ring; rank 1 may crash. */
    List<float[]> dataParallel(Path ckpt, Integer crashAt, Path resumeFrom) throws Exception {
        List<Collective> g = Groups.tcp(2, TcpCollective.newSecret(), Groups.FAST);
        List<Module> ms = List.of(DataParallelTest.model(), freshDraw());
        return Groups.parallel(2, r -> {
            try (Collective c = g.get(r)) {
                DataParallel dp = new DataParallel(c);
                dp.synchronize(ms.get(r));
                Trainer.Builder b = Trainer.builder(ms.get(r), new ClassNLLCriterion(), DataParallelTest.optimizer("adam"))
                        .epochs(EPOCHS).gradientHook(dp).train(dp.loader(DataParallelTest.data(), 32, true, 9, false))
                        .checkpointDir(r == 0 ? ckpt : null);
                if (crashAt != null && r == 1) b.callback(new Crash(crashAt));
                Trainer t = b.build();
                if (resumeFrom == null) t.fit();
                else t.resume(resumeFrom);
                return ms.get(r).getParameters().weights().toFloatArray();
            }
        });
    }

    @Test
    void syncDataParallelResumesBitIdenticallyAfterACrash() throws Exception {
        List<float[]> full = dataParallel(dir.resolve("full"), null, null);
        ExecutionException e = assertThrows(ExecutionException.class, () -> dataParallel(dir.resolve("crash"), CRASH_EPOCH, null));
        assertTrue(e.getCause() instanceof CollectiveException && e.getCause().getMessage().contains("rank 1"),
                "rank 0 must fail naming the dead rank: " + e.getCause());
        Path last = Checkpoint.latest(dir.resolve("crash"));
        assertEquals(Trainer.checkpointPath(dir.resolve("crash"), CRASH_EPOCH - 1), last);
        List<float[]> resumed = dataParallel(dir.resolve("resumed"), null, last);
        for (int r = 0; r < 2; r++) assertArrayEquals(full.get(0), resumed.get(r), "rank " + r + " after the restart");
    }

    /** 2 ranks of sync EASGD over a fresh TCP ring (each its own checkpoints, rank 0 the centre's); rank 1 may crash. */
    List<float[]> easgd(Path d, Integer crashAt, Integer resumeEpoch) throws Exception {
        List<Collective> g = Groups.tcp(2, TcpCollective.newSecret(), Groups.FAST);
        List<Module> ms = TrainingModesTest.models(2);
        return Groups.parallel(2, r -> {
            try (Collective c = g.get(r)) {
                Easgd e = new Easgd(c, 0.45, 2).synchronize(ms.get(r)).saveTo(d);
                Trainer.Builder b = TrainingModesTest.trainer(ms.get(r), DataParallelTest.data(), r, 2, EPOCHS).callback(e)
                        .checkpointDir(d.resolve("rank" + r));
                if (crashAt != null && r == 1) b.callback(new Crash(crashAt));
                Trainer t = b.build();
                if (resumeEpoch == null) t.fit();
                else {
                    e.restoreCentre(d.resolve(String.format("centre-epoch-%04d.model", resumeEpoch)));
                    t.resume(Trainer.checkpointPath(d.resolve("rank" + r), resumeEpoch));
                }
                return e.centreModel().getParameters().weights().toFloatArray();
            }
        });
    }

    @Test
    void syncEasgdResumesBitIdenticallyAfterACrash() throws Exception {
        List<float[]> full = easgd(dir.resolve("full"), null, null);
        ExecutionException e = assertThrows(ExecutionException.class, () -> easgd(dir.resolve("crash"), CRASH_EPOCH, null));
        assertTrue(e.getCause() instanceof CollectiveException, "rank 0 must fail with the dead rank: " + e.getCause());
        List<float[]> resumed = easgd(dir.resolve("crash"), null, CRASH_EPOCH - 1);
        for (int r = 0; r < 2; r++) assertArrayEquals(full.get(0), resumed.get(r), "centre on rank " + r + " after the restart");
    }

    /** One Downpour worker over TCP; the server checkpoints once per epoch (B updates); returns x̃ at the end. */
    float[] downpour(Path d, Integer crashAt, boolean resume) {
        byte[] secret = TcpCollective.newSecret();
        int batches = (DataParallelTest.data().size() + 15) / 16;
        ParameterServer ps = new ParameterServer(DataParallelTest.model(), 0).checkpointEvery(batches, d.resolve("server"));
        if (resume) {
            ps.restore(Checkpoint.latest(d.resolve("server")));
            assertEquals((long) (CRASH_EPOCH - 1) * batches, ps.version(), "the server's last checkpoint");
        }
        try (ParameterServerHost host = ParameterServerHost.open(ps, "127.0.0.1", 0, secret, Groups.FAST)) {
            ParameterClient c = ParameterClient.connect(host.address(), secret, 0, Groups.FAST);
            Module m = DataParallelTest.model();
            Trainer.Builder b = TrainingModesTest.trainer(m, DataParallelTest.data(), 0, 1, EPOCHS)
                    .callback(AsyncWorker.downpour(c, m, 1)).checkpointDir(d.resolve("worker"));
            if (crashAt != null) b.callback(new Crash(crashAt));
            Trainer t = b.build();
            try {
                if (resume) t.resume(Checkpoint.latest(d.resolve("worker")));
                else t.fit();
                c.close();
                host.awaitWorkers(1, Duration.ofSeconds(30));
            } catch (IllegalStateException crash) {
                c.abort(); // the killed worker says no goodbye; the host reports it
                CollectiveException e = assertThrows(CollectiveException.class, () -> host.awaitWorkers(1, Duration.ofSeconds(30)));
                assertTrue(e.getMessage().contains("worker 0"), e.getMessage());
                return null;
            }
        }
        return ps.model().getParameters().weights().toFloatArray();
    }

    @Test
    void downpourOverTcpResumesBitIdenticallyFromTheServerAndWorkerCheckpoints() {
        float[] full = downpour(dir.resolve("full"), null, false);
        downpour(dir.resolve("crash"), CRASH_EPOCH, false);
        assertArrayEquals(full, downpour(dir.resolve("crash"), null, true));
    }
}
