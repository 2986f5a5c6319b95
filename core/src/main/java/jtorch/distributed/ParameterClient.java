package jtorch.distributed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import jtorch.tensor.Tensor;

/**
 * A worker's connection to a {@link ParameterServerHost} in another process: the {@link ParameterStore} operations
 * over one authenticated TCP connection (the ring's {@link Handshake} with the job's secret, this worker's id in the
 * rank field), for {@link AsyncWorker#downpour} and {@link AsyncWorker#easgd}. Every call moves x̃'s n floats once
 * (pull: server → worker; push: worker → server; elastic: both ways) and gets the same bits as the in-process
 * {@link ParameterServer}. Timeouts: {@link #connect} retries until {@link TcpOptions#setup()}; each call fails when
 * the server makes no progress for {@link TcpOptions#io()}. A dead, closed or refusing server ends the call with a
 * {@link CollectiveException} naming it, and every later call fails at once. {@link #close()} says goodbye (the host
 * counts this worker as finished); a worker that dies without it is reported by {@link ParameterServerHost#awaitWorkers}.
 * One thread at a time (calls are synchronized).
 */
public final class ParameterClient implements ParameterStore, AutoCloseable {
    private final SocketChannel ch;
    private final String name;
    private final long io;
    private final ByteBuffer head = PsProtocol.header();
    private ByteBuffer buf;
    private String broken;

    private ParameterClient(SocketChannel ch, String name, long io) {
        this.ch = ch;
        this.name = name;
        this.io = io;
    }

    /** Connects to the host at {@code hostPort} as worker {@code worker} (≥ 0) with the job's secret. */
    public static ParameterClient connect(String hostPort, byte[] secret, int worker, TcpOptions options) {
        if (worker < 0) throw new IllegalArgumentException("ParameterClient.connect: worker id must be >= 0, got " + worker);
        String name = "parameter server " + hostPort;
        SocketChannel ch = null;
        try {
            ch = TcpCollective.connect(hostPort, System.nanoTime() + options.setup().toNanos(), name);
            Handshake.connect(ch, secret, worker, options.handshake().toNanos(), name);
            ch.socket().setTcpNoDelay(true);
            return new ParameterClient(ch, name, options.io().toNanos());
        } catch (IOException | RuntimeException e) {
            try {
                if (ch != null) ch.close();
            } catch (IOException ignored) {
                // failing anyway
            }
            if (e instanceof CollectiveException ce) throw ce;
            if (e instanceof IllegalArgumentException iae) throw iae;
            throw new CollectiveException("ParameterClient: cannot connect to " + name + ": " + e, e);
        }
    }

    /** Loopback-style defaults: {@link TcpOptions#DEFAULTS}. */
    public static ParameterClient connect(String hostPort, byte[] secret, int worker) {
        return connect(hostPort, secret, worker, TcpOptions.DEFAULTS);
    }

    @Override public synchronized long pull(Tensor w) {
        float[] a = Segments.floats(w, "pull");
        return call("pull", () -> {
            request(PsProtocol.PULL, w.numel(), 0);
            long v = reply(w.numel());
            PsProtocol.receive(ch, buffer(w.numel()), a, w.offset(), w.numel(), io, name, "pull");
            return v;
        });
    }

    @Override public synchronized boolean push(Tensor delta, long basedOn) {
        float[] a = Segments.floats(delta, "push");
        return call("push", () -> {
            request(PsProtocol.PUSH, delta.numel(), basedOn);
            PsProtocol.send(ch, buffer(delta.numel()), a, delta.offset(), delta.numel(), io, name, "push");
            reply(0);
            return head.getInt(4) == 1;
        });
    }

    @Override public synchronized void elastic(Tensor w, double alpha) {
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("ParameterClient.elastic: α must be in (0, 1), got " + alpha);
        float[] a = Segments.floats(w, "elastic");
        call("elastic", () -> {
            request(PsProtocol.ELASTIC, w.numel(), Double.doubleToRawLongBits(alpha));
            PsProtocol.send(ch, buffer(w.numel()), a, w.offset(), w.numel(), io, name, "elastic");
            reply(w.numel());
            PsProtocol.receive(ch, buf, a, w.offset(), w.numel(), io, name, "elastic");
            return null;
        });
    }

    private interface Call<T> { T run() throws IOException; }

    private <T> T call(String what, Call<T> c) {
        if (broken != null) throw new CollectiveException("ParameterClient: " + what + " on a broken connection to "
                + name + " (" + broken + ")");
        try {
            return c.run();
        } catch (IOException | RuntimeException e) {
            broken = e.getMessage();
            closeQuietly();
            if (e instanceof CollectiveException ce) throw new CollectiveException("ParameterClient " + what + ": "
                    + ce.getMessage(), ce);
            throw new CollectiveException("ParameterClient " + what + " with " + name + " failed: " + e, e);
        }
    }

    private ByteBuffer buffer(int n) {
        if (buf == null || buf.capacity() < 4 * n) buf = PsProtocol.payload(n);
        return buf;
    }

    private void request(int op, int n, long arg) throws IOException {
        head.clear();
        head.putInt(PsProtocol.MAGIC).putInt(op).putInt(n).putLong(arg).flip();
        Wire.writeFully(ch, head, io, name, PsProtocol.op(op));
    }

    /** Reads the reply header (left in {@code head}); returns the version; an error reply throws its message. */
    private long reply(int expect) throws IOException {
        head.clear();
        Wire.readFully(ch, head, io, name, "reply");
        int status = head.getInt(0), n = head.getInt(8);
        if (status != PsProtocol.OK) {
            if (n < 0 || n > 1 << 16) throw new CollectiveException(name + " sent a malformed error reply");
            ByteBuffer msg = ByteBuffer.allocate(n);
            Wire.readFully(ch, msg, io, name, "error reply");
            throw new CollectiveException(name + " refused the request: " + new String(msg.array(), StandardCharsets.UTF_8));
        }
        if (n != expect) throw new CollectiveException(name + " replied with " + n + " floats, expected " + expect);
        return head.getLong(12);
    }

    /** Says goodbye (best effort) and closes; idempotent. */
    @Override public synchronized void close() {
        if (broken == null) {
            try {
                request(PsProtocol.BYE, 0, 0);
                reply(0);
            } catch (IOException | RuntimeException ignored) {
                // the server is gone: nothing to say goodbye to
            }
            broken = "closed";
        }
        closeQuietly();
    }

    /** Closes the connection without a goodbye (what a killed worker leaves behind); for tests and emergencies. */
    synchronized void abort() {
        broken = "aborted";
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
