package jtorch.distributed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ParameterServer} served over TCP to {@link ParameterClient}s in other processes (asynchronous SGD and
 * asynchronous EASGD between processes or machines). It binds only to the address given (loopback by default) and
 * every connection must first prove the job's secret with the ring's {@link Handshake} (HMAC-SHA256 over fresh
 * nonces; the connector's rank field is its worker id) within {@link TcpOptions#handshake()}; a stranger (no secret,
 * wrong secret, garbage, slow-loris) is logged (WARNING, logger {@code jtorch.distributed.ParameterServerHost}),
 * counted in {@link #refused()} and closed, and the workers' connections are not touched. At most
 * {@value #MAX_PENDING} handshakes run at once. Each authenticated worker gets its own thread; its requests
 * ({@link PsProtocol}) call the server's atomic operations, so the workers' exchanges interleave as in one JVM.
 * <p><b>Failure.</b> A worker that sends nothing for {@link TcpOptions#io()} or drops its connection without saying
 * goodbye ({@link ParameterClient#close()}) is recorded as failed; {@link #awaitWorkers} then throws
 * {@link CollectiveException} naming it, never waits forever. The server state survives: restart the worker (it
 * reconnects and pulls) or {@link ParameterServer#save} and stop. A malformed request (wrong size, unknown operation)
 * gets an error reply and the connection is closed.
 */
public final class ParameterServerHost implements AutoCloseable {
    static final int MAX_PENDING = 16;
    private static final System.Logger LOG = System.getLogger(ParameterServerHost.class.getName());
    private final ParameterServer server;
    private final ServerSocketChannel socket;
    private final byte[] secret;
    private final TcpOptions options;
    private final String address;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final LinkedBlockingQueue<String> failures = new LinkedBlockingQueue<>();
    private final Set<Integer> finished = ConcurrentHashMap.newKeySet();
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ParameterServerHost(ParameterServer server, ServerSocketChannel socket, byte[] secret, TcpOptions o)
            throws IOException {
        this.server = server;
        this.socket = socket;
        this.secret = secret.clone();
        this.options = o;
        InetSocketAddress a = (InetSocketAddress) socket.getLocalAddress();
        address = a.getAddress().getHostAddress() + ":" + a.getPort();
        Thread t = new Thread(this::acceptLoop, "jtorch-ps-accept " + address);
        t.setDaemon(true);
        t.start();
    }

    /** Serves {@code server} on {@code host:port} (port 0: any free port) to workers that know {@code secret} (≥ 16 bytes). */
    public static ParameterServerHost open(ParameterServer server, String host, int port, byte[] secret, TcpOptions o) {
        if (secret == null || secret.length < 16) throw new IllegalArgumentException("ParameterServerHost: the job's "
                + "secret must have at least 16 bytes, got " + (secret == null ? "none" : secret.length)
                + "; make one with TcpCollective.newSecret() and give it to every worker");
        try {
            ServerSocketChannel s = ServerSocketChannel.open();
            s.bind(new InetSocketAddress(host, port));
            return new ParameterServerHost(server, s, secret, o);
        } catch (IOException e) {
            throw new UncheckedIOException("ParameterServerHost: cannot listen on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** Loopback, any free port, default timeouts. */
    public static ParameterServerHost open(ParameterServer server, byte[] secret) {
        return open(server, "127.0.0.1", 0, secret, TcpOptions.DEFAULTS);
    }

    /** The bound {@code host:port} that workers connect to. */
    public String address() { return address; }

    public ParameterServer server() { return server; }

    /** Connections refused so far (failed or timed-out handshakes, too many at once). */
    public long refused() { return refused.get(); }

    /** The number of distinct workers that have said goodbye. */
    public int finished() { return finished.size(); }

    /**
     * Waits until {@code workers} distinct worker ids have said goodbye; throws {@link CollectiveException} at the
     * first worker failure (dead, silent, malformed) or when {@code timeout} passes.
     */
    public void awaitWorkers(int workers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (finished.size() < workers) {
                String f = failures.poll(Math.min(50_000_000L, Math.max(1, deadline - System.nanoTime())), TimeUnit.NANOSECONDS);
                if (f != null) throw new CollectiveException("ParameterServerHost " + address + ": " + f);
                if (System.nanoTime() > deadline) throw new CollectiveException("ParameterServerHost " + address + ": "
                        + finished.size() + " of " + workers + " workers finished within " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectiveException("ParameterServerHost " + address + ": interrupted while waiting for workers", e);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = socket.accept();
            } catch (IOException e) {
                if (!closed) LOG.log(Level.ERROR, "ParameterServerHost " + address + ": accept failed, no more connections: " + e);
                return;
            }
            String peer = Wire.peer(ch);
            if (pending.incrementAndGet() > MAX_PENDING) {
                pending.decrementAndGet();
                refuse(ch, peer, "too many handshakes in progress");
                continue;
            }
            Thread t = new Thread(() -> connection(ch, peer), "jtorch-ps " + peer);
            t.setDaemon(true);
            t.start();
        }
    }

    private void connection(SocketChannel ch, String peer) {
        int worker;
        try {
            worker = Handshake.accept(ch, secret, options.handshake().toNanos(), "connection from " + peer);
        } catch (IOException | RuntimeException e) {
            refuse(ch, peer, e.getMessage());
            return;
        } finally {
            pending.decrementAndGet();
        }
        String name = "worker " + worker + " (" + peer + ")";
        open.add(ch);
        try {
            ch.socket().setTcpNoDelay(true);
            PsSession.serve(server, ch, options.io().toNanos(), name);
            finished.add(worker);
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.log(Level.WARNING, "ParameterServerHost " + address + ": " + name + " failed: " + e.getMessage());
                failures.add(name + " failed: " + e.getMessage());
            }
        } finally {
            open.remove(ch);
            Wire.closeQuietly(ch);
        }
    }

    private void refuse(SocketChannel ch, String peer, String why) {
        refused.incrementAndGet();
        LOG.log(Level.WARNING, "ParameterServerHost " + address + ": refused connection from " + peer + ": " + why);
        Wire.closeQuietly(ch);
    }

    /** Stops accepting and closes every worker connection (their next call fails at once); the server state stays. */
    @Override public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        for (SocketChannel ch : open) Wire.closeQuietly(ch);
    }
}
