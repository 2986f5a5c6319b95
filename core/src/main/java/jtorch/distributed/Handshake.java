package jtorch.distributed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The mutual proof of the job's secret K that opens every TCP connection, before any data is trusted:
 * <pre>
 *   acceptor  → connector:  "JTRC" · version · nA                      (nA: 32 random bytes)
 *   connector → acceptor:   "JTRC" · rank · nC · HMAC-SHA256_K("connect" · nA · nC · rank)
 *   acceptor  → connector:  HMAC-SHA256_K("accept" · nA · nC · rank)
 * </pre>
 * Fresh nonces on both sides make a recorded exchange useless for replay; the MACs are compared in constant time.
 * Each side reads with a deadline, so a silent or slow peer (slow-loris) is dropped after the handshake timeout.
 */
final class Handshake {
    private Handshake() {}

    static final int MAGIC = 0x4A545243, VERSION = 1, NONCE = 32, MAC = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The acceptor's side; returns the connector's authenticated rank or throws {@link CollectiveException}. */
    static int accept(SocketChannel ch, byte[] secret, long timeoutNanos, String peer) throws IOException {
        byte[] nA = nonce();
        ByteBuffer hello = ByteBuffer.allocate(8 + NONCE).putInt(MAGIC).putInt(VERSION).put(nA).flip();
        Wire.writeFully(ch, hello, timeoutNanos, peer, "handshake");
        ByteBuffer in = ByteBuffer.allocate(8 + NONCE + MAC);
        Wire.readFully(ch, in, timeoutNanos, peer, "handshake");
        in.flip();
        if (in.getInt() != MAGIC) throw new CollectiveException("handshake: " + peer + " does not speak the jtorch protocol");
        int rank = in.getInt();
        byte[] nC = new byte[NONCE], mac = new byte[MAC];
        in.get(nC).get(mac);
        if (!MessageDigest.isEqual(mac, mac(secret, "connect", nA, nC, rank))) {
            throw new CollectiveException("handshake: " + peer + " does not know the job's secret (bad HMAC)");
        }
        Wire.writeFully(ch, ByteBuffer.wrap(mac(secret, "accept", nA, nC, rank)), timeoutNanos, peer, "handshake");
        return rank;
    }

    /** The connector's side, announcing {@code rank}; throws {@link CollectiveException} when the acceptor fails. */
    static void connect(SocketChannel ch, byte[] secret, int rank, long timeoutNanos, String peer) throws IOException {
        ByteBuffer hello = ByteBuffer.allocate(8 + NONCE);
        Wire.readFully(ch, hello, timeoutNanos, peer, "handshake");
        hello.flip();
        if (hello.getInt() != MAGIC || hello.getInt() != VERSION) throw new CollectiveException("handshake: "
                + peer + " is not a jtorch collective of protocol version " + VERSION);
        byte[] nA = new byte[NONCE];
        hello.get(nA);
        byte[] nC = nonce();
        ByteBuffer out = ByteBuffer.allocate(8 + NONCE + MAC).putInt(MAGIC).putInt(rank).put(nC)
                .put(mac(secret, "connect", nA, nC, rank)).flip();
        Wire.writeFully(ch, out, timeoutNanos, peer, "handshake");
        ByteBuffer proof = ByteBuffer.allocate(MAC);
        try {
            Wire.readFully(ch, proof, timeoutNanos, peer, "handshake");
        } catch (CollectiveException e) {
            throw new CollectiveException("handshake: " + peer + " refused this member (is the secret the job's?): "
                    + e.getMessage(), e);
        }
        if (!MessageDigest.isEqual(proof.array(), mac(secret, "accept", nA, nC, rank))) {
            throw new CollectiveException("handshake: " + peer + " does not know the job's secret (bad HMAC)");
        }
    }

    static byte[] nonce() {
        byte[] b = new byte[NONCE];
        RANDOM.nextBytes(b);
        return b;
    }

    static byte[] mac(byte[] secret, String label, byte[] nA, byte[] nC, int rank) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret, "HmacSHA256"));
            m.update(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            m.update(nA);
            m.update(nC);
            m.update(ByteBuffer.allocate(4).putInt(rank).array());
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
        }
    }
}
