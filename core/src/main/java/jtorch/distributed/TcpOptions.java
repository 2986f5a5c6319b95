package jtorch.distributed;

import java.time.Duration;

/**
 * The time limits of a {@link TcpCollective}.
 *
 * @param setup     how long {@link TcpListener#join} waits for its neighbours to come up and authenticate
 * @param handshake how long a connecting peer may take to prove the secret before it is dropped (slow-loris bound)
 * @param io        the longest gap without progress in an operation before the peer is declared dead
 */
public record TcpOptions(Duration setup, Duration handshake, Duration io) {
    public static final TcpOptions DEFAULTS = new TcpOptions(Duration.ofSeconds(60), Duration.ofSeconds(5),
            Duration.ofSeconds(60));

    public TcpOptions {
        for (Duration d : new Duration[] {setup, handshake, io}) {
            if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(
                    "TcpOptions: every timeout must be positive, got " + setup + ", " + handshake + ", " + io);
        }
    }
}
