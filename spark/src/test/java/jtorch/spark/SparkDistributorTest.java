package jtorch.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import jtorch.distributed.TcpOptions;
import org.apache.spark.SparkException;
import jtorch.distributed.Collective;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The launcher on two executor JVMs of {@code local-cluster[2,1,1024]}: a sum all-reduce and a broadcast over the ring. */
class SparkDistributorTest {
    /** What each task reports: its rank, executor, process, the all-reduced and broadcast values. */
    record Report(int rank, int size, String executor, long pid, float[] sum, float broadcast) implements java.io.Serializable {}

    @Test
    void allReduceSumsAcrossTwoExecutorProcesses() {
        List<Report> rs = new SparkDistributor(TestCluster.get(), 2).run(ctx -> {
            int n = 100_000; // two ring segments, each sent in chunks
            Tensor x = Tensor.zeros(n);
            for (int i = 0; i < n; i++) x.set((ctx.rank() + 1) * 1000 + i % 7, i);
            ctx.collective().allReduce(x, Collective.Op.SUM);
            Tensor b = Tensor.full(DType.F32, ctx.rank() == 1 ? 42 : -1, 3);
            ctx.collective().broadcast(b, 1);
            float[] sum = {(float) x.get(0), (float) x.get(1), (float) x.get(n - 1)};
            return new Report(ctx.rank(), ctx.size(), ctx.executorId(), ProcessHandle.current().pid(), sum, (float) b.get(2));
        });
        assertEquals(2, rs.size());
        long driver = ProcessHandle.current().pid();
        for (int r = 0; r < 2; r++) {
            Report p = rs.get(r);
            assertEquals(r, p.rank());
            assertEquals(2, p.size());
            assertEquals(3000f, p.sum()[0]);  // (1000 + 0) + (2000 + 0)
            assertEquals(3002f, p.sum()[1]);
            assertEquals(3000f + 2 * ((100_000 - 1) % 7), p.sum()[2]);
            assertEquals(42f, p.broadcast());
            assertNotEquals(driver, p.pid(), "rank " + r + " ran in the driver JVM");
        }
        assertNotEquals(rs.get(0).pid(), rs.get(1).pid(), "both ranks in one executor JVM: " + rs);
        assertNotEquals(rs.get(0).executor(), rs.get(1).executor());
    }

    @Test
    void aFailingTaskFailsTheJobNamingItsRankWithoutHangingTheOthers() {
        long t0 = System.nanoTime();
        SparkException e = assertThrows(SparkException.class, () -> new SparkDistributor(TestCluster.get(), 2)
                .timeouts(new TcpOptions(Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(60)))
                .run(ctx -> {
                    if (ctx.rank() == 1) throw new IllegalStateException("rank 1 gives up");
                    ctx.collective().barrier(); // rank 0 waits here until rank 1's ring connection closes
                    return 0;
                }));
        double seconds = (System.nanoTime() - t0) / 1e9;
        String m = e.getMessage();
        assertTrue(m.contains("SparkDistributor: rank ") && m.contains("stage attempt"), m);
        assertTrue(m.contains("rank 1 gives up") || m.contains("closed the connection"), m);
        // every attempt (Spark makes 4) ends when rank 1 closes its sockets, not after the 60 s I/O timeout
        assertTrue(seconds < 60, "took " + seconds + " s");
    }
}
