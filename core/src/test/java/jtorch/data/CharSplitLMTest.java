package jtorch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** char-rnn's loader semantics: streams, chunks, shifted targets, the 95/5 split by batch index, and hostile files. */
class CharSplitLMTest {
    @TempDir Path dir;

    private Path text(String s) { return DataFiles.write(dir.resolve("t.txt"), s.getBytes(StandardCharsets.UTF_8)); }

    @Test void streamsChunksAndShiftedTargets() {
        // 26 letters, B = 2, T = 3: 26 / 6 = 4 batches, 24 tokens kept, streams of 12
        String abc = "abcdefghijklmnopqrstuvwxyz";
        CharSplitLM d = CharSplitLM.load(text(abc), 2, 3, 0.25);
        assertEquals(26, d.vocabularySize());
        assertEquals(3, d.trainBatches());
        assertEquals(1, d.validationBatches());
        Batch b0 = d.train(0), b1 = d.train(1), v = d.validation(0);
        assertArrayEquals(new int[] {3, 2}, b0.input().sizes());
        // x[t, b] = text[b * 12 + i * 3 + t]; a = 0
        assertArrayEquals(new int[] {0, 12, 1, 13, 2, 14}, b0.input().toIntArray());
        assertArrayEquals(new int[] {1, 13, 2, 14, 3, 15}, b0.target().toIntArray());
        assertArrayEquals(new int[] {3, 15, 4, 16, 5, 17}, b1.input().toIntArray());
        assertArrayEquals(new int[] {9, 21, 10, 22, 11, 23}, v.input().toIntArray());
        // the very last target wraps to the first token (char-rnn: ydata[-1] = data[1])
        assertArrayEquals(new int[] {10, 22, 11, 23, 12, 0}, v.target().toIntArray());
    }

    @Test void vocabularyIsSortedCodePoints() {
        CharSplitLM d = CharSplitLM.load(text("bàa\nb ∂a".repeat(10)), 2, 2, 0.05);
        assertEquals(List.of("\n", " ", "a", "b", "à", "∂"), d.vocabulary());
        assertEquals(20, d.trainBatches() + d.validationBatches());
    }

    @Test void charRnnSplitOfTinyShakespeareSizes() {
        // 1,115,394 characters, B = T = 50: 446 batches, 423 train (floor(446 * 0.95)), 23 validation
        CharSplitLM d = CharSplitLM.of(new TextCorpus(Sources.wrap(new int[1_115_394], 1_115_394), List.of("x")), 50, 50, 0.05);
        assertEquals(423, d.trainBatches());
        assertEquals(23, d.validationBatches());
        assertEquals(2, CharSplitLM.minBatches(0.5));
        assertEquals(2, CharSplitLM.minBatches(0.05));
        assertEquals(1, CharSplitLM.minBatches(0));
    }

    @Test void hostileFiles() {
        Path empty = DataFiles.write(dir.resolve("empty.txt"), new byte[0]);
        assertMessage(assertThrows(DataFormatException.class, () -> CharSplitLM.load(empty, 2, 2, 0.05)), "empty");
        Path bad = DataFiles.write(dir.resolve("bad.txt"), new byte[] {'a', 'b', (byte) 0xC3, '(', 'c'});
        assertMessage(assertThrows(DataFormatException.class, () -> CharSplitLM.load(bad, 1, 1, 0)), "UTF-8", "byte offset 2");
        Path lone = DataFiles.write(dir.resolve("lone.txt"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        assertThrows(DataFormatException.class, () -> CharSplitLM.load(lone, 1, 1, 0)); // a UTF-16 surrogate in UTF-8
        // 100 characters, one batch of 50 x 50 needs 2500
        Path shortFile = text("x".repeat(100));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> CharSplitLM.load(shortFile, 50, 50, 0.05)),
                "100 tokens are too few for batch size 50 and sequence length 50", "about 5000 tokens");
        // one batch: floor(1 * 0.95) = 0 training batches; without validation it is enough
        Path one = text("x".repeat(25));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> CharSplitLM.load(one, 5, 5, 0.05)),
                "1 batch give 0 training and 1 validation");
        assertEquals(1, CharSplitLM.load(one, 5, 5, 0).trainBatches());
        Path three = text("x".repeat(75));
        assertEquals(2, CharSplitLM.load(three, 5, 5, 0.05).trainBatches());
        assertMessage(assertThrows(IllegalArgumentException.class, () -> CharSplitLM.load(three, 0, 5, 0)), "positive");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> CharSplitLM.load(three, 1, 1, 1)), "[0, 1)");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> CharSplitLM.load(three, 1, 1, Double.NaN)), "[0, 1)");
        CharSplitLM ok = CharSplitLM.load(three, 5, 5, 0);
        assertThrows(IndexOutOfBoundsException.class, () -> ok.train(3));
        assertThrows(IndexOutOfBoundsException.class, () -> ok.validation(0));
    }

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
    }
}
