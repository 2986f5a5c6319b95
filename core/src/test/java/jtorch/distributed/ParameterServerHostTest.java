package jtorch.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import jtorch.data.TensorDataset;
import jtorch.nn.Module;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous SGD and EASGD over TCP (threads as workers on loopback): the same bits as in one JVM for one worker,
 * learning with two, strangers refused during the job, and a dead worker, a dead server or a silent one ending in a
 * {@link CollectiveException}, never a hang. About 5 s.
 */
class ParameterServerHostTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    /** One worker, Downpour or async EASGD, on {@code store}; returns the replica's final weights. */
    static float[] oneWorker(ParameterStore store, Module m, boolean downpour, int epochs) {
        AsyncWorker w = downpour ? AsyncWorker.downpour(store, m, 1) : AsyncWorker.easgd(store, m, 2, 0.45);
        TrainingModesTest.trainer(m, DataParallelTest.data(), 0, 1, epochs).callback(w).build().fit();
        return m.getParameters().weights().toFloatArray();
    }

    @Test
    void oneRemoteWorkerGetsTheBitsOfOneInProcessWorker() throws Exception {
        byte[] secret = TcpCollective.newSecret();
        for (boolean downpour : new boolean[] {true, false}) {
            ParameterServer local = new ParameterServer(DataParallelTest.model(), 0);
            oneWorker(local, DataParallelTest.model(), downpour, 3);
            ParameterServer remote = new ParameterServer(DataParallelTest.model(), 0);
            try (ParameterServerHost host = ParameterServerHost.open(remote, "127.0.0.1", 0, secret, Groups.FAST)) {
                try (ParameterClient c = ParameterClient.connect(host.address(), secret, 0, Groups.FAST)) {
                    oneWorker(c, DataParallelTest.model(), downpour, 3);
                }
                host.awaitWorkers(1, WAIT);
            }
            assertArrayEquals(local.model().getParameters().weights().toFloatArray(),
                    remote.model().getParameters().weights().toFloatArray(), (downpour ? "downpour" : "easgd") + " centre");
        }
    }

    @Test
    void twoRemoteWorkersLearnWhileStrangersAreRefused() throws Exception {
        byte[] secret = TcpCollective.newSecret();
        TensorDataset ds = DataParallelTest.data();
        for (String mode : new String[] {"downpour", "easgd"}) {
            List<Module> ms = TrainingModesTest.models(2);
            ParameterServer ps = new ParameterServer(ms.get(0), 4);
            try (ParameterServerHost host = ParameterServerHost.open(ps, "127.0.0.1", 0, secret, Groups.FAST)) {
                Socket loris = TcpSecurityTest.dial(host.address());
                loris.getOutputStream().write(new byte[] {0x4A, 0x54}); // starts a handshake, never finishes it
                Thread attacker = Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; i < 3; i++) TcpSecurityTest.attack(host.address());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                Groups.parallel(2, r -> {
                    try (ParameterClient c = ParameterClient.connect(host.address(), secret, r, Groups.FAST)) {
                        AsyncWorker w = mode.equals("downpour") ? AsyncWorker.downpour(c, ms.get(r), 1)
                                : AsyncWorker.easgd(c, ms.get(r), 2, 0.45);
                        TrainingModesTest.trainer(ms.get(r), ds, r, 2, 10).callback(w).build().fit();
                    }
                    return null;
                });
                attacker.join(30_000);
                host.awaitWorkers(2, WAIT);
                loris.setSoTimeout(5000);
                assertTrue(TcpSecurityTest.disconnected(loris), "the slow-loris must be dropped");
                loris.close();
                double acc = TrainingModesTest.accuracy(ps.snapshot(), ds);
                System.out.println("tcp " + mode + ": accuracy " + acc + ", updates " + ps.accepted() + ", dropped "
                        + ps.rejected() + ", strangers refused " + host.refused());
                assertTrue(acc > 0.85, mode + " over tcp: accuracy " + acc);
                assertTrue(host.refused() >= 1 + 3 * 3, "refused " + host.refused());
            }
        }
    }

    @Test
    void aDeadWorkerOrServerEndsWithAClearException() throws Exception {
        byte[] secret = TcpCollective.newSecret();
        ParameterServer ps = new ParameterServer(DataParallelTest.model(), 0);
        Tensor w = ps.model().getParameters().weights().clone();
        try (ParameterServerHost host = ParameterServerHost.open(ps, "127.0.0.1", 0, secret, Groups.FAST)) {
            ParameterClient dead = ParameterClient.connect(host.address(), secret, 7, Groups.FAST);
            dead.pull(w);
            dead.abort(); // killed: no goodbye
            CollectiveException e = assertThrows(CollectiveException.class, () -> host.awaitWorkers(1, WAIT));
            assertTrue(e.getMessage().contains("worker 7"), e.getMessage());
            ParameterClient wrongModel = ParameterClient.connect(host.address(), secret, 8, Groups.FAST);
            e = assertThrows(CollectiveException.class, () -> wrongModel.pull(Tensor.zeros(5)));
            assertTrue(e.getMessage().contains("5 floats") && e.getMessage().contains("parameters"), e.getMessage());
            ParameterClient c = ParameterClient.connect(host.address(), secret, 1, Groups.FAST);
            c.pull(w);
            host.close(); // the server dies: the next call fails at once, and so does every later one
            long t0 = System.nanoTime();
            e = assertThrows(CollectiveException.class, () -> c.push(w, 0));
            assertTrue(e.getMessage().contains("parameter server " + host.address()), e.getMessage());
            assertThrows(CollectiveException.class, () -> c.pull(w));
            assertTrue((System.nanoTime() - t0) / 1e9 < 5, "took " + (System.nanoTime() - t0) / 1e9 + " s");
        }
    }

    @Test
    void aSilentServerTimesOutAndAWrongSecretIsRefused() throws Exception {
        byte[] secret = TcpCollective.newSecret();
        TcpOptions quick = new TcpOptions(Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(1));
        ParameterServer ps = new ParameterServer(DataParallelTest.model(), 0);
        try (ParameterServerHost host = ParameterServerHost.open(ps, "127.0.0.1", 0, secret, quick)) {
            CollectiveException e = assertThrows(CollectiveException.class,
                    () -> ParameterClient.connect(host.address(), TcpCollective.newSecret(), 0, quick));
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
        }
        // a "server" that authenticates and then never answers: the worker's call fails after io (1 s)
        try (var fake = java.nio.channels.ServerSocketChannel.open().bind(new java.net.InetSocketAddress("127.0.0.1", 0))) {
            String addr = "127.0.0.1:" + ((java.net.InetSocketAddress) fake.getLocalAddress()).getPort();
            Thread t = Thread.ofPlatform().daemon().start(() -> {
                try (var ch = fake.accept()) {
                    Handshake.accept(ch, secret, 2_000_000_000L, "test");
                    Thread.sleep(10_000);
                } catch (Exception ignored) {
                    // test over
                }
            });
            ParameterClient c = ParameterClient.connect(addr, secret, 0, quick);
            long t0 = System.nanoTime();
            CollectiveException e = assertThrows(CollectiveException.class, () -> c.pull(Tensor.zeros(10)));
            double s = (System.nanoTime() - t0) / 1e9;
            assertTrue(e.getMessage().contains("sent nothing") && s < 5, e.getMessage() + " after " + s + " s");
            c.close();
            t.interrupt();
        }
    }
}
