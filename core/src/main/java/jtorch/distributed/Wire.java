package jtorch.distributed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Non-blocking socket reads and writes with a deadline, so that no call waits forever: a peer that sends nothing
 * (or stops reading) for {@code timeoutNanos} ends the call with a {@link CollectiveException} naming it.
 */
final class Wire {
    private Wire() {}

    /** Reads until {@code buf} is full; a gap of more than {@code timeoutNanos} without data or EOF throws. */
    static void readFully(SocketChannel ch, ByteBuffer buf, long timeoutNanos, String peer, String what) throws IOException {
        transfer(ch, buf, SelectionKey.OP_READ, timeoutNanos, peer, what);
    }

    /** Writes all of {@code buf}; a gap of more than {@code timeoutNanos} with the peer not reading throws. */
    static void writeFully(SocketChannel ch, ByteBuffer buf, long timeoutNanos, String peer, String what) throws IOException {
        transfer(ch, buf, SelectionKey.OP_WRITE, timeoutNanos, peer, what);
    }

    private static void transfer(SocketChannel ch, ByteBuffer buf, int op, long timeoutNanos, String peer, String what)
            throws IOException {
        ch.configureBlocking(false);
        if (move(ch, buf, op, peer, what) && !buf.hasRemaining()) return;
        try (Selector sel = Selector.open()) {
            ch.register(sel, op);
            long last = System.nanoTime();
            while (buf.hasRemaining()) {
                long left = timeoutNanos - (System.nanoTime() - last);
                if (left <= 0) throw timeout(peer, what, timeoutNanos, op == SelectionKey.OP_READ);
                sel.select(Math.max(1, left / 1_000_000));
                sel.selectedKeys().clear();
                if (move(ch, buf, op, peer, what)) last = System.nanoTime();
            }
        }
    }

    /** One read or write; true when bytes moved. */
    static boolean move(SocketChannel ch, ByteBuffer buf, int op, String peer, String what) throws IOException {
        int n = op == SelectionKey.OP_READ ? ch.read(buf) : ch.write(buf);
        if (n < 0) throw new CollectiveException(what + ": " + peer + " closed the connection");
        return n > 0;
    }

    static CollectiveException timeout(String peer, String what, long timeoutNanos, boolean reading) {
        return new CollectiveException(what + ": " + peer + (reading ? " sent nothing" : " read nothing") + " for "
                + timeoutNanos / 1_000_000 + " ms (dead, stopped or overloaded); the collective is now broken");
    }

    /** Closes {@code c}, ignoring an error (the peer or socket is already gone). */
    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** The remote address of {@code ch}, for log lines and messages. */
    static String peer(SocketChannel ch) {
        try {
            return String.valueOf(ch.getRemoteAddress());
        } catch (IOException e) {
            return "an unknown peer";
        }
    }
}
