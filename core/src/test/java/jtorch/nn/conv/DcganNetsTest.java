package jtorch.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jtorch.nn.Sequential;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The DCGAN builders: shapes of both depths, the projection discriminator's label term, the DCGAN initialisation. */
class DcganNetsTest {
    @Test
    void bothDepthsMapNoiseToImagesAndImagesToLogits() {
        Generator.manualSeed(1);
        Tensor z = Tensor.randn(new Generator(2), 3, 10), x = Tensor.rand(new Generator(3), 3, 1, 28, 28);
        for (boolean deep : new boolean[] {false, true}) {
            Sequential g = DcganNets.generator(10, 8, deep), d = DcganNets.discriminator(8, deep);
            assertArrayEquals(new int[] {3, 1, 28, 28}, g.forward(z).toTensor("G").sizes(), "deep " + deep);
            assertArrayEquals(new int[] {3, 1}, d.forward(x).toTensor("D").sizes(), "deep " + deep);
        }
        assertEquals(DcganNets.generator(10, 8, false).children().size() + 3, DcganNets.generator(10, 8, true).children().size());
        assertEquals(DcganNets.discriminator(8, false).children().size() + 3, DcganNets.discriminator(8, true).children().size());
    }

    @Test
    void projectionAddsTheLabelsEmbeddingDotTheFeatures() {
        Generator.manualSeed(4);
        Sequential plain = DcganNets.discriminator(4, false);
        Tensor x = Tensor.rand(new Generator(5), 2, 1, 28, 28);
        plain.evaluate();
        Tensor unconditional = plain.forward(x).toTensor("D").clone();
        Sequential p = DcganNets.projection(plain, 3);
        p.evaluate();
        Tensor e = Tensor.of(new float[] {1, 0, 0, 0, 0, 1}, 2, 3);
        // with a zero embedding the projection D is the unconditional one; with a nonzero one the label matters
        p.namedParameters().stream().filter(w -> w.weight().dim() == 2 && w.weight().size(1) == 3).findFirst().orElseThrow()
                .weight().fillInPlace(0);
        assertArrayEquals(unconditional.toFloatArray(), p.forward(Table.of(x, e)).toTensor("D").toFloatArray(), 1e-6f);
        DcganNets.dcganInit(p, new Generator(6));
        Tensor a = p.forward(Table.of(x, e)).toTensor("D").clone();
        Tensor b = p.forward(Table.of(x, Tensor.of(new float[] {0, 1, 0, 1, 0, 0}, 2, 3))).toTensor("D");
        assertArrayEquals(new int[] {2, 1}, a.sizes());
        assertTrue(Math.abs(a.toFloatArray()[0] - b.toFloatArray()[0]) > 1e-6, "the label changes D(x, y)");
    }

    @Test
    void dcganInitDrawsSmallWeightsAndUnitScales() {
        Sequential g = DcganNets.dcganInit(DcganNets.generator(64, 32, true), new Generator(7));
        float[] w = g.get(0).namedParameters().getFirst().weight().toFloatArray(); // Linear(64, 3136)
        double s = 0, q = 0;
        for (float v : w) { s += v; q += v * (double) v; }
        double mean = s / w.length, sd = Math.sqrt(q / w.length - mean * mean);
        assertEquals(0, mean, 1e-3);
        assertEquals(0.02, sd, 1e-3);
        float[] bias = g.get(0).namedParameters().get(1).weight().toFloatArray();
        for (float v : bias) assertEquals(0f, v);
        float[] scale = g.get(2).namedParameters().get(0).weight().toFloatArray(); // the first batch norm
        double m = 0;
        for (float v : scale) m += v / scale.length;
        assertEquals(1, m, 0.01);
    }
}
