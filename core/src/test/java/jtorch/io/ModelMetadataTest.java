package jtorch.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jtorch.nn.layer.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caller's metadata in a model file: round trip of awkward strings, reserved keys, checksum coverage. */
class ModelMetadataTest {
    @TempDir Path dir;

    @Test void roundTripsAndIsChecksummed() throws Exception {
        String vocab = Json.write(List.of("\n", "\"", "\\", "\t", "\u0001", "é", "😀", "MARKERq"));
        Path f = dir.resolve("m.safetensors");
        Model.save(new Linear(2, 3), f, Map.of("vocabulary", vocab));
        assertEquals(Map.of("vocabulary", vocab), Model.metadata(f));
        assertEquals(3, ((Linear) Model.load(f)).weight().size(0));
        assertEquals(Map.of(), Model.metadata(save(dir.resolve("plain.safetensors"))));
        byte[] b = Files.readAllBytes(f);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("MARKERq");
        b[at + 6] = 'z';
        Files.write(f, b);
        Exception e = assertThrows(IllegalArgumentException.class, () -> Model.metadata(f));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test void jtorchKeysAreReserved() {
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> Model.save(new Linear(2, 3), dir.resolve("x"), Map.of("jtorch.format", "2")));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
    }

    private static Path save(Path p) {
        Model.save(new Linear(1, 1), p);
        return p;
    }
}
