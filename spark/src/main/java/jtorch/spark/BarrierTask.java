package jtorch.spark;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import jtorch.distributed.TcpCollective;
import jtorch.distributed.TcpListener;
import jtorch.distributed.TcpOptions;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkEnv;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * The function of the barrier stage (Scala's {@code Iterator => Iterator}): listen on the executor's address,
 * exchange {@code host:port} once through {@link BarrierTaskContext#allGather}, join the ring with the job's secret,
 * run the user's {@link WorkerFunction}, close the collective.
 */
final class BarrierTask<T, R> extends AbstractFunction1<scala.collection.Iterator<T>, scala.collection.Iterator<RankResult>>
        implements Serializable {
    private static final long serialVersionUID = 1L;
    private final WorkerFunction<T, R> fn;
    private final byte[] secret;
    private final String bindHost;
    private final long setupMs, handshakeMs, ioMs;

    BarrierTask(WorkerFunction<T, R> fn, byte[] secret, String bindHost, TcpOptions o) {
        this.fn = fn;
        this.secret = secret;
        this.bindHost = bindHost;
        setupMs = o.setup().toMillis();
        handshakeMs = o.handshake().toMillis();
        ioMs = o.io().toMillis();
    }

    @Override public scala.collection.Iterator<RankResult> apply(scala.collection.Iterator<T> partition) {
        BarrierTaskContext tc = BarrierTaskContext.get();
        int rank = tc.partitionId(), size = tc.getTaskInfos().length;
        String executor = SparkEnv.get().executorId();
        String host = bindHost != null ? bindHost : SparkEnv.get().blockManager().blockManagerId().host();
        TcpOptions o = new TcpOptions(Duration.ofMillis(setupMs), Duration.ofMillis(handshakeMs), Duration.ofMillis(ioMs));
        String where = "SparkDistributor: rank " + rank + " of " + size + " (executor " + executor + ", stage attempt "
                + tc.stageAttemptNumber() + ")";
        Object result;
        try (TcpListener listener = TcpListener.open(host, 0, secret, o)) {
            List<String> peers = List.of(tc.allGather(listener.address()));
            try (TcpCollective c = listener.join(peers, rank)) {
                result = fn.apply(new WorkerContext<>(rank, size, c, CollectionConverters.asJava(partition), tc, executor));
            }
        } catch (Exception e) { // the rank and attempt in Spark's failure report; Errors pass unchanged
            throw new IllegalStateException(where + " failed: " + e, e);
        }
        return CollectionConverters.asScala(List.of(new RankResult(rank, result)).iterator());
    }
}
