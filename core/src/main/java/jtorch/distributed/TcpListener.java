package jtorch.distributed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server side of one {@link TcpCollective} member: a socket bound to exactly the address given (use a loopback
 * or cluster-internal address; nothing listens on other interfaces), and a daemon thread that accepts connections.
 * Each connection gets its own virtual thread running the handshake under the handshake timeout:
 * <pre>
 *   acceptor  → connector:  "JTRC" · version · nA                      (nA: 32 random bytes)
 *   connector → acceptor:   "JTRC" · rank · nC · HMAC-SHA256_K("connect" · nA · nC · rank)
 *   acceptor  → connector:  HMAC-SHA256_K("accept" · nA · nC · rank)
 * </pre>
 * (K: the job's secret; fresh nonces on both sides, MACs compared in constant time); a peer that
 * does not prove the job's secret in time (no secret, wrong secret, garbage bytes, a slow-loris) is logged on
 * {@link System.Logger} (WARNING, logger {@code jtorch.distributed.TcpListener}), counted in {@link #refused()} and
 * closed, without touching the connections of the running job. At most {@value #MAX_PENDING} handshakes run at once;
 * beyond that new connections are closed at once. Open it, publish {@link #address()} to the other members, then
 * {@link #join} the ring.
 */
public final class TcpListener implements AutoCloseable {
    static final int MAX_PENDING = 16;
    private static final System.Logger LOG = System.getLogger(TcpListener.class.getName());
    private final ServerSocketChannel server;
    private final byte[] secret;
    final TcpOptions options;
    private final String address;
    private final LinkedBlockingQueue<Accepted> accepted = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean joined, closed;

    record Accepted(int rank, SocketChannel channel, String peer) {}

    private TcpListener(ServerSocketChannel server, byte[] secret, TcpOptions options) throws IOException {
        this.server = server;
        this.secret = secret.clone();
        this.options = options;
        InetSocketAddress a = (InetSocketAddress) server.getLocalAddress();
        address = a.getAddress().getHostAddress() + ":" + a.getPort();
        Thread t = new Thread(this::acceptLoop, "jtorch-tcp-accept " + address);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Binds to {@code host:port} (port 0: any free port) with the job's secret (at least 16 bytes, the same on every
     * member; see {@link TcpCollective#newSecret()}).
     */
    public static TcpListener open(String host, int port, byte[] secret, TcpOptions options) {
        if (secret == null || secret.length < 16) throw new IllegalArgumentException("TcpListener: the job's secret "
                + "must have at least 16 bytes, got " + (secret == null ? "none" : secret.length)
                + "; make one with TcpCollective.newSecret() and give it to every member");
        try {
            ServerSocketChannel s = ServerSocketChannel.open();
            s.bind(new InetSocketAddress(host, port));
            return new TcpListener(s, secret, options);
        } catch (IOException e) {
            throw new UncheckedIOException("TcpListener: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Loopback, any free port, default timeouts. */
    public static TcpListener open(byte[] secret) { return open("127.0.0.1", 0, secret, TcpOptions.DEFAULTS); }

    /** The bound address as {@code host:port}, what the other members list for this rank. */
    public String address() { return address; }

    /** Connections refused so far (failed or timed-out handshakes, extra connections). */
    public long refused() { return refused.get(); }

    /** Joins the ring of {@code peers} (one {@code host:port} per rank; {@code peers.get(rank)} is this listener). */
    public TcpCollective join(List<String> peers, int rank) { return TcpCollective.join(this, peers, rank, secret); }

    /** The next authenticated connection from {@code rank}, waiting until {@code deadline} (System.nanoTime). */
    SocketChannel awaitPeer(int rank, long deadline, String peer) {
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Accepted a = left <= 0 ? null : accepted.poll(left, TimeUnit.NANOSECONDS);
                if (a == null) throw new CollectiveException("TcpCollective setup: " + peer + " did not connect and "
                        + "authenticate within " + options.setup().toMillis() + " ms");
                if (a.rank == rank) {
                    joined = true;
                    return a.channel;
                }
                refuse(a.channel, a.peer, "authenticated as rank " + a.rank + " but this member expects rank " + rank);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectiveException("TcpCollective setup interrupted while waiting for " + peer, e);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                if (!closed) LOG.log(Level.ERROR, "TcpListener " + address + ": accept failed, no more connections: " + e);
                return;
            }
            String peer = Wire.peer(ch);
            if (pending.incrementAndGet() > MAX_PENDING) {
                pending.decrementAndGet();
                refuse(ch, peer, "too many handshakes in progress");
                continue;
            }
            Thread.ofVirtual().name("jtorch-handshake " + peer).start(() -> handshake(ch, peer));
        }
    }

    private void handshake(SocketChannel ch, String peer) {
        try {
            int rank = Handshake.accept(ch, secret, options.handshake().toNanos(), "connection from " + peer);
            if (joined) refuse(ch, peer, "authenticated as rank " + rank + " after the ring was complete");
            else accepted.add(new Accepted(rank, ch, peer));
        } catch (IOException | RuntimeException e) {
            refuse(ch, peer, e.getMessage());
        } finally {
            pending.decrementAndGet();
        }
    }

    private void refuse(SocketChannel ch, String peer, String why) {
        refused.incrementAndGet();
        LOG.log(Level.WARNING, "TcpListener " + address + ": refused connection from " + peer + ": " + why);
        Wire.closeQuietly(ch);
    }

    /** Stops accepting; connections of a joined ring stay open (the collective closes them). */
    @Override public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        for (Accepted a; (a = accepted.poll()) != null; ) refuse(a.channel, a.peer, "listener closed");
    }
}
