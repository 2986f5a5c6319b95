package jtorch.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import jtorch.io.Model;
import jtorch.io.ModuleRegistry;
import jtorch.nn.ConcatTable;
import jtorch.nn.activation.Tanh;
import jtorch.nn.layer.Linear;
import jtorch.nn.table.CAddTable;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Model files keep a graph's structure, labels and weight sharing; the SVG drawing is well-formed. */
class GraphFileTest {

    /** Two inputs, a shared Linear, a split, labels. */
    static Graph sample() {
        Linear shared = new Linear(3, 3);
        Node a = Node.input("a"), b = Node.input("b");
        Node[] parts = Node.of(new ConcatTable().add(new Tanh()).add(new Linear(3, 3)), Node.of(shared, a)).split(2);
        Node y = Node.of(new CAddTable(), parts[0], Node.of(shared, parts[1]).label("again"), b).label("sum");
        return new Graph(List.of(a, b), List.of(y));
    }

    @Test void roundTripsThroughTheRegistryAndModelFiles(@TempDir Path dir) {
        Graph g = sample();
        String json = ModuleRegistry.toJson(g);
        Graph back = (Graph) ModuleRegistry.fromJson(json);
        assertEquals(json, ModuleRegistry.toJson(back));
        assertEquals(g.toString(), back.toString());
        Tensor x1 = Tensor.randn(new Generator(1), 2, 3), x2 = Tensor.randn(new Generator(2), 2, 3);
        jtorch.tensor.Table in = jtorch.tensor.Table.of(x1, x2);
        float[] want = g.forward(in).tensor().toFloatArray();
        Model.save(g, dir.resolve("g.model"));
        Graph loaded = (Graph) Model.load(dir.resolve("g.model"));
        assertArrayEquals(want, loaded.forward(in).tensor().toFloatArray());
        assertEquals(g.getParameters().weights().numel(), loaded.getParameters().weights().numel(), "weights once");
        ((Linear) loaded.children().get(0)).weight().fillInPlace(0); // both uses of the shared Linear see it
        Tensor y = loaded.forward(in).tensor();
        Tensor byHand = x2.add(((Linear) loaded.children().get(0)).bias().view(1, 3).expand(2, 3).tanh());
        byHand.addInPlace(((Linear) loaded.children().get(0)).bias().view(1, 3).expand(2, 3)); // shared(anything) = bias
        assertArrayEquals(byHand.toFloatArray(), y.toFloatArray(), 1e-6f);
    }

    @Test void damagedDescriptionsAreRejected() {
        String json = ModuleRegistry.toJson(sample());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModuleRegistry.fromJson(json.replace("\"outputs\":[", "\"outputs\":[99,")));
        assertTrue(e.getMessage().contains("Graph description: outputs names node 99"), e.getMessage());
    }

    @Test void svgIsWellFormedWithOneGroupPerNodeAndOnePathPerEdge() throws Exception {
        Graph g = sample();
        g.forward(jtorch.tensor.Table.of(Tensor.zeros(2, 3), Tensor.zeros(2, 3)));
        String svg = g.toSvg();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        NodeList groups = doc.getElementsByTagName("g"), paths = doc.getElementsByTagName("path");
        assertEquals(g.nodeCount(), groups.getLength());
        int edges = 0;
        for (int i = 0; i < paths.getLength(); i++) if ("edge".equals(((Element) paths.item(i)).getAttribute("class"))) edges++;
        assertEquals(8, edges, "a->s, s->ct, ct->e0, ct->e1, e1->s2, e0->sum, s2->sum, b->sum");
        assertTrue(svg.contains("(5) Linear(3 -&gt; 3) 'again'") && svg.contains("(0) input 0 'a'")
                && svg.contains("{[2, 3], [2, 3]}") && svg.contains("data-from=\"6\" data-to=\"7\""), svg);
    }
}
