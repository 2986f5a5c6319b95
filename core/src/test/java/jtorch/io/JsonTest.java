package jtorch.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test void writesAndParsesEveryKind() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\n\t\u0001é€😀");
        m.put("i", 42L);
        m.put("neg", -7L);
        m.put("d", 0.1);
        m.put("tiny", Double.MIN_VALUE);
        m.put("big", 1.7976931348623157E308);
        m.put("negzero", -0.0);
        m.put("t", true);
        m.put("f", false);
        m.put("n", null);
        m.put("arr", new ArrayList<>(Arrays.asList(1L, "x", null, List.of(), Map.of())));
        String text = Json.write(m);
        assertEquals(m, Json.parse(text));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) Json.parseObject(text).get("negzero")));
        assertEquals("{\"a\":[1,2.5,\"\\\"\"]}", Json.write(Map.of("a", List.of(1, 2.5, "\""))));
    }

    @Test void doublesRoundTripBitExactly() {
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (!Double.isFinite(d)) continue;
            Object back = Json.parse(Json.write(d));
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(((Number) back).doubleValue()), "value " + d);
        }
    }

    @Test void parsesStandardSyntax() {
        assertEquals(List.of(1L, -2L, 3.5, 1e10, -2.5e-3), Json.parse(" [1, -2, 3.5, 1E10, -2.5e-3] "));
        assertEquals("A/é", Json.parse("\"\\u0041\\/\\u00e9\""));
        assertEquals(Map.of(), Json.parse("{ }"));
        assertEquals(1e30, Json.parse("1000000000000000000000000000000"));
    }

    @Test void errorsNameThePosition() {
        assertError("{\"a\":1,}", "position 7");
        assertError("[1 2]", "position 3");
        assertError("{\"a\" 1}", "position 5");
        assertError("\"abc", "unterminated string at position 0");
        assertError("tru", "position 0");
        assertError("[1,", "end of text");
        assertError("01", "position 1");
        assertError("1.", "position 2");
        assertError("\"\\x\"", "invalid escape");
        assertError("{\"a\":1,\"a\":2}", "duplicate key \"a\" at position 7");
        assertError("[1] x", "after the value at position 4");
        assertError("", "end of text");
        assertError("[" .repeat(1000), "nesting");
    }

    @Test void refusesNonFiniteNumbers() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Double.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }

    private static void assertError(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text), text);
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
