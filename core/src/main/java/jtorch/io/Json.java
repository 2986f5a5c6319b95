package jtorch.io;

import java.util.List;
import java.util.Map;

/**
 * A small JSON (RFC 8259) writer and parser with no dependency.
 * <p>Values map to Java as: object ↔ {@link Map}{@code <String, Object>} (when parsed: unmodifiable, keys in file
 * order), array ↔ {@link List} (unmodifiable when parsed), string ↔ {@link String}, number ↔ {@link Long} (an integer literal that fits) or
 * {@link Double} (any other number; written with {@link Double#toString}, which reads back to the same bits),
 * {@code true}/{@code false} ↔ {@link Boolean}, {@code null} ↔ null. Integer, Short and Float are accepted on writing.
 * <p>Parse errors throw {@link IllegalArgumentException} naming the character position; NaN and infinities cannot be
 * written (JSON has no such numbers). Parsing is bounded by {@link Limits}: memory proportional to the input (about 80
 * bytes per value at most, plus string contents), nesting at most 512 deep by default.
 */
public final class Json {
    private Json() {}

    /** The compact JSON text of {@code value}. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> quote(sb, s);
            case Boolean b -> sb.append(b);
            case Integer i -> sb.append(i);
            case Long l -> sb.append(l);
            case Short s -> sb.append(s);
            case Float f -> writeDouble(sb, f.doubleValue(), f.toString());
            case Double d -> writeDouble(sb, d, d.toString());
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getKey() instanceof String k)) throw new IllegalArgumentException(
                            "Json.write: object keys must be strings, got " + e.getKey());
                    if (!first) sb.append(',');
                    first = false;
                    quote(sb, k);
                    sb.append(':');
                    write(sb, e.getValue());
                }
                sb.append('}');
            }
            case List<?> l -> {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) sb.append(',');
                    write(sb, l.get(i));
                }
                sb.append(']');
            }
            default -> throw new IllegalArgumentException("Json.write: cannot write a " + v.getClass().getName());
        }
    }

    private static void writeDouble(StringBuilder sb, double d, String text) {
        if (!Double.isFinite(d)) throw new IllegalArgumentException("Json.write: " + d + " is not a JSON number");
        sb.append(text);
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    /**
     * Bounds on what {@link #parse(String, Limits)} accepts, so that a hostile text cannot make it use memory or stack
     * out of proportion: {@code maxDepth} nested arrays/objects, {@code maxValues} values in all (every element,
     * member value and the root count one). The parsed result takes at most about 80 bytes per value plus the
     * characters of its strings (the parser keeps no per-container slack), so with the defaults (512 levels,
     * 2,097,152 values, about 170 MB besides string contents; a safetensors header needs about 10 values per tensor)
     * memory stays bounded whatever the input length. The defaults can be raised for the whole JVM with the system properties
     * {@value #MAX_DEPTH_PROPERTY} and {@value #MAX_VALUES_PROPERTY}.
     */
    public record Limits(int maxDepth, long maxValues) {
        public static final String MAX_DEPTH_PROPERTY = "jtorch.json.maxDepth";
        public static final String MAX_VALUES_PROPERTY = "jtorch.json.maxValues";
        public static final int DEFAULT_MAX_DEPTH = 512;
        public static final long DEFAULT_MAX_VALUES = 1L << 21;

        public Limits {
            if (maxDepth < 1) throw new IllegalArgumentException("Json.Limits: maxDepth must be >= 1, got " + maxDepth);
            if (maxValues < 1) throw new IllegalArgumentException("Json.Limits: maxValues must be >= 1, got " + maxValues);
        }

        /** The defaults, or the system properties above where set. */
        public static Limits defaults() {
            return new Limits((int) property(MAX_DEPTH_PROPERTY, DEFAULT_MAX_DEPTH, Integer.MAX_VALUE),
                    property(MAX_VALUES_PROPERTY, DEFAULT_MAX_VALUES, Long.MAX_VALUE));
        }

        private static long property(String name, long dflt, long max) {
            String v = System.getProperty(name);
            if (v == null) return dflt;
            try {
                long r = Long.parseLong(v.strip());
                if (r >= 1 && r <= max) return r;
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("system property " + name + "=" + v + ": expected a whole number in 1.." + max);
        }
    }

    /** Parses one JSON value (surrounding white space allowed, nothing else after it) within {@link Limits#defaults()}. */
    public static Object parse(String text) { return parse(text, Limits.defaults()); }

    /** Parses one JSON value within {@code limits}; exceeding one is an {@link IllegalArgumentException} naming it. */
    public static Object parse(String text, Limits limits) {
        JsonParser p = new JsonParser(text, limits);
        p.skipSpace();
        Object v = p.value();
        p.skipSpace();
        if (p.pos < text.length()) throw p.error("unexpected '" + text.charAt(p.pos) + "' after the value");
        return v;
    }

    /** Parses a JSON object within {@link Limits#defaults()}; throws when the text is another kind of value. */
    public static Map<String, Object> parseObject(String text) { return parseObject(text, Limits.defaults()); }

    /** Parses a JSON object within {@code limits}; throws when the text is another kind of value. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text, Limits limits) {
        Object v = parse(text, limits);
        if (!(v instanceof Map)) throw new IllegalArgumentException("JSON: expected an object at position 0, got "
                + kind(v));
        return (Map<String, Object>) v;
    }

    /**
     * A double as a JSON value that reads back to the same bits with {@link #toDouble}: the number itself when finite,
     * else the string {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}.
     */
    public static Object number(double d) { return Double.isFinite(d) ? (Object) d : Double.toString(d); }

    /** The double of a JSON number or of the strings written by {@link #number} for non-finite values. */
    public static double toDouble(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            switch (s) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw new IllegalArgumentException("JSON: expected a number, got " + kind(v) + " " + v);
    }

    /** "object", "array", "string", "number", "boolean" or "null": for error messages. */
    public static String kind(Object v) {
        return switch (v) {
            case null -> "null";
            case Map<?, ?> m -> "object";
            case List<?> l -> "array";
            case String s -> "string";
            case Number n -> "number";
            case Boolean b -> "boolean";
            default -> v.getClass().getSimpleName();
        };
    }
}
