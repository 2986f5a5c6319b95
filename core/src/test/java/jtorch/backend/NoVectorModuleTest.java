package jtorch.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A JVM started without {@code --add-modules jdk.incubator.vector} prints one line naming the flag and runs on the
 * reference back end, with the same results as this (flagged) JVM's reference back end.
 */
class NoVectorModuleTest {
    static Path location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    record Run(int exit, List<String> out, List<String> err) {}

    static Run run(String... jvmArgs) throws Exception {
        String cp = location(Backends.class) + File.pathSeparator + location(NoVectorModuleMain.class);
        List<String> cmd = new java.util.ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java"));
        cmd.addAll(Arrays.asList(jvmArgs));
        cmd.addAll(List.of("-cp", cp, NoVectorModuleMain.class.getName()));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out, err;
        try {
            out = p.getInputStream().readAllBytes();
            err = p.getErrorStream().readAllBytes();
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8).lines().toList(),
                new String(err, StandardCharsets.UTF_8).lines().toList());
    }

    @Test void withoutTheFlagOneLineNamesItAndTheReferenceBackEndRuns() throws Exception {
        Run r = run();
        assertEquals(0, r.exit(), "exit status; stderr: " + r.err());
        assertEquals(1, r.err().size(), "exactly one line on stderr, got " + r.err());
        String line = r.err().get(0);
        assertTrue(line.contains("--add-modules jdk.incubator.vector"), line);
        assertTrue(line.contains("reference back end"), line);
        assertEquals("backend ref", r.out().get(0));
        assertEquals("sum 55.0", r.out().get(1));
        Tensor x = Tensor.arange(0, 6, 1).view(2, 3).to(Backends.ref());
        Tensor y = x.mm(x.t()).tanh().add(x.sum());
        assertEquals("y " + Arrays.toString(y.toFloatArray()), r.out().get(2));
        assertTrue(r.out().get(3).startsWith("cpu() refused: ") && r.out().get(3).contains("--add-modules"), r.out().get(3));
    }

    @Test void withTheFlagNoMessageAndTheCpuBackEnd() throws Exception {
        Run r = run("--add-modules", "jdk.incubator.vector");
        assertEquals(0, r.exit(), "exit status; stderr: " + r.err());
        assertTrue(r.err().stream().noneMatch(l -> l.startsWith("jtorch:")), "stderr: " + r.err());
        assertEquals("backend cpu", r.out().get(0));
        assertEquals("sum 55.0", r.out().get(1));
        assertEquals("cpu() returned", r.out().get(3));
    }

    @Test void explicitReferenceBackEndIsSilent() throws Exception {
        Run r = run("-Djtorch.backend=ref");
        assertEquals(0, r.exit(), "exit status; stderr: " + r.err());
        assertEquals(List.of(), r.err());
        assertEquals("backend ref", r.out().get(0));
    }
}
