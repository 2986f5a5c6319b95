package jtorch.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Test helpers: a TCP ring on loopback, and running one task per rank on its own thread with a time bound. */
final class Groups {
    private Groups() {}

    static final TcpOptions FAST = new TcpOptions(Duration.ofSeconds(20), Duration.ofMillis(500), Duration.ofSeconds(3));

    static List<TcpListener> listeners(int p, byte[] secret, TcpOptions o) {
        List<TcpListener> ls = new ArrayList<>();
        for (int r = 0; r < p; r++) ls.add(TcpListener.open("127.0.0.1", 0, secret, o));
        return ls;
    }

    static List<String> addresses(List<TcpListener> ls) { return ls.stream().map(TcpListener::address).toList(); }

    /** p members joined into one ring (each join on its own thread, since each waits for its neighbours). */
    static List<Collective> tcp(int p, byte[] secret, TcpOptions o) throws Exception {
        List<TcpListener> ls = listeners(p, secret, o);
        List<String> peers = addresses(ls);
        return parallel(p, r -> ls.get(r).join(peers, r));
    }

    /** Runs task(r) for r = 0..p−1 concurrently; returns the results in rank order; fails after 60 s. */
    static <T> List<T> parallel(int p, IntFunction<T> task) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(p);
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (int r = 0; r < p; r++) {
                int rank = r;
                fs.add(ex.submit(() -> task.apply(rank)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) out.add(f.get(60, TimeUnit.SECONDS));
            return out;
        } finally {
            ex.shutdownNow();
        }
    }
}
