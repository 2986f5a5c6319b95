package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/** Compiles and runs every ```java block of the project's README.md, so its examples cannot rot. */
class ReadmeExampleTest {

    @Test
    void readmeJavaBlocksCompileAndRun() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(text);
        int blocks = 0;
        while (m.find()) {
            blocks++;
            String code = m.group(1);
            Matcher cls = Pattern.compile("public class (\\w+)").matcher(code);
            assertTrue(cls.find(), "README java block " + blocks + " declares no public class");
            Path dir = Files.createTempDirectory("readme");
            Path src = dir.resolve(cls.group(1) + ".java");
            Files.writeString(src, code);
            var err = new ByteArrayOutputStream();
            int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err, "--add-modules", "jdk.incubator.vector",
                    "-cp", System.getProperty("java.class.path"), "-d", dir.toString(), src.toString());
            assertEquals(0, rc, "README block " + blocks + " does not compile:\n" + err.toString(StandardCharsets.UTF_8));
            PrintStream old = System.out;
            var out = new ByteArrayOutputStream();
            try (var loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                loader.loadClass(cls.group(1)).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
            } finally {
                System.setOut(old);
            }
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("tensor of size"), "README block " + blocks + " printed no tensor");
        }
        assertTrue(blocks > 0, "README.md has no ```java block");
    }
}
