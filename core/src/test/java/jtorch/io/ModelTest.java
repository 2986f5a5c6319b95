package jtorch.io;

import jtorch.optim.Optimizer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.nn.Concat;
import jtorch.nn.ConcatTable;
import jtorch.nn.Module;
import jtorch.nn.ParallelTable;
import jtorch.nn.Sequential;
import jtorch.nn.Switch;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.activation.Sigmoid;
import jtorch.nn.activation.Tanh;
import jtorch.nn.distance.Euclidean;
import jtorch.nn.distance.PairwiseDistance;
import jtorch.nn.layer.CAdd;
import jtorch.nn.layer.CMul;
import jtorch.nn.layer.Dropout;
import jtorch.nn.layer.Linear;
import jtorch.nn.layer.Mul;
import jtorch.nn.layer.Narrow;
import jtorch.nn.layer.View;
import jtorch.nn.reduce.Max;
import jtorch.nn.table.CAddTable;
import jtorch.nn.table.CMulTable;
import jtorch.nn.table.JoinTable;
import jtorch.nn.table.SplitTable;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTest {
    @TempDir Path dir;

    static void assertBitIdentical(Activity expected, Activity actual, String what) {
        if (expected instanceof Table te) {
            Table ta = actual.toTable(what);
            assertEquals(te.size(), ta.size(), what);
            for (int i = 0; i < te.size(); i++) assertBitIdentical(te.get(i), ta.get(i), what + "[" + i + "]");
            return;
        }
        SafetensorsTest.assertSameTensor(what, (Tensor) expected, actual.toTensor(what));
    }

    private Module roundTrip(Module m, Activity input, String name) {
        Path f = dir.resolve(name + ".safetensors");
        m.getParameters(); // weights become views of one flat tensor, as in training
        Model.save(m, f);
        Module back = Model.load(f);
        assertEquals(ModuleRegistry.toJson(m), ModuleRegistry.toJson(back), name);
        assertBitIdentical(m.getParameters().weights(), back.getParameters().weights(), name + " flat weights");
        m.evaluate();
        back.evaluate();
        assertBitIdentical(m.forward(input), back.forward(input), name + " output");
        return back;
    }

    @Test void loadedNetworksGiveBitIdenticalOutputs() {
        Generator g = new Generator(42);
        Tensor x = Tensor.randn(g, 5, 6);
        roundTrip(new Sequential().add(new Linear(6, 8)).add(new Tanh()).add(new Dropout(0.3)).add(new Linear(8, 3))
                .add(new LogSoftMax()), x, "mlp");
        roundTrip(new Sequential().add(new ConcatTable().add(new Linear(6, 4)).add(new Sequential().add(new CMul(6))
                .add(new Linear(6, 4, false)))).add(new CAddTable()).add(new Sigmoid()), x, "concattable");
        roundTrip(new Sequential().add(new View(2, 3))
                .add(new SplitTable(1)).add(new ParallelTable().add(new Linear(3, 2)).add(new Sequential().add(new Mul()).add(new Linear(3, 2))))
                .add(new CMulTable()), x, "paralleltable");
        roundTrip(new Sequential().add(new Concat(1).add(new Euclidean(6, 3)).add(new Narrow(1, 1, 2))
                .add(new CAdd(6))).add(new ReLU()).add(new Max(1)), x, "concat");
        Tensor sel = Tensor.of(new int[] {1, 0, 1, 1, 0});
        roundTrip(new Switch(new Linear(6, 2), new Sequential().add(new Linear(6, 2)).add(new Tanh())),
                Table.of(sel, x), "switch");
        roundTrip(new Sequential().add(new ParallelTable().add(new Linear(6, 4)).add(new Linear(6, 4)))
                .add(new ConcatTable().add(new PairwiseDistance(2)).add(new JoinTable(1))), Table.of(x, x.mul(2)),
                "tables");
        roundTrip(new Linear(6, 2), x, "bare");
    }

    @Test void doublePrecisionModelsStayDouble() {
        Module m = new Sequential().add(new Linear(3, 2)).add(new Tanh()).to(DType.F64);
        Tensor x = Tensor.randn(DType.F64, new Generator(1), 4, 3);
        Module back = roundTrip(m, x, "f64");
        assertEquals(DType.F64, back.getParameters().weights().dtype());
    }

    @Test void sharedWeightsAreRefusedClearly() {
        Linear a = new Linear(4, 4);
        Module m = new Sequential().add(a).add(new Tanh()).add(a.sharedClone(false));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Model.save(m, dir.resolve("shared.safetensors")));
        assertTrue(e.getMessage().contains("'0.weight' and '2.weight' are one shared tensor"), e.getMessage());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("shared.safetensors")));
    }

    @Test void loadingDoesNotMoveTheGlobalGenerator() {
        Path f = dir.resolve("g.safetensors");
        Model.save(new Sequential().add(new Linear(30, 20)).add(new Linear(20, 2)), f);
        long[] before = Generator.global().state();
        Model.load(f);
        assertArrayEquals(before, Generator.global().state());
    }

    @Test void loadedNetworkTrainsIndependently() {
        Linear m = new Linear(3, 2);
        Path f = dir.resolve("m.safetensors");
        Model.save(m, f);
        Linear back = (Linear) Model.load(f);
        assertNotSame(m.weight().storage(), back.weight().storage());
        back.weight().fillInPlace(0);
        assertTrue(m.weight().abs().sum() > 0);
    }

    private static void assertBad(Path f, String... expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.load(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        for (String s : expected) assertTrue(e.getMessage().contains(s), "'" + e.getMessage() + "' should contain '" + s + "'");
    }

    @Test void clearErrors() {
        Linear lin = new Linear(4, 3);
        Map<String, Tensor> weights = new LinkedHashMap<>(Map.of("weight", lin.weight(), "bias", lin.bias()));
        String linear4 = ModuleRegistry.toJson(lin), linear5 = ModuleRegistry.toJson(new Linear(5, 3));

        Path version = dir.resolve("v2.safetensors");
        Safetensors.write(version, weights, Map.of("jtorch.format", "2", "jtorch.architecture", linear4));
        assertBad(version, "unsupported jtorch.format \"2\"");

        Path plain = dir.resolve("plain.safetensors");
        Safetensors.write(plain, weights, Map.of());
        assertBad(plain, "not a jtorch file");

        Path unknown = dir.resolve("unknown.safetensors");
        Safetensors.write(unknown, Map.of(), Map.of("jtorch.format", "1", "jtorch.architecture",
                "{\"type\":\"Sequential\",\"children\":[{\"type\":\"SpatialConvolutionMM\"}]}"));
        assertBad(unknown, "module 0: unknown module type \"SpatialConvolutionMM\"");

        Path shape = dir.resolve("shape.safetensors");
        Safetensors.write(shape, weights, Map.of("jtorch.format", "1", "jtorch.architecture", linear5));
        assertBad(shape, "tensor 'weight' has shape [3, 4] but Linear(5 -> 3) declares a parameter of shape [3, 5]");

        Path missing = dir.resolve("missing.safetensors");
        Safetensors.write(missing, Map.of("weight", lin.weight()), Map.of("jtorch.format", "1", "jtorch.architecture", linear4));
        assertBad(missing, "tensor 'bias' is missing");

        Path extra = dir.resolve("extra.safetensors");
        weights.put("0.weight", lin.weight());
        Safetensors.write(extra, weights, Map.of("jtorch.format", "1", "jtorch.architecture", linear4));
        assertBad(extra, "tensor '0.weight' belongs to no parameter");
    }

    @Test void checkpointFilesAlsoLoadAsModels() {
        Module m = new Sequential().add(new Linear(3, 2)).add(new Tanh());
        Path f = dir.resolve("c.ckpt");
        new Checkpoint(1, m, new jtorch.optim.Optimizer("sgd", new jtorch.optim.Config()), null, null, List.of()).save(f);
        Tensor x = Tensor.randn(new Generator(3), 2, 3);
        assertBitIdentical(m.forward(x), Model.load(f).forward(x), "checkpoint model");
    }
}
