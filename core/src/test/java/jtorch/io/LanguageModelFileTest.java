package jtorch.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jtorch.nn.layer.Linear;
import jtorch.nn.rnn.RecurrentLM;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguageModelFileTest {
    @TempDir Path dir;

    @Test void roundTripsTheNetworkAndItsVocabulary() {
        RecurrentLM lm = RecurrentLM.charLstm(4, 5, 2, new Generator(1));
        List<String> vocab = List.of("\n", " ", "\"", "é");
        Path f = dir.resolve("lm.safetensors");
        new LanguageModelFile(lm, vocab).save(f);
        LanguageModelFile back = LanguageModelFile.load(f);
        assertEquals(vocab, back.vocabulary());
        assertEquals(2, back.lm().layers());
        assertEquals(5, back.lm().hidden());
        Tensor ids = Tensor.of(new int[] {0, 3, 2, 1}, 2, 2);
        assertArrayEquals(lm.forward(ids, null).toFloatArray(), back.lm().forward(ids, null).toFloatArray());
    }

    @Test void refusesFilesThatAreNotLanguageModels() {
        Path plain = dir.resolve("plain.safetensors");
        Model.save(new Linear(2, 2), plain);
        assertMessage(plain, "no \"vocabulary\"");
        RecurrentLM lm = RecurrentLM.charLstm(4, 5, 1, new Generator(1));
        Path f = dir.resolve("f.safetensors");
        Model.save(lm.model(), f, Map.of("vocabulary", "[\"a\", \"b\"]"));
        assertMessage(f, "the vocabulary has 2 tokens");
        Model.save(lm.model(), f, Map.of("vocabulary", "[\"a\", \"a\", \"b\", \"c\"]"));
        assertMessage(f, "repeated");
        Model.save(lm.model(), f, Map.of("vocabulary", "[\"a\", 1, \"b\", \"c\"]"));
        assertMessage(f, "entry 1");
        Model.save(lm.model(), f, Map.of("vocabulary", "{"));
        assertMessage(f, "not JSON");
        Model.save(new Linear(2, 2), f, Map.of("vocabulary", "[\"a\"]"));
        assertMessage(f, "Sequential");
    }

    private static void assertMessage(Path f, String part) {
        Exception e = assertThrows(IllegalArgumentException.class, () -> LanguageModelFile.load(f));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
