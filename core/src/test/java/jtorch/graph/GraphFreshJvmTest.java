package jtorch.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jtorch.io.Model;
import jtorch.nn.activation.Tanh;
import jtorch.nn.layer.Linear;
import jtorch.nn.table.CAddTable;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file holding a Graph loads in a fresh JVM whose code never named the Graph class: jtorch.io knows the
 * built-in types of the packages above it by name and loads their class on first use (about 1 s: one child JVM).
 */
class GraphFreshJvmTest {

    @Test void aSavedGraphLoadsInAFreshJvm(@TempDir Path dir) throws Exception {
        Node x = Node.input();
        Linear shared = new Linear(3, 3);
        Graph g = new Graph(x, Node.of(new CAddTable(), x, Node.of(shared, Node.of(shared, x).then(new Tanh()))));
        Path file = dir.resolve("g.model");
        Model.save(g, file);
        String want = Graph.class.getName() + " " + java.util.Arrays.toString(g.forward(Tensor.ones(2, 3)).tensor().toFloatArray());
        Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), GraphLoadMain.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        assertEquals(0, p.exitValue(), out);
        assertEquals(want, out);
        assertTrue(Files.size(file) > 0);
    }
}
