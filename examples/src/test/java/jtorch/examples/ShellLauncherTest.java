package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./jtorch shell} run as {@code echo input | ./jtorch shell}: jtorch's packages are imported ({@code Module} is
 * jtorch's), the cpu back end is on (the Vector API flag reached the remote JVM), and a multi-line tensor printout
 * starts on its own line. The launcher's build step is skipped (JTORCH_NO_BUILD): Maven has built the classes.
 */
class ShellLauncherTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent(); // surefire runs in examples/

    static String run(String input, String... args) throws Exception {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "bash";
        cmd[1] = ROOT.resolve("jtorch").toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(ROOT.toFile());
        pb.environment().put("JTORCH_NO_BUILD", "1");
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        File in = File.createTempFile("jtorch-shell", ".txt");
        in.deleteOnExit();
        Files.writeString(in.toPath(), input);
        Process p = pb.redirectInput(in).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher did not finish:\n" + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test void shellEvaluatesTensorCodeWithImportsAndFlags() throws Exception {
        String out = run("""
                var x = Tensor.arange(0, 6, 1).view(2, 3)
                Backends.getDefault().name()
                var m = new Sequential().add(new Linear(3, 2)).add(new Tanh())
                m.getClass().getName()
                m.forward(x).sizes()[1]
                /exit
                """, "shell");
        assertTrue(out.contains("x ==>\n0 1 2\n3 4 5\n[F32 tensor of size 2x3]\n"), out);
        assertTrue(out.contains("\"cpu\""), out);
        assertTrue(out.contains("\"jtorch.nn.Sequential\""), out);
        assertTrue(out.contains("==>\n2\n"), out);
        assertTrue(!out.contains("Error") && !out.contains("jtorch: the JVM was started without"), out);
    }

    @Test void helpListsTheShell() throws Exception {
        assertTrue(run("", "help").contains("./jtorch shell"));
    }
}
