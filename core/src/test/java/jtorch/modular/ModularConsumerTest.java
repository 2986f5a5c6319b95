package jtorch.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jtorch-core is a proper JPMS module: a modular consumer ({@code requires jtorch.core;}) compiles against the built
 * classes with javac (javax.tools) and runs on the module path, with the cpu back end and without
 * {@code --add-modules} (the module requires the Vector API itself); and every package holding a public type is
 * exported.
 */
class ModularConsumerTest {
    @TempDir Path dir;

    static Path coreClasses() throws Exception {
        return Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test void modularConsumerCompilesAndRuns() throws Exception {
        Path src = dir.resolve("src"), out = dir.resolve("out");
        Files.createDirectories(src.resolve("demo"));
        Files.writeString(src.resolve("module-info.java"), "module demo { requires jtorch.core; }\n");
        Files.writeString(src.resolve("demo/Main.java"), """
                package demo;

                import jtorch.backend.Backends;
                import jtorch.nn.Sequential;
                import jtorch.nn.activation.Tanh;
                import jtorch.nn.layer.Linear;
                import jtorch.tensor.Tensor;

                public class Main {
                    public static void main(String[] args) {
                        Sequential m = new Sequential().add(new Linear(3, 2)).add(new Tanh());
                        Tensor y = m.forward(Tensor.ones(4, 3));
                        System.out.println("module " + Tensor.class.getModule().getName());
                        System.out.println("backend " + Backends.getDefault().name());
                        System.out.println("shape " + java.util.Arrays.toString(y.sizes()));
                        System.out.println("sum " + Tensor.arange(0, 4, 1).sum());
                    }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("--module-path", coreClasses().toString(), "-d", out.toString(), "-Xlint:-incubating"), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(
                        src.resolve("module-info.java"), src.resolve("demo/Main.java"))).call();
        assertTrue(ok, "javac failed:\n" + diagnostics);

        Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                "--module-path", coreClasses() + File.pathSeparator + out, "-m", "demo/demo.Main").start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), "stdout:\n" + stdout + "stderr:\n" + stderr);
        assertEquals(List.of("module jtorch.core", "backend cpu", "shape [4, 2]", "sum 6.0"), stdout.lines().toList(),
                "stderr:\n" + stderr);
    }

    @Test void everyPackageWithAPublicTypeIsExported() throws Exception {
        Path classes = coreClasses();
        ModuleDescriptor d = ModuleFinder.of(classes).find("jtorch.core").orElseThrow().descriptor();
        Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
        Set<String> withPublic = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes.resolve("jtorch"))) {
            for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))::iterator) {
                String name = classes.relativize(f).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                if (java.lang.reflect.Modifier.isPublic(c.getModifiers())) withPublic.add(c.getPackageName());
            }
        }
        assertEquals(withPublic, exported);
        assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("jdk.incubator.vector")), d.requires().toString());
    }
}
