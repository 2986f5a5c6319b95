package jtorch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import jtorch.graph.Graph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The "any architecture works" graph (skip connection, Y-connector, Switch) on the digits set, shortened: 2 epochs
 * (seconds; 1 epoch gave 0.916) must reach 0.90 test accuracy (30 epochs give 0.9666), and the drawing must
 * be an SVG with its 12 nodes and 14 edges.
 */
class AnyArchitectureTest {

    @Test void learnsTheDigitsAndDrawsItself(@TempDir Path dir) throws Exception {
        AnyArchitecture a = new AnyArchitecture();
        a.epochs = 2;
        a.svg = dir.resolve("net.svg");
        double acc = a.run(false);
        assertTrue(acc >= 0.90, "test accuracy " + acc);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(a.svg.toFile());
        assertEquals(12, doc.getElementsByTagName("g").getLength());
        assertEquals(14 + 1, doc.getElementsByTagName("path").getLength(), "14 edges and the arrow head");
        String svg = Files.readString(a.svg);
        assertTrue(svg.contains("(7) Switch") && svg.contains("'skip'") && svg.contains("[4, 64]"), svg);
        assertTrue(Files.readString(dir.resolve("net.dot")).contains("n3 -> n8;"));
    }

    @Test void theGraphHasTheAdvertisedParts() {
        Graph g = AnyArchitecture.build();
        String s = g.toString();
        assertTrue(s.contains("nn.CAddTable 'skip' <- (3), (7)"), s);
        assertTrue(s.contains("} <- (6), (3)"), "the Switch reads the routing bit and the Y-connector: " + s);
    }
}
