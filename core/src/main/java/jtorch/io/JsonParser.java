package jtorch.io;

import java.util.Arrays;

/**
 * The parser behind {@link Json#parse(String, Json.Limits)}. Values of open arrays and objects are
 * collected on one shared scratch stack and copied into exact-length {@link JsonArray} / {@link JsonObject}s when they
 * close, so the memory a parse uses is the result plus that stack: O(input length), at most about
 * 80 bytes per value (a one-entry object) plus string contents, with no per-container growth slack and no
 * allocation for {@code {}},
 * {@code []}, {@code ""}, small integers, booleans and nulls. {@link Json.Limits} caps nesting and the number of
 * values.
 */
final class JsonParser {
    private final String s;
    private final Json.Limits limits;
    int pos;
    private long values;
    private Object[] stack = new Object[64];
    private int[] keyPos = new int[16];
    private int top, keyTop;
    private int[] frameMark = new int[16], frameKeyMark = new int[16];
    private boolean[] frameObject = new boolean[16];
    private final String[] keyCache = new String[256];
    private final int[] duplicate = new int[1];

    JsonParser(String s, Json.Limits limits) {
        this.s = s;
        this.limits = limits;
    }

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

    /**
     * Parses one value at {@code pos}. Open arrays and objects are kept on explicit stacks ({@code frameMark},
     * {@code frameKeyMark}), never on the Java call stack, so the depth of nesting is bounded by
     * {@link Json.Limits#maxDepth()} alone and not by the thread's stack size.
     */
    Object value() {
        int depth = 0;
        while (true) {
            countValue();
            if (pos >= s.length()) throw error("unexpected end of text, expected a value");
            char c = s.charAt(pos);
            Object v;
            if (c == '{' || c == '[') {
                checkDepth(depth + 1);
                pos++;
                skipSpace();
                if (peek() == (c == '{' ? '}' : ']')) {
                    pos++;
                    v = c == '{' ? JsonObject.EMPTY : JsonArray.EMPTY;
                } else {
                    openFrame(depth++, c == '{');
                    if (c == '{') key();
                    continue;
                }
            } else {
                v = scalar(c);
            }
            while (true) { // v is complete: hand it to the innermost open container, closing those that end here
                if (depth == 0) return v;
                push(v);
                skipSpace();
                boolean object = frameObject[depth - 1];
                char d = next(object ? "an object" : "an array");
                if (d == (object ? '}' : ']')) {
                    depth--;
                    v = object ? closeObject(depth) : closeArray(depth);
                    continue;
                }
                if (d != ',') {
                    pos--;
                    throw error("expected ',' or '" + (object ? '}' : ']') + "' in " + (object ? "an object" : "an array")
                            + ", got '" + d + "'");
                }
                skipSpace();
                if (object) key();
                break;
            }
        }
    }

    private void countValue() {
        if (++values > limits.maxValues()) throw error("more than " + limits.maxValues() + " values (limit "
                + "Json.Limits.maxValues; raise it with -D" + Json.Limits.MAX_VALUES_PROPERTY + "=N or a Json.Limits)");
    }

    private Object scalar(char c) {
        return switch (c) {
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

    private void checkDepth(int depth) {
        if (depth > limits.maxDepth()) throw error("nesting deeper than " + limits.maxDepth() + " (limit "
                + "Json.Limits.maxDepth; raise it with -D" + Json.Limits.MAX_DEPTH_PROPERTY + "=N or a Json.Limits)");
    }

    private void openFrame(int i, boolean object) {
        if (i == frameMark.length) {
            frameMark = Arrays.copyOf(frameMark, 2 * i);
            frameKeyMark = Arrays.copyOf(frameKeyMark, 2 * i);
            frameObject = Arrays.copyOf(frameObject, 2 * i);
        }
        frameMark[i] = top;
        frameKeyMark[i] = keyTop;
        frameObject[i] = object;
    }

    /** An object's next key and its colon, leaving {@code pos} at the value. */
    private void key() {
        skipSpace();
        if (peek() != '"') throw error(pos >= s.length() ? "unexpected end of text in an object"
                : "expected a string key, got '" + s.charAt(pos) + "'");
        pushKeyPos(pos);
        push(keyString());
        skipSpace();
        expect(':');
        skipSpace();
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, pos)) throw error("invalid literal, expected '" + word + "'");
        pos += word.length();
        return v;
    }

    private JsonObject closeObject(int frame) {
        int mark = frameMark[frame], keyMark = frameKeyMark[frame];
        int n = (top - mark) / 2;
        String[] keys = new String[n];
        Object[] vals = new Object[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (String) stack[mark + 2 * i];
            vals[i] = stack[mark + 2 * i + 1];
        }
        JsonObject o = JsonObject.of(keys, vals, duplicate);
        if (o == null) {
            pos = keyPos[keyMark + duplicate[0]];
            throw error("duplicate key \"" + keys[duplicate[0]] + "\"");
        }
        Arrays.fill(stack, mark, top, null);
        top = mark;
        keyTop = keyMark;
        return o;
    }

    private JsonArray closeArray(int frame) {
        int mark = frameMark[frame];
        Object[] vals = Arrays.copyOfRange(stack, mark, top);
        Arrays.fill(stack, mark, top, null);
        top = mark;
        return JsonArray.of(vals);
    }

    private void push(Object v) {
        if (top == stack.length) stack = Arrays.copyOf(stack, stack.length * 2);
        stack[top++] = v;
    }

    private void pushKeyPos(int p) {
        if (keyTop == keyPos.length) keyPos = Arrays.copyOf(keyPos, keyPos.length * 2);
        keyPos[keyTop++] = p;
    }

    /** A key: repeated keys (the usual case: "dtype", "shape", ...) come from a small cache instead of a new string. */
    private String keyString() {
        int end = pos + 1;
        int h = 0;
        while (end < s.length() && end - pos <= 64) {
            char c = s.charAt(end);
            if (c == '"') break;
            if (c == '\\' || c < 0x20) return string();
            h = 31 * h + c;
            end++;
        }
        if (end >= s.length() || s.charAt(end) != '"') return string();
        int len = end - pos - 1, slot = (h ^ (h >>> 16)) & (keyCache.length - 1);
        String k = keyCache[slot];
        if (k == null || k.length() != len || !s.regionMatches(pos + 1, k, 0, len)) {
            k = s.substring(pos + 1, end);
            keyCache[slot] = k;
        }
        pos = end + 1;
        return k;
    }

    private String string() {
        int start = pos;
        int i = pos + 1;
        while (i < s.length()) { // fast path: no escape, no control character
            char c = s.charAt(i);
            if (c == '"') { pos = i + 1; return i == start + 1 ? "" : s.substring(start + 1, i); }
            if (c == '\\' || c < 0x20) break;
            i++;
        }
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
                case 'u' -> sb.append(unicodeEscape());
                default -> { pos -= 2; throw error("invalid escape '\\" + e + "'"); }
            }
        }
    }

    private char unicodeEscape() {
        if (pos + 4 > s.length()) { pos -= 2; throw error("truncated \\u escape"); }
        int cp = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos + i), 16);
            if (d < 0) { pos -= 2; throw error("invalid \\u escape"); }
            cp = cp * 16 + d;
        }
        pos += 4;
        return (char) cp;
    }

    private Object number() {
        int start = pos;
        boolean negative = peek() == '-';
        if (negative) pos++;
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
        int digits = pos - start - (negative ? 1 : 0);
        if (integral && digits <= 18) { // fits a long: no substring
            long v = 0;
            for (int i = pos - digits; i < pos; i++) v = v * 10 + (s.charAt(i) - '0');
            return negative ? -v : v;
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
