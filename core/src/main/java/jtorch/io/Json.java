package jtorch.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON (RFC 8259) writer and parser with no dependency.
 * <p>Values map to Java as: object ↔ {@link Map}{@code <String, Object>} (a {@link LinkedHashMap} when parsed, keys in
 * file order), array ↔ {@link List}, string ↔ {@link String}, number ↔ {@link Long} (an integer literal that fits) or
 * {@link Double} (any other number; written with {@link Double#toString}, which reads back to the same bits),
 * {@code true}/{@code false} ↔ {@link Boolean}, {@code null} ↔ null. Integer, Short and Float are accepted on writing.
 * <p>Parse errors throw {@link IllegalArgumentException} naming the character position; NaN and infinities cannot be
 * written (JSON has no such numbers).
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

    /** Parses one JSON value (surrounding white space allowed, nothing else after it). */
    public static Object parse(String text) {
        Parser p = new Parser(text);
        p.skipSpace();
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos < text.length()) throw p.error("unexpected '" + text.charAt(p.pos) + "' after the value");
        return v;
    }

    /** Parses a JSON object; throws when the text is another kind of value. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object v = parse(text);
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

    private static final class Parser {
        private static final int MAX_DEPTH = 512;
        final String s;
        int pos;

        Parser(String s) { this.s = s; }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at position " + pos);
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
                pos++;
            }
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
            if (pos >= s.length()) throw error("unexpected end of text, expected a value");
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) yield number();
                    throw error("unexpected '" + c + "', expected a value");
                }
            };
        }

        Object literal(String word, Object v) {
            if (!s.startsWith(word, pos)) throw error("invalid literal, expected '" + word + "'");
            pos += word.length();
            return v;
        }

        Map<String, Object> object(int depth) {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++; // {
            skipSpace();
            if (peek() == '}') { pos++; return m; }
            while (true) {
                skipSpace();
                if (peek() != '"') throw error(pos >= s.length() ? "unexpected end of text in an object"
                        : "expected a string key, got '" + s.charAt(pos) + "'");
                int keyPos = pos;
                String k = string();
                skipSpace();
                expect(':');
                skipSpace();
                Object v = value(depth + 1);
                if (m.containsKey(k)) { pos = keyPos; throw error("duplicate key \"" + k + "\""); }
                m.put(k, v);
                skipSpace();
                char c = next("an object");
                if (c == '}') return m;
                if (c != ',') { pos--; throw error("expected ',' or '}' in an object, got '" + c + "'"); }
            }
        }

        List<Object> array(int depth) {
            List<Object> l = new ArrayList<>();
            pos++; // [
            skipSpace();
            if (peek() == ']') { pos++; return l; }
            while (true) {
                skipSpace();
                l.add(value(depth + 1));
                skipSpace();
                char c = next("an array");
                if (c == ']') return l;
                if (c != ',') { pos--; throw error("expected ',' or ']' in an array, got '" + c + "'"); }
            }
        }

        String string() {
            int start = pos;
            pos++; // "
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) { pos = start; throw error("unterminated string"); }
                char c = s.charAt(pos++);
                if (c == '"') return sb.toString();
                if (c < 0x20) { pos--; throw error("raw control character 0x" + Integer.toHexString(c) + " in a string"); }
                if (c != '\\') { sb.append(c); continue; }
                if (pos >= s.length()) { pos = start; throw error("unterminated string"); }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) { pos -= 2; throw error("truncated \\u escape"); }
                        int cp = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = Character.digit(s.charAt(pos + i), 16);
                            if (d < 0) { pos -= 2; throw error("invalid \\u escape"); }
                            cp = cp * 16 + d;
                        }
                        pos += 4;
                        sb.append((char) cp);
                    }
                    default -> { pos -= 2; throw error("invalid escape '\\" + e + "'"); }
                }
            }
        }

        Object number() {
            int start = pos;
            if (peek() == '-') pos++;
            if (peek() == '0') pos++;
            else if (isDigit(peek())) { while (isDigit(peek())) pos++; }
            else throw error("expected a digit");
            boolean integral = true;
            if (peek() == '.') {
                integral = false;
                pos++;
                if (!isDigit(peek())) throw error("expected a digit after '.'");
                while (isDigit(peek())) pos++;
            }
            if (peek() == 'e' || peek() == 'E') {
                integral = false;
                pos++;
                if (peek() == '+' || peek() == '-') pos++;
                if (!isDigit(peek())) throw error("expected a digit in the exponent");
                while (isDigit(peek())) pos++;
            }
            String t = s.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException tooBig) {
                    return Double.parseDouble(t);
                }
            }
            return Double.parseDouble(t);
        }

        private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

        private char peek() { return pos < s.length() ? s.charAt(pos) : '\0'; }

        private char next(String where) {
            if (pos >= s.length()) throw error("unexpected end of text in " + where);
            return s.charAt(pos++);
        }

        private void expect(char c) {
            if (pos >= s.length()) throw error("unexpected end of text, expected '" + c + "'");
            if (s.charAt(pos) != c) throw error("expected '" + c + "', got '" + s.charAt(pos) + "'");
            pos++;
        }
    }
}
