package jtorch.distributed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import jtorch.tensor.Tensor;

/**
 * One authenticated worker's connection on a {@link ParameterServerHost}: reads {@link PsProtocol} requests, runs
 * them on the {@link ParameterServer} (whose operations are atomic) and replies. A request of the wrong size, an
 * unknown operation or an α outside (0, 1) gets an error reply naming the problem, then the connection ends.
 */
final class PsSession {
    private PsSession() {}

    /** Answers requests until goodbye (then returns); throws on a dead, silent or malformed worker. */
    static void serve(ParameterServer server, SocketChannel ch, long io, String name) throws IOException {
        int n = server.numel();
        Tensor scratch = Tensor.zeros(n);
        float[] a = Segments.floats(scratch, "parameter server");
        ByteBuffer head = PsProtocol.header(), reply = PsProtocol.header(), buf = null;
        while (true) {
            head.clear();
            Wire.readFully(ch, head, io, name, "parameter server: next request");
            head.flip();
            int magic = head.getInt(), op = head.getInt(), len = head.getInt();
            long arg = head.getLong();
            if (magic != PsProtocol.MAGIC) throw new CollectiveException(name + " does not speak the parameter-server "
                    + "protocol (a ring member dialling the server's port?)");
            if (op == PsProtocol.BYE) {
                write(ch, reply, PsProtocol.OK, 0, 0, server.version(), io, name);
                return;
            }
            String bad = op < PsProtocol.PULL || op > PsProtocol.ELASTIC ? "unknown operation " + op
                    : len != n ? PsProtocol.op(op) + " of " + len + " floats, but the server's model has " + n
                    + " parameters (is the worker's network the server's?)"
                    : op == PsProtocol.ELASTIC && !(Double.longBitsToDouble(arg) > 0 && Double.longBitsToDouble(arg) < 1)
                    ? "elastic moving rate α = " + Double.longBitsToDouble(arg) + " outside (0, 1)" : null;
            if (bad != null) {
                byte[] msg = bad.getBytes(StandardCharsets.UTF_8);
                write(ch, reply, PsProtocol.ERROR, 0, msg.length, server.version(), io, name);
                Wire.writeFully(ch, ByteBuffer.wrap(msg), io, name, "parameter server: error reply");
                throw new CollectiveException(name + " sent " + bad);
            }
            if (buf == null) buf = PsProtocol.payload(n);
            String what = "parameter server: " + PsProtocol.op(op);
            if (op == PsProtocol.PULL) {
                long v = server.pull(scratch);
                write(ch, reply, PsProtocol.OK, 0, n, v, io, name);
                PsProtocol.send(ch, buf, a, 0, n, io, name, what);
            } else {
                PsProtocol.receive(ch, buf, a, 0, n, io, name, what);
                if (op == PsProtocol.PUSH) {
                    boolean ok = server.push(scratch, arg);
                    write(ch, reply, PsProtocol.OK, ok ? 1 : 0, 0, server.version(), io, name);
                } else {
                    server.elastic(scratch, Double.longBitsToDouble(arg));
                    write(ch, reply, PsProtocol.OK, 0, n, server.version(), io, name);
                    PsProtocol.send(ch, buf, a, 0, n, io, name, what);
                }
            }
        }
    }

    private static void write(SocketChannel ch, ByteBuffer reply, int status, int flag, int n, long version, long io,
                              String name) throws IOException {
        reply.clear();
        reply.putInt(status).putInt(flag).putInt(n).putLong(version).flip();
        Wire.writeFully(ch, reply, io, name, "parameter server: reply");
    }

}
