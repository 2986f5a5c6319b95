package jtorch.cli;

/** A user error (bad option, missing file, ...): {@link Main} prints its message as one line and exits with status 2. */
public final class CliException extends RuntimeException {
    public CliException(String message) { super(message, null, false, false); }
}
