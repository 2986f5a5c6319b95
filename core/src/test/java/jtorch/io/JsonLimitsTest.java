package jtorch.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing a hostile text uses memory proportional to it, and nesting or value counts past the limits fail clearly. */
class JsonLimitsTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Bytes this thread allocates while running {@code r}. */
    private static long allocated(Runnable r) {
        long id = Thread.currentThread().threadId();
        long before = THREADS.getThreadAllocatedBytes(id);
        r.run();
        return THREADS.getThreadAllocatedBytes(id) - before;
    }

    private static String repeated(String open, String item, int n, String close) {
        StringBuilder sb = new StringBuilder(open.length() + n * (item.length() + 1) + close.length()).append(open);
        for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : ",").append(item);
        return sb.append(close).toString();
    }

    @Test void manyEmptyObjectsCostAFewBytesEach() {
        int n = 2_000_000; // 6 MB of text; a LinkedHashMap per {} took ~130 MB here
        String text = repeated("[", "{}", n, "]");
        Object[] result = new Object[1];
        long bytes = allocated(() -> result[0] = Json.parse(text));
        assertEquals(n, ((List<?>) result[0]).size());
        assertEquals(Map.of(), ((List<?>) result[0]).get(n - 1));
        System.out.println("[{},...]: " + bytes + " bytes allocated for " + text.length() + " chars");
        assertTrue(bytes < 6L * text.length(), "parsing " + text.length() + " chars of [{},{},...] allocated " + bytes
                + " bytes, more than 6 per input char");
    }

    @Test void smallObjectsStayProportional() {
        int n = 300_000;
        String text = repeated("[", "{\"a\":1,\"b\":[2.5]}", n, "]");
        Object[] result = new Object[1];
        long bytes = allocated(() -> result[0] = Json.parse(text));
        assertEquals(Map.of("a", 1L, "b", List.of(2.5)), ((List<?>) result[0]).get(7));
        System.out.println("small objects: " + bytes + " bytes allocated for " + text.length() + " chars");
        assertTrue(bytes < 20L * text.length(), "allocated " + bytes + " bytes for " + text.length() + " chars");
    }

    @Test void tooManyValuesFailClearlyBeforeTheLimitIsExceededInMemory() {
        String text = repeated("[", "{}", 300, "]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse(text, new Json.Limits(512, 100)));
        assertTrue(e.getMessage().contains("more than 100 values") && e.getMessage().contains("jtorch.json.maxValues"),
                e.getMessage());
        assertEquals(300, ((List<?>) Json.parse(text, new Json.Limits(512, 301))).size());
    }

    @Test void deepNestingFailsClearlyAndCanBeRaised() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nesting deeper than 512") && e.getMessage().contains("jtorch.json.maxDepth"),
                e.getMessage());
        assertEquals(List.of(List.of()), Json.parse("[[]]", new Json.Limits(2, 10)));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[[[]]]", new Json.Limits(2, 10)));
        Object ok = Json.parse(deep, new Json.Limits(5000, 10_000));
        assertTrue(ok instanceof List<?>);
        // nesting is not bounded by the thread's stack: the parser keeps open containers on its own stacks
        int n = 200_000;
        Object nested = Json.parse("[".repeat(n) + "{\"k\":[7]}" + "]".repeat(n), new Json.Limits(n + 2, n + 3L));
        for (int i = 0; i < n; i++) nested = ((List<?>) nested).get(0);
        assertEquals(Map.of("k", List.of(7L)), nested);
        String unclosed = "[".repeat(2_000_000);
        IllegalArgumentException end = assertThrows(IllegalArgumentException.class,
                () -> Json.parse(unclosed, new Json.Limits(Integer.MAX_VALUE, Long.MAX_VALUE)));
        assertTrue(end.getMessage().contains("unexpected end of text"), end.getMessage());
    }

    @Test void systemPropertyRaisesTheDefault() {
        String text = repeated("[", "1", 50, "]");
        String old = System.getProperty(Json.Limits.MAX_VALUES_PROPERTY);
        try {
            System.setProperty(Json.Limits.MAX_VALUES_PROPERTY, "10");
            assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
            System.setProperty(Json.Limits.MAX_VALUES_PROPERTY, "100");
            assertEquals(50, ((List<?>) Json.parse(text)).size());
        } finally {
            if (old == null) System.clearProperty(Json.Limits.MAX_VALUES_PROPERTY);
            else System.setProperty(Json.Limits.MAX_VALUES_PROPERTY, old);
        }
    }

    @Test void aSafetensorsHeaderOfEmptyObjectsFailsClearlyWithLittleMemory(@org.junit.jupiter.api.io.TempDir
                                                                          java.nio.file.Path dir) throws Exception {
        String header = repeated("{\"t\":[", "{}", 3_000_000, "]}"); // 9 MB, 3 million values
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + h.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        java.nio.file.Path f = java.nio.file.Files.write(dir.resolve("bomb.safetensors"), b.array());
        IllegalArgumentException[] e = new IllegalArgumentException[1];
        long bytes = allocated(() -> e[0] = assertThrows(IllegalArgumentException.class, () -> Safetensors.read(f)));
        assertTrue(e[0].getMessage().contains("bomb.safetensors") && e[0].getMessage().contains("maxValues"),
                e[0].getMessage());
        assertTrue(bytes < 64L << 20, "allocated " + bytes + " bytes");
    }

    @Test void largeObjectsLookUpByHashAndRejectDuplicates() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < 1000; i++) sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        Map<String, Object> m = Json.parseObject(sb + "}");
        assertEquals(1000, m.size());
        assertEquals(777L, m.get("k777"));
        assertTrue(!m.containsKey("k1000"));
        assertEquals("k0", m.keySet().iterator().next());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(sb + ",\"k500\":1}"));
        assertTrue(e.getMessage().contains("duplicate key \"k500\""), e.getMessage());
    }
}
