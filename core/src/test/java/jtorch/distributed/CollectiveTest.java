package jtorch.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutionException;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CollectiveTest {
    /** The documented order: segment k summed as ((x_k + x_{k+1}) + ...) over ranks mod p, then / p. */
    static float[] expected(float[][] xs, boolean average) {
        int p = xs.length, n = xs[0].length;
        float[] out = new float[n];
        for (int k = 0; k < p; k++) {
            for (int i = Segments.start(k, n, p); i < Segments.start(k + 1, n, p); i++) {
                float acc = xs[k][i];
                for (int j = 1; j < p; j++) acc = acc + xs[(k + j) % p][i];
                out[i] = average ? acc / p : acc;
            }
        }
        return out;
    }

    static float[][] inputs(int p, int n) {
        float[][] xs = new float[p][];
        for (int r = 0; r < p; r++) xs[r] = Tensor.randn(new Generator(100 + r), Math.max(n, 1)).toFloatArray();
        if (n == 0) for (int r = 0; r < p; r++) xs[r] = new float[0];
        return xs;
    }

    static List<float[]> run(List<Collective> g, float[][] xs, Collective.Op op) throws Exception {
        return Groups.parallel(g.size(), r -> {
            Tensor t = Tensor.of(xs[r], xs[r].length);
            g.get(r).allReduce(t, op);
            return t.toFloatArray();
        });
    }

    @Test
    void allReduceGivesEveryRankTheSameBitsInTheRingOrderLocalAndTcp() throws Exception {
        for (int p : new int[] {1, 2, 3, 4}) {
            List<Collective> local = LocalCollective.group(p), tcp = Groups.tcp(p, TcpCollective.newSecret(), Groups.FAST);
            try {
                for (int n : new int[] {1, 3, 1000, 2 * TcpCollective.CHUNK * p + 7}) {
                    float[][] xs = inputs(p, n);
                    for (Collective.Op op : Collective.Op.values()) {
                        float[] want = expected(xs, op == Collective.Op.AVERAGE);
                        List<float[]> a = run(local, xs, op), b = run(tcp, xs, op);
                        for (int r = 0; r < p; r++) {
                            assertArrayEquals(want, a.get(r), "local p=" + p + " n=" + n + " " + op + " rank " + r);
                            assertArrayEquals(want, b.get(r), "tcp p=" + p + " n=" + n + " " + op + " rank " + r);
                        }
                    }
                }
            } finally {
                local.forEach(Collective::close);
                tcp.forEach(Collective::close);
            }
        }
    }

    @Test
    void broadcastAndBarrier() throws Exception {
        for (List<Collective> g : List.of(LocalCollective.group(3), Groups.tcp(3, TcpCollective.newSecret(), Groups.FAST))) {
            int n = TcpCollective.CHUNK + 5;
            List<float[]> got = Groups.parallel(3, r -> {
                Tensor t = Tensor.full(jtorch.tensor.DType.F32, r + 1, n);
                g.get(r).barrier();
                g.get(r).broadcast(t, 1);
                g.get(r).barrier();
                return t.toFloatArray();
            });
            for (float[] f : got) assertEquals(2f * n, sum(f), 0);
            g.forEach(Collective::close);
        }
    }

    @Test
    void membersThatDisagreeFailWithAMessage() throws Exception {
        for (List<Collective> g : List.of(LocalCollective.group(2), Groups.tcp(2, TcpCollective.newSecret(), Groups.FAST))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> Groups.parallel(2, r -> {
                g.get(r).allReduce(Tensor.zeros(10 + r), Collective.Op.SUM);
                return null;
            }));
            assertTrue(e.getCause() instanceof CollectiveException, e.toString());
            g.forEach(Collective::close);
        }
    }

    @Test
    void aPeerThatStopsAnsweringEndsTheStepWithItsName() throws Exception {
        List<Collective> g = Groups.tcp(3, TcpCollective.newSecret(), Groups.FAST);
        long t0 = System.nanoTime();
        // rank 2 never calls: ranks 0 and 1 must fail within the io timeout (3 s), not hang
        ExecutionException e = assertThrows(ExecutionException.class, () -> Groups.parallel(2, r -> {
            g.get(r).allReduce(Tensor.ones(1000), Collective.Op.SUM);
            return null;
        }));
        double s = (System.nanoTime() - t0) / 1e9;
        assertTrue(s < 15, "took " + s + " s");
        assertTrue(e.getCause().getMessage().contains("rank "), e.getCause().getMessage());
        // a closed (dead) peer: the survivor's next call fails at once, naming the operation
        g.forEach(Collective::close);
        List<Collective> h = Groups.tcp(2, TcpCollective.newSecret(), Groups.FAST);
        h.get(1).close();
        CollectiveException ce = assertThrows(CollectiveException.class, () -> h.get(0).allReduce(Tensor.ones(10), Collective.Op.SUM));
        assertTrue(ce.getMessage().contains("rank 1"), ce.getMessage());
        h.get(0).close();
    }

    @Test
    void localGroupTimesOutWhenAMemberNeverArrives() {
        List<Collective> g = LocalCollective.group(2, java.time.Duration.ofMillis(200));
        assertThrows(CollectiveException.class, () -> g.get(0).allReduce(Tensor.ones(4), Collective.Op.SUM));
        assertThrows(CollectiveException.class, () -> g.get(1).barrier()); // broken from then on
    }

    @Test
    void aPeerListThatDoesNotNameThisListenerIsRejected() {
        TcpListener l = TcpListener.open(TcpCollective.newSecret());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.join(List.of("127.0.0.1:1", l.address()), 0));
        assertTrue(e.getMessage().contains("listener.address()"), e.getMessage());
        l.close();
    }

    @Test
    void nonF32TensorsAreRefusedWithTheFix() {
        List<Collective> g = LocalCollective.group(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.get(0).allReduce(Tensor.zeros(jtorch.tensor.DType.F64, 3), Collective.Op.SUM));
        assertTrue(e.getMessage().contains("to(DType.F32)"), e.getMessage());
    }

    static float sum(float[] f) {
        float s = 0;
        for (float v : f) s += v;
        return s;
    }
}
