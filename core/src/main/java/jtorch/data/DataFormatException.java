package jtorch.data;

/**
 * The one exception every {@code jtorch.data} reader throws for a file whose content is not what its format requires
 * (wrong magic number, bad type byte, truncated data, trailing bytes, a field that is not a number, a label out of range,
 * corrupt gzip stream, invalid UTF-8, ...). The message names the file (or source), the byte offset (and the line, for
 * text formats) and what was expected there. A file that cannot be read at all (missing, permission denied) is reported
 * as {@link java.io.UncheckedIOException} instead.
 *
 * <p>It extends {@link IllegalArgumentException} so that callers that only care about "bad input" need no new type.
 */
public final class DataFormatException extends IllegalArgumentException {
    private final String source;
    private final long offset;

    /**
     * @param source the file or stream name
     * @param offset the byte offset (in the decompressed content for {@code .gz} files) where the problem was found,
     *               or -1 where no single offset applies
     * @param what   what was expected and what was found
     */
    public DataFormatException(String source, long offset, String what) {
        this(source + (offset >= 0 ? " at byte offset " + offset : "") + ": " + what, source, offset);
    }

    private DataFormatException(String message, String source, long offset) {
        super(message);
        this.source = source;
        this.offset = offset;
    }

    /**
     * A problem in a text file, located by line and field (1-based; field 0 = the whole line), as
     * {@code "<source> line <l> field <f> (byte offset <o>): <what>"}.
     */
    public static DataFormatException atLine(String source, long offset, int line, int field, String what) {
        return new DataFormatException(source + " line " + line + (field > 0 ? " field " + field : "") + " (byte offset "
                + offset + "): " + what, source, offset);
    }

    public DataFormatException(String source, long offset, String what, Throwable cause) {
        this(source, offset, what);
        initCause(cause);
    }

    /** The file or stream name. */
    public String source() { return source; }

    /** The byte offset of the problem, or -1. */
    public long offset() { return offset; }
}
