package jtorch.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.Sequential;
import jtorch.nn.TensorModule;
import jtorch.nn.activation.MulConstant;
import jtorch.nn.layer.Dropout;
import jtorch.nn.layer.Linear;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files that cannot be turned against the user; user module types saved like built-in ones. */
class ModelSafetyTest {
    @TempDir Path dir;

    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test void aTinyFileDeclaringAHugeLayerAllocatesNothingAndSaysWhatIsMissing() throws Exception {
        Path f = dir.resolve("huge.safetensors");
        Safetensors.write(f, Map.of(), Map.of("jtorch.format", "1", "jtorch.architecture",
                "{\"type\":\"Linear\",\"args\":{\"inputSize\":46340,\"outputSize\":46340,\"bias\":true}}"));
        assertTrue(Files.size(f) < 200, "a small file: " + Files.size(f));
        long before = allocated();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.load(f));
        long used = allocated() - before;
        assertTrue(e.getMessage().contains("tensor 'weight' is missing") && e.getMessage().contains("[46340, 46340]"),
                e.getMessage());
        assertTrue(used < 16 << 20, "loading allocated " + used + " bytes for a " + Files.size(f) + "-byte file");

        Path g = dir.resolve("small-weight.safetensors");
        Safetensors.write(g, Map.of("weight", Tensor.zeros(1, 1)), Map.of("jtorch.format", "1", "jtorch.architecture",
                "{\"type\":\"Linear\",\"args\":{\"inputSize\":46340,\"outputSize\":46340,\"bias\":false}}"));
        before = allocated();
        e = assertThrows(IllegalArgumentException.class, () -> Model.load(g));
        assertTrue(allocated() - before < 16 << 20);
        assertTrue(e.getMessage().contains("tensor 'weight' has shape [1, 1]"), e.getMessage());
    }

    @Test void loadingDrawsNoRandomNumbers() {
        Path f = dir.resolve("m.safetensors");
        Model.save(new Sequential(new Linear(5, 4), new Dropout(0.2), new Linear(4, 2)), f);
        long[] before = Generator.global().state();
        Module back = Model.load(f);
        assertArrayEquals(before, Generator.global().state());
        assertEquals(3, back.children().size());
    }

    @Test void aLoadedDropoutContinuesTheSavedStream() {
        Path f = dir.resolve("d.safetensors");
        Dropout d = new Dropout(0.5);
        Tensor x = Tensor.ones(2, 50);
        d.forward(x); // advance the stream past its seed
        Model.save(new Sequential(d), f);
        Module back = Model.load(f);
        assertArrayEquals(d.forward(x).toFloatArray(), back.forward(x).tensor().toFloatArray(),
                "the stored generator state is used, not the placeholder the constructor sees while loading");
    }

    /** Overwrites bytes of the header in place (the same length, so the data stays where it is). */
    static void patchHeader(Path f, String from, String to) throws Exception {
        byte[] b = Files.readAllBytes(f);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(from);
        assertTrue(at > 8, "found " + from);
        byte[] t = to.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(t, 0, b, at, t.length);
        Files.write(f, b);
    }

    @Test void aOneBitChangeToTheArchitectureIsDetected() throws Exception {
        Path f = dir.resolve("mc.safetensors");
        Model.save(new Sequential(new MulConstant(2.0), new Linear(2, 2)), f);
        Model.load(f);
        patchHeader(f, "\\\"constant\\\":2.0", "\\\"constant\\\":3.0"); // '2' -> '3' is one bit
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.load(f));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test void aSpecValidReorderingOfTheHeaderIsNotCorruption() throws Exception {
        Path f = dir.resolve("r.safetensors");
        Sequential m = new Sequential(new Linear(3, 2), new MulConstant(0.5));
        Model.save(m, f);
        byte[] b = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Map<String, Object> header = Json.parseObject(new String(b, 8, (int) n, StandardCharsets.UTF_8));
        List<String> keys = new ArrayList<>(header.keySet());
        Collections.reverse(keys);
        Map<String, Object> reordered = new LinkedHashMap<>();
        for (String k : keys) reordered.put(k, header.get(k));
        byte[] h = (Json.write(reordered) + "      ").getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length + b.length - 8 - (int) n).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h).put(b, 8 + (int) n, b.length - 8 - (int) n);
        Files.write(f, out.array());
        Tensor x = Tensor.ones(1, 3);
        assertArrayEquals(m.forward(x).toFloatArray(), Model.load(f).forward(x).tensor().toFloatArray());
    }

    /** A user's own module with a parameter and a buffer, in "its own file". */
    static final class Scale extends Module implements TensorModule {
        static final ModuleType<Scale> TYPE = ModuleType.of("test.Scale", Scale.class,
                m -> ModuleArgs.of("size", m.size), a -> new Scale(a.integer("size")));
        final int size;

        Scale(int size) {
            this.size = size;
            addParameter("gain", size);
            addBuffer("calls", Tensor.zeros(1));
            if (drawInitialWeights()) param("gain").fillInPlace(2);
        }

        Tensor gain() { return param("gain"); }

        @Override public Activity updateOutput(Activity input) {
            buffer("calls").addInPlace(1);
            return input.tensor().mul(param("gain"));
        }

        @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
            return gradOutput.tensor().mul(param("gain"));
        }
    }

    @Test void aUserModuleIsSavedAndLoadedOnceRegistered() {
        Path f = dir.resolve("user.safetensors");
        Sequential m = new Sequential(new Scale(3), new Linear(3, 1));
        ((Scale) m.get(0)).gain().copy(Tensor.of(new float[] {1, 2, 3}, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.save(m, f));
        assertTrue(e.getMessage().contains("ModuleRegistry.register"), e.getMessage());
        ModuleRegistry.register(Scale.TYPE);
        ModuleRegistry.register(Scale.TYPE); // idempotent
        Tensor x = Tensor.ones(2, 3);
        Tensor y = m.forward(x);
        Model.save(m, f);
        Module back = Model.load(f);
        assertEquals(1.0, back.stateDict().get("0.calls").get(0), "the buffer was saved");
        assertArrayEquals(y.toFloatArray(), back.forward(x).tensor().toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> ModuleRegistry.register(
                ModuleType.of("Linear", Scale.class, () -> new Scale(1))), "a taken name");
    }
}
