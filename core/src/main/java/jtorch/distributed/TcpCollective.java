package jtorch.distributed;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.List;
import jtorch.tensor.Tensor;

/**
 * A {@link Collective} over TCP (java.nio): the members form a ring, rank r sending to r+1 and receiving from r−1
 * (mod p), one authenticated connection each way (see {@link TcpListener}).
 * <p><b>All-reduce</b> of n floats (Patarasuk and Yuan's bandwidth-optimal ring): the buffer is cut into p
 * segments (see {@link Collective}); reduce-scatter: in step s = 0..p−2 rank r sends segment (r − s) and adds the received segment
 * (r − s − 1) into its own, so after p−1 steps it holds the complete sum of segment r + 1; all-gather: in step s it
 * sends segment (r + 1 − s) and stores the received segment (r − s). Each rank sends 2·(p−1)/p · n floats in all.
 * Segments travel in chunks of {@value #CHUNK} floats; each received chunk is added while the next is in flight
 * in the kernel's socket buffers. Every operation starts with a 16-byte header (sequence, operation, n, root)
 * checked against the left neighbour's, so members that disagree fail with a message instead of mixing data.
 * <p><b>Timeouts.</b> Setup waits at most {@link TcpOptions#setup()}; each operation fails when a neighbour makes no
 * progress for {@link TcpOptions#io()}, naming it ({@code rank 1 (127.0.0.1:40001)}). After a failure the member
 * closes its sockets, so its neighbours fail at once instead of waiting out their own timeouts.
 * <p>Data are authenticated only by the handshake (no encryption, no per-message MAC): run it on a network you trust
 * for the job's traffic.
 */
public final class TcpCollective implements Collective {
    static final int CHUNK = 1 << 16;
    private static final int OP_ALLREDUCE = 1, OP_BROADCAST = 2, OP_BARRIER = 3;
    private final TcpListener listener;
    private final int rank, p;
    private final long ioNanos;
    private SocketChannel toRight, fromLeft;
    private String rightName, leftName;
    private Selector selector;
    private SelectionKey sendKey, recvKey;
    private final ByteBuffer sendBuf = ByteBuffer.allocateDirect(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer recvBuf = ByteBuffer.allocateDirect(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
    private final float[] scratch = new float[CHUNK];
    private int seq;
    private String broken;

    private TcpCollective(TcpListener listener, int rank, int p) {
        this.listener = listener;
        this.rank = rank;
        this.p = p;
        this.ioNanos = listener.options.io().toNanos();
    }

    /** 32 random bytes from {@link SecureRandom}: a job secret to hand to every member (and to no one else). */
    public static byte[] newSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    static TcpCollective join(TcpListener l, List<String> peers, int rank, byte[] secret) {
        int p = peers.size();
        if (p < 1 || rank < 0 || rank >= p) throw new IllegalArgumentException("TcpCollective.join: rank " + rank
                + " is not in 0.." + (p - 1) + " (" + p + " peers)");
        String mine = l.address(), listed = peers.get(rank);
        if (!listed.endsWith(mine.substring(mine.lastIndexOf(':')))) throw new IllegalArgumentException(
                "TcpCollective.join: peers[" + rank + "] is " + listed + " but this member listens on " + mine
                + "; list each member's listener.address() at its rank");
        TcpCollective c = new TcpCollective(l, rank, p);
        if (p == 1) return c;
        int right = (rank + 1) % p, left = (rank + p - 1) % p;
        c.rightName = "rank " + right + " (" + peers.get(right) + ")";
        c.leftName = "rank " + left + " (" + peers.get(left) + ")";
        long deadline = System.nanoTime() + l.options.setup().toNanos();
        try {
            c.toRight = connect(peers.get(right), deadline, c.rightName);
            Handshake.connect(c.toRight, secret, rank, l.options.handshake().toNanos(), c.rightName);
            c.fromLeft = l.awaitPeer(left, deadline, c.leftName);
            c.fromLeft.configureBlocking(false);
            c.selector = Selector.open();
            c.sendKey = c.toRight.register(c.selector, 0);
            c.recvKey = c.fromLeft.register(c.selector, 0);
            c.toRight.socket().setTcpNoDelay(true);
            c.fromLeft.socket().setTcpNoDelay(true);
        } catch (IOException | RuntimeException e) {
            c.close();
            if (e instanceof CollectiveException ce) throw ce;
            throw new CollectiveException("TcpCollective rank " + rank + " setup failed: " + e, e);
        }
        return c;
    }

    static SocketChannel connect(String hostPort, long deadline, String peer) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) throw new IllegalArgumentException("TcpCollective: peer address '" + hostPort + "' is not host:port");
        InetSocketAddress a = new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        while (true) {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.configureBlocking(false);
                if (!ch.connect(a)) {
                    try (Selector s = Selector.open()) {
                        ch.register(s, SelectionKey.OP_CONNECT);
                        long left = deadline - System.nanoTime();
                        if (left > 0) s.select(Math.max(1, left / 1_000_000));
                        if (!ch.finishConnect()) throw new CollectiveException("TcpCollective setup: cannot reach "
                                + peer + " before the setup deadline");
                    }
                }
                return ch;
            } catch (ConnectException e) { // not listening yet: retry until the deadline
                ch.close();
                if (System.nanoTime() > deadline) throw new CollectiveException("TcpCollective setup: " + peer
                        + " refused connections until the setup deadline: " + e.getMessage(), e);
                sleep(50);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }
    }

    @Override public int rank() { return rank; }

    @Override public int size() { return p; }

    /** The listener's {@code host:port}. */
    public String address() { return listener.address(); }

    @Override public void allReduce(Tensor x, Op op) {
        float[] a = Segments.floats(x, "allReduce");
        run("allReduce", () -> reduce(a, x.offset(), x.numel(), op == Op.AVERAGE, OP_ALLREDUCE));
    }

    @Override public void broadcast(Tensor x, int root) {
        if (root < 0 || root >= p) throw new IllegalArgumentException("Collective.broadcast: root " + root
                + " is not a rank of a group of " + p);
        float[] a = Segments.floats(x, "broadcast");
        run("broadcast", () -> {
            header(OP_BROADCAST, x.numel(), root);
            int n = x.numel(), off = x.offset(), right = (rank + 1) % p;
            for (int c = 0; c < n; c += CHUNK) {
                int len = Math.min(CHUNK, n - c);
                if (rank != root) {
                    exchange(0, len * 4);
                    recvBuf.clear();
                    recvBuf.asFloatBuffer().get(a, off + c, len);
                }
                if (right != root) {
                    fill(a, off + c, len);
                    exchange(len * 4, 0);
                }
            }
        });
    }

    /** An all-reduce of p floats: every rank's owned segment depends on every other rank's entry. */
    @Override public void barrier() { run("barrier", () -> reduce(new float[p], 0, p, false, OP_BARRIER)); }

    private interface Step { void run() throws IOException; }

    private void run(String what, Step s) {
        if (broken != null) throw new CollectiveException("TcpCollective rank " + rank + ": " + what
                + " on a broken collective (" + broken + ")");
        if (p == 1) return;
        try {
            seq++;
            s.run();
        } catch (IOException | RuntimeException e) {
            broken = e.getMessage();
            close();
            if (e instanceof CollectiveException ce) throw new CollectiveException("TcpCollective rank " + rank + ": "
                    + what + " #" + seq + ": " + ce.getMessage(), ce);
            throw new CollectiveException("TcpCollective rank " + rank + ": " + what + " #" + seq + " failed between "
                    + leftName + " and " + rightName + ": " + e, e);
        }
    }

    private void reduce(float[] a, int off, int n, boolean average, int opCode) throws IOException {
        header(opCode, n, average ? 1 : 0);
        for (int s = 0; s < p - 1; s++) segment(a, off, n, Segments.mod(rank - s, p), Segments.mod(rank - s - 1, p), true);
        if (average) {
            int k = Segments.mod(rank + 1, p), st = off + Segments.start(k, n, p), len = Segments.length(k, n, p);
            for (int i = st; i < st + len; i++) a[i] = a[i] / p;
        }
        for (int s = 0; s < p - 1; s++) segment(a, off, n, Segments.mod(rank + 1 - s, p), Segments.mod(rank - s, p), false);
    }

    /** Sends segment {@code out} to the right while receiving segment {@code in} from the left (added or stored). */
    private void segment(float[] a, int off, int n, int out, int in, boolean add) throws IOException {
        int os = off + Segments.start(out, n, p), ol = Segments.length(out, n, p);
        int is = off + Segments.start(in, n, p), il = Segments.length(in, n, p);
        for (int c = 0; c < Math.max(ol, il); c += CHUNK) {
            int oc = Math.clamp(ol - c, 0, CHUNK), ic = Math.clamp(il - c, 0, CHUNK);
            fill(a, os + c, oc);
            exchange(oc * 4, ic * 4);
            recvBuf.clear();
            if (add) {
                recvBuf.asFloatBuffer().get(scratch, 0, ic);
                for (int i = 0, j = is + c; i < ic; i++, j++) a[j] = a[j] + scratch[i];
            } else recvBuf.asFloatBuffer().get(a, is + c, ic);
        }
    }

    private void fill(float[] a, int from, int len) {
        sendBuf.clear();
        sendBuf.asFloatBuffer().put(a, from, len);
    }

    private void header(int op, int n, int arg) throws IOException {
        sendBuf.clear();
        sendBuf.putInt(0, seq).putInt(4, op).putInt(8, n).putInt(12, arg);
        exchange(16, 16);
        int[] mine = {seq, op, n, arg}, theirs = {recvBuf.getInt(0), recvBuf.getInt(4), recvBuf.getInt(8), recvBuf.getInt(12)};
        if (!java.util.Arrays.equals(mine, theirs)) throw new CollectiveException("members disagree: this rank runs "
                + describe(mine) + " but " + leftName + " runs " + describe(theirs));
    }

    private static String describe(int[] h) {
        String op = switch (h[1]) { case OP_ALLREDUCE -> "allReduce"; case OP_BROADCAST -> "broadcast";
            case OP_BARRIER -> "barrier"; default -> "operation " + h[1]; };
        return "operation #" + h[0] + " " + op + " of " + h[2] + " floats (arg " + h[3] + ")";
    }

    /** Writes sendBuf[0, outBytes) to the right and reads recvBuf[0, inBytes) from the left, concurrently. */
    private void exchange(int outBytes, int inBytes) throws IOException {
        sendBuf.position(0).limit(outBytes);
        recvBuf.position(0).limit(inBytes);
        long last = System.nanoTime();
        while (sendBuf.hasRemaining() || recvBuf.hasRemaining()) {
            boolean moved = false;
            if (sendBuf.hasRemaining()) moved |= Wire.move(toRight, sendBuf, SelectionKey.OP_WRITE, rightName, "send");
            if (recvBuf.hasRemaining()) moved |= Wire.move(fromLeft, recvBuf, SelectionKey.OP_READ, leftName, "receive");
            long now = System.nanoTime();
            if (moved) { last = now; continue; }
            if (now - last > ioNanos) throw recvBuf.hasRemaining() ? Wire.timeout(leftName, "receive", ioNanos, true)
                    : Wire.timeout(rightName, "send", ioNanos, false);
            sendKey.interestOps(sendBuf.hasRemaining() ? SelectionKey.OP_WRITE : 0);
            recvKey.interestOps(recvBuf.hasRemaining() ? SelectionKey.OP_READ : 0);
            selector.select(Math.max(1, (ioNanos - (now - last)) / 1_000_000));
            selector.selectedKeys().clear();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectiveException("TcpCollective setup interrupted", e);
        }
    }

    @Override public void close() {
        if (broken == null) broken = "closed";
        listener.close();
        for (AutoCloseable c : new AutoCloseable[] {selector, toRight, fromLeft}) {
            try {
                if (c != null) c.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }
}
