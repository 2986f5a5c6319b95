package jtorch.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every cpu kernel returns the same bits interpreted and compiled: {@link KernelDigest}'s hashes (2 threads) from a
 * child JVM run with {@code -Xint} (Vector API Java fallback, no JIT at all), from a child JVM run with
 * {@code -XX:-TieredCompilation -Xcomp} (every method C2-compiled before its first call), from this JVM before and
 * after a warm-up of 60 further rounds (C2 with profiles, OSR), must all be equal. The JVM flags of this JVM
 * (e.g. {@code -XX:UseAVX=2}) are passed on to the children.
 * <p>Before the kernels were rewritten (JDK vector math, {@code reduceLanes(ADD)}), the first-round vs warm comparison
 * failed on 14 of 170 digests (sums, logsumexp, var, log-softmax, gemm dot paths); the -Xint and -Xcomp children then
 * agreed with each other (-Xcomp's profile-less C2 code did not use the intrinsics), so the warm comparison is the one
 * that sees C2's intrinsics.
 */
class KernelReproducibilityTest {

    static Process child(Path out, Path err, String... flags) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-XX:UseAVX") || a.startsWith("-XX:MaxVectorSize")) cmd.add(a);
        }
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelDigest.class.getName()));
        return new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    static Map<String, Long> read(String what, Process p, Path out, Path err) throws Exception {
        boolean done = p.waitFor(240, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String errText = Files.readString(err, StandardCharsets.UTF_8);
        assertTrue(done && p.exitValue() == 0, what + " child JVM failed (exit " + (done ? p.exitValue() : "timeout")
                + "): " + errText);
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out)) {
            String[] kv = line.split("\t");
            m.put(kv[0], Long.parseUnsignedLong(kv[1], 16));
        }
        return m;
    }

    static void assertSame(String what, Map<String, Long> want, Map<String, Long> got) {
        assertEquals(want.keySet(), got.keySet(), what + ": kernel lists differ");
        List<String> diff = new ArrayList<>();
        for (String k : want.keySet()) if (!want.get(k).equals(got.get(k))) diff.add(k);
        assertTrue(diff.isEmpty(), what + ": different bits from " + diff.size() + " of " + want.size() + " kernels: " + diff);
    }

    @Test
    void sameBitsInterpretedCompiledAndAfterWarmUp() throws Exception {
        Path dir = Files.createTempDirectory("jtorch-repro");
        try {
            Path io = dir.resolve("int.out"), ie = dir.resolve("int.err"), co = dir.resolve("comp.out"), ce = dir.resolve("comp.err");
            Process interp = child(io, ie, "-Xint");
            Process comp = child(co, ce, "-XX:-TieredCompilation", "-Xcomp");
            Map<String, Long> cold = KernelDigest.run();
            for (int i = 0; i < 60; i++) KernelDigest.run();
            Map<String, Long> warm = KernelDigest.run();
            assertTrue(cold.size() > 150, "digest too small: " + cold.size());
            assertSame("this JVM, first round vs after 60 rounds", cold, warm);
            assertSame("-Xint child vs this JVM", read("-Xint", interp, io, ie), warm);
            assertSame("-Xcomp child vs this JVM", read("-Xcomp", comp, co, ce), warm);
        } finally {
            try (var s = Files.list(dir)) { for (Path p : s.toList()) Files.deleteIfExists(p); }
            Files.deleteIfExists(dir);
        }
    }
}
