package jtorch.distributed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/**
 * The messages between a {@link ParameterClient} and a {@link ParameterServerHost} after the {@link Handshake}
 * (little-endian; n floats of payload follow a header where the operation carries them):
 * <pre>
 *   request:  "JTPS" · op · n · arg(8)                op: PULL, PUSH (arg: version read), ELASTIC (arg: α's bits), BYE
 *             · n floats for PUSH (Δ) and ELASTIC (w)
 *   reply:    status · flag · n · version(8)          status 0: ok (flag: push accepted); n floats for PULL (x̃) and
 *             · n floats or an n-byte UTF-8 error     ELASTIC (w − e); status 1: error message, then the server closes
 * </pre>
 */
final class PsProtocol {
    private PsProtocol() {}

    static final int MAGIC = 0x4A545053, HEADER = 20;
    static final int PULL = 1, PUSH = 2, ELASTIC = 3, BYE = 4;
    static final int OK = 0, ERROR = 1;

    static ByteBuffer header() { return ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN); }

    static ByteBuffer payload(int n) { return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.LITTLE_ENDIAN); }

    static String op(int op) {
        return switch (op) { case PULL -> "pull"; case PUSH -> "push"; case ELASTIC -> "elastic"; case BYE -> "bye";
            default -> "operation " + op; };
    }

    /** Writes {@code a[off, off + n)} through {@code buf} (capacity at least 4n). */
    static void send(SocketChannel ch, ByteBuffer buf, float[] a, int off, int n, long timeout, String peer, String what)
            throws IOException {
        buf.clear();
        buf.asFloatBuffer().put(a, off, n);
        buf.limit(4 * n);
        Wire.writeFully(ch, buf, timeout, peer, what);
    }

    /** Reads n floats into {@code a[off, off + n)} through {@code buf} (capacity at least 4n). */
    static void receive(SocketChannel ch, ByteBuffer buf, float[] a, int off, int n, long timeout, String peer,
                        String what) throws IOException {
        buf.clear().limit(4 * n);
        Wire.readFully(ch, buf, timeout, peer, what);
        buf.flip();
        buf.asFloatBuffer().get(a, off, n);
    }
}
