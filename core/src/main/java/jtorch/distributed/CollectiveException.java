package jtorch.distributed;

/** A collective operation failed: a peer died, timed out, sent bad data or was refused. The message names the peer. */
public class CollectiveException extends RuntimeException {
    public CollectiveException(String message) { super(message); }

    public CollectiveException(String message, Throwable cause) { super(message, cause); }
}
