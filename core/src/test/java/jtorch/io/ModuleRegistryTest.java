package jtorch.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jtorch.nn.Concat;
import jtorch.nn.ConcatTable;
import jtorch.nn.Module;
import jtorch.nn.ParallelTable;
import jtorch.nn.Sequential;
import jtorch.nn.Switch;
import jtorch.nn.activation.*;
import jtorch.nn.conv.*;
import jtorch.nn.distance.Euclidean;
import jtorch.nn.distance.PairwiseDistance;
import jtorch.nn.layer.*;
import jtorch.nn.reduce.LogSumExp;
import jtorch.nn.reduce.Max;
import jtorch.nn.reduce.Mean;
import jtorch.nn.reduce.Min;
import jtorch.nn.reduce.Sum;
import jtorch.nn.table.*;
import org.junit.jupiter.api.Test;

class ModuleRegistryTest {

    /** One instance of every registered type, with non-default arguments where a type takes any. */
    static List<Module> everyType() {
        List<Module> all = new ArrayList<>(PoolNormInstances.all());
        all.addAll(List.of(
                new Sequential().add(new Linear(3, 2)).add(new Tanh()),
                new Concat(1).add(new Linear(3, 2)).add(new Identity()),
                new ConcatTable().add(new Identity()).add(new ReLU()),
                new ParallelTable().add(new Sigmoid()).add(new Exp()),
                new Switch(new Linear(2, 2), new Linear(2, 2, false)),
                new Linear(5, 4), new Linear(5, 4, false), new CAdd(1, 3), new Add(3), new CMul(2, 1), new Mul(),
                new Dropout(0.25), new Identity(), new Narrow(1, 2, 3), new Replicate(4, 2), new Reshape(2, 3),
                new View(-1, 6), new Select(1, -1),
                new Euclidean(4, 3), new PairwiseDistance(1.5),
                new Abs(), new Exp(), new Log(), new LogSoftMax(), new ReLU(), new Sigmoid(), new SoftMax(), new Sqrt(),
                new Square(), new Tanh(), new AddConstant(-0.1), new MulConstant(1e-300), new ELU(0.7),
                new LeakyReLU(0.2), new HardTanh(-2, 3.5), new SoftPlus(2, 15), new Power(3),
                new Sum(1), new Mean(-1), new Max(2), new Min(1), new LogSumExp(1),
                new CAddTable(), new CSubTable(), new CMulTable(), new CMaxTable(), new CMinTable(), new JoinTable(1),
                new SplitTable(1), new SelectTable(-1), new Bilinear(3, 2, 4), new Bilinear(2, 2, 1, false),
                new MixtureTable(), graph(),
                new TemporalConvolution(3, 4, 3, 2, 1),
                new SpatialConvolution(4, 6, new int[] {3, 2}, new int[] {1, 2}, new int[] {1, 0}, new int[] {2, 1}, 2,
                        false),
                new VolumetricConvolution(2, 3, 3),
                new TemporalFullConvolution(3, 2, 3, 2, 1, 1),
                new SpatialFullConvolution(4, 2, new int[] {3, 3}, new int[] {2, 1}, new int[] {1, 1}, new int[] {1, 0},
                        new int[] {1, 1}, 2, true),
                new VolumetricFullConvolution(2, 2, 2, 2, 0, 1), new Flatten(),
                new jtorch.nn.rnn.LookupTable(7, 3), new jtorch.nn.rnn.LookupTable(7, 3, 0, 1.5, 1),
                new jtorch.nn.rnn.RNNCell(3, 2), new jtorch.nn.rnn.RNNCell(3, 2, false, true),
                new jtorch.nn.rnn.LSTMCell(4, 3), new jtorch.nn.rnn.LSTMCell(4, 3, false),
                new jtorch.nn.rnn.GRUCell(4, 3), new jtorch.nn.rnn.GRUCell(2, 5, false),
                new jtorch.nn.rnn.LSTM(4, 3, 2, false, 0.25, true).maskZero(true),
                new jtorch.nn.rnn.GRU(3, 2), new jtorch.nn.rnn.RNN(3, 2, 2, true, 0, true, true),
                new jtorch.nn.rnn.LookupRecurrent(new jtorch.nn.rnn.OneHot(5), new jtorch.nn.rnn.GRU(5, 2)),
                new jtorch.nn.rnn.Sequencer(new Linear(3, 2)),
                jtorch.nn.rnn.Recurrence.of(new jtorch.nn.rnn.LSTMCell(3, 2)).maskZero(true),
                new jtorch.nn.rnn.Recurrence(new jtorch.nn.rnn.GRUCell(2, 3), 3),
                new jtorch.nn.rnn.MaskZero(new Tanh()), new jtorch.nn.rnn.ReverseSequence(),
                new jtorch.nn.rnn.ReverseSequence(true),
                new jtorch.nn.rnn.BiSequencer(new jtorch.nn.rnn.Sequencer(new Linear(2, 2)),
                        jtorch.nn.rnn.Recurrence.of(new jtorch.nn.rnn.RNNCell(2, 3)), true),
                new jtorch.nn.rnn.LastStep(), new jtorch.nn.rnn.LastStep(true),
                new jtorch.nn.rnn.OneHot(5),
                jtorch.nn.softmax.SoftMaxTree.byFrequency(3, new int[] {9, 1, 4, 0, 2, 7}, 3),
                new jtorch.nn.softmax.NCEModule(3, new int[] {9, 1, 4, 0, 2, 7}, 5, 0.75, 42, true),
                new jtorch.nn.softmax.NCEModule(2, new int[] {1, 1, 2}, 2, 1, -7, false),
                new jtorch.nn.memory.MemN2N(9, 4, 5, 3),
                new jtorch.nn.memory.MemN2N(9, 4, 5, 2, true, false, true).linear(true)));

        all.addAll(List.of(new jtorch.nn.activation.GELU(), new jtorch.nn.attention.DotProductAttention(false, true),
                new jtorch.nn.attention.AdditiveAttention(3, 2, 4, true), new jtorch.nn.attention.MultiHeadAttention(6, 3, 0.1, false, true),
                new jtorch.nn.attention.SinusoidalPositionalEncoding(4, 9), new jtorch.nn.attention.LearnedPositionalEncoding(9, 4),
                new jtorch.nn.attention.TransformerEncoderLayer(4, 2, 6, 0.2, "gelu", true, true, 1e-6),
                new jtorch.nn.attention.TransformerDecoderLayer(4, 2, 6, 0, "relu", false, false, 1e-5)));
        // unsupervised pieces (issue 13)
        all.addAll(List.of(new SoftShrink(0.25), new HardShrink(1.5), new SoftSign(), new LogSigmoid()));
        all.addAll(List.of(new jtorch.nn.noise.MaskingNoise(0.3), new jtorch.nn.noise.SaltAndPepperNoise(0.15),
                new jtorch.nn.noise.WhiteNoise(0.5, 0.2)));
        all.addAll(List.of(new jtorch.nn.penalty.L1Penalty(0.1, true, false), new jtorch.nn.penalty.KLSparsityPenalty(0.05, 3),
                new jtorch.nn.penalty.ContractiveEncoder(5, 3, 0.1, false), new jtorch.nn.penalty.TiedLinear(3, 5, false)));
        Linear tiedEncoder = new Linear(5, 3);
        all.add(new jtorch.nn.penalty.TiedAutoEncoder(new Sequential(tiedEncoder, new Sigmoid()),
                new Sequential(new jtorch.nn.penalty.TiedLinear(tiedEncoder), new Sigmoid())));
        all.add(new jtorch.nn.vae.GaussianSampler()); // variational auto-encoders (issue 13)
        all.addAll(List.of(new jtorch.nn.sparse.LearnedSoftShrink(5, 0.25), new jtorch.nn.sparse.LISTA(4, 6, 3)));
        all.add(new jtorch.nn.ladder.VanillaCombinator(5));
        return all;
    }

    /** A graph with a shared module, a split, two inputs and labels. */
    private static Module graph() {
        Linear shared = new Linear(3, 3);
        jtorch.graph.Node a = jtorch.graph.Node.input("a"), b = jtorch.graph.Node.input();
        jtorch.graph.Node[] p = jtorch.graph.Node.of(new ConcatTable().add(new Tanh()).add(new Identity()),
                jtorch.graph.Node.of(shared, a)).split(2);
        jtorch.graph.Node y = jtorch.graph.Node.of(new CAddTable(), p[0], jtorch.graph.Node.of(shared, p[1]), b).label("y");
        return new jtorch.graph.Graph(List.of(a, b), List.of(y, p[0]));
    }

    @Test void everyTypeRoundTrips() {
        List<String> seen = new ArrayList<>();
        for (Module m : everyType()) {
            String json = ModuleRegistry.toJson(m);
            Module back = ModuleRegistry.fromJson(json);
            assertSame(m.getClass(), back.getClass(), json);
            assertEquals(json, ModuleRegistry.toJson(back));
            assertEquals(m.toString(), back.toString(), json);
            seen.add((String) Json.parseObject(json).get("type"));
        }
        assertEquals(ModuleRegistry.builtinTypes(), new java.util.TreeSet<>(seen), "every built-in type is exercised");
    }

    @Test void describesArgumentsAndChildren() {
        Module m = new Sequential().add(new Linear(4, 3)).add(new Dropout(0.5)).add(new HardTanh(-1, 2));
        assertEquals("{\"type\":\"Sequential\",\"children\":[{\"type\":\"Linear\",\"args\":{\"inputSize\":4,"
                + "\"outputSize\":3,\"bias\":true}},{\"type\":\"Dropout\",\"args\":{\"p\":0.5}},"
                + "{\"type\":\"HardTanh\",\"args\":{\"min\":-1.0,\"max\":2.0}}]}", ModuleRegistry.toJson(m));
        assertEquals(0.5, ((Dropout) ((Sequential) ModuleRegistry.fromJson(ModuleRegistry.toJson(m))).get(1)).p());
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(ModuleRegistry.namedParameters(m).keySet()));
        Module nested = new Sequential().add(new Tanh()).add(new ConcatTable().add(new CMul(3)).add(new Linear(3, 3)));
        assertEquals(List.of("1.0.weight", "1.1.weight", "1.1.bias"),
                List.copyOf(ModuleRegistry.namedParameters(nested).keySet()));
        assertEquals(List.of("weight", "bias"), List.copyOf(ModuleRegistry.namedParameters(new Linear(2, 2)).keySet()));
    }

    @Test void nonFiniteArgumentsRoundTrip() {
        Module m = new Sequential().add(new MulConstant(Double.NEGATIVE_INFINITY)).add(new AddConstant(Double.NaN));
        String json = ModuleRegistry.toJson(m);
        assertTrue(json.contains("\"-Infinity\"") && json.contains("\"NaN\""), json);
        Sequential back = (Sequential) ModuleRegistry.fromJson(json);
        assertEquals(Double.NEGATIVE_INFINITY, ((MulConstant) back.get(0)).constant());
        assertTrue(Double.isNaN(((AddConstant) back.get(1)).constant()));
    }

    @Test void errorsNameTheModule() {
        assertError("{\"type\":\"Sequential\",\"children\":[{\"type\":\"Bogus\"}]}", "module 0: unknown module type \"Bogus\"");
        assertError("{\"type\":\"Linear\",\"args\":{\"inputSize\":4,\"bias\":true}}", "missing argument \"outputSize\"");
        assertError("{\"type\":\"Linear\",\"args\":{\"inputSize\":4,\"outputSize\":2.5,\"bias\":true}}",
                "argument \"outputSize\" must be a whole number");
        assertError("{\"type\":\"Tanh\",\"args\":{\"x\":1}}", "unknown argument(s) [x]");
        assertError("{\"type\":\"Tanh\",\"children\":[]}", "takes no children");
        assertError("{\"type\":\"Sequential\"}", "needs a \"children\" array");
        assertError("{\"type\":\"Linear\",\"args\":{\"inputSize\":0,\"outputSize\":2,\"bias\":true}}",
                "module root (Linear): Linear: sizes must be positive");
        assertError("{\"type\":\"Linear\",\"weights\":1}", "unknown field \"weights\"");
        assertError("[1]", "expected an object");
        assertError("{\"type\":", "module description: JSON");
        class MyLinear extends Linear { MyLinear() { super(2, 2); } }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModuleRegistry.toJson(new Sequential().add(new Tanh()).add(new MyLinear())));
        assertTrue(e.getMessage().contains("module 1: type jtorch.io.ModuleRegistryTest$1MyLinear is not registered"),
                e.getMessage());
    }

    private static void assertError(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModuleRegistry.fromJson(json));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }

    /** A guard for new modules: every public concrete Module class in jtorch.nn (compiled classes) is registered. */
    @Test void everyConcreteModuleOfJtorchNnIsRegistered() throws IOException, URISyntaxException, ClassNotFoundException {
        URL url = Module.class.getResource("Module.class");
        assertTrue(url != null && url.getProtocol().equals("file"), "classes must be in a directory: " + url);
        Path root = Path.of(url.toURI()).getParent();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$")).toList()) {
                String name = "jtorch.nn." + root.relativize(f).toString().replace(java.io.File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name);
                if (!Module.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())
                        || !Modifier.isPublic(c.getModifiers())) continue;
                checked++;
                @SuppressWarnings("unchecked") Class<? extends Module> mc = (Class<? extends Module>) c;
                if (!ModuleRegistry.isRegistered(mc)) missing.add(name);
            }
        }
        assertTrue(checked > 40, "found only " + checked + " module classes under " + root);
        assertEquals(List.of(), missing, "module classes missing from jtorch.nn.BuiltinModules");
    }
}
