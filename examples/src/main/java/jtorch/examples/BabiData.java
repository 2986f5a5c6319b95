package jtorch.examples;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jtorch.tensor.Tensor;

/**
 * {@link BabiTasks} examples as I32 tensors. Words are numbered 1..V-1 in {@link BabiTasks#vocabulary()} order, 0 is
 * the nil word. For a memory network: the story's last {@code memory} statements as [N, memory, 6] with slot 0 the most
 * recent statement (the paper's reversed order), each sentence nil-padded on the right, unused slots all nil; questions
 * [N, 7]; answers [N] (word indices). For a sequence model: the same statements oldest first, then the question, as
 * one token sequence.
 */
final class BabiData {
    private BabiData() {}

    static final int SENTENCE = 6, QUESTION = 7;
    static final List<String> WORDS = BabiTasks.vocabulary();
    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < WORDS.size(); i++) INDEX.put(WORDS.get(i), i + 1);
    }

    /** V: the words and the nil word. */
    static int vocabularySize() { return WORDS.size() + 1; }

    static int index(String word) {
        Integer i = INDEX.get(word);
        if (i == null) throw new IllegalArgumentException("BabiData: word '" + word + "' is not in the vocabulary");
        return i;
    }

    /** Stories [N, memory, 6], questions [N, 7] and answers [N], all I32. */
    record Memories(Tensor stories, Tensor questions, Tensor answers) {}

    /**
     * The examples for a memory network. With {@code noise} (the paper's random noise, for temporal encoding), about
     * 10 % empty slots are inserted among the statements (those pushed beyond the memory are dropped).
     */
    static Memories memories(List<BabiTasks.Example> examples, int memory, SplittableRandom noise) {
        int n = examples.size();
        int[] x = new int[n * memory * SENTENCE], q = new int[n * QUESTION], a = new int[n];
        for (int e = 0; e < n; e++) {
            BabiTasks.Example ex = examples.get(e);
            List<String[]> s = ex.story();
            int slot = 0;
            for (int i = s.size() - 1; i >= 0 && slot < memory; i--) {
                if (noise != null && noise.nextInt(10) == 0) slot++;                     // an empty memory
                if (slot >= memory) break;
                put(x, (e * memory + slot) * SENTENCE, s.get(i), SENTENCE);
                slot++;
            }
            put(q, e * QUESTION, ex.question(), QUESTION);
            a[e] = index(ex.answer());
        }
        return new Memories(Tensor.of(x, n, memory, SENTENCE), Tensor.of(q, n, QUESTION), Tensor.of(a, n));
    }

    private static void put(int[] dst, int at, String[] words, int width) {
        if (words.length > width) throw new IllegalArgumentException("BabiData: sentence of " + words.length
                + " words, at most " + width + ": " + String.join(" ", words));
        for (int j = 0; j < words.length; j++) dst[at + j] = index(words[j]);
    }

    /** The last {@code memory} statements (oldest first) and the question as one token sequence. */
    static int[] sequence(BabiTasks.Example ex, int memory) {
        List<String[]> s = ex.story();
        int from = Math.max(0, s.size() - memory), len = ex.question().length;
        for (int i = from; i < s.size(); i++) len += s.get(i).length;
        int[] t = new int[len];
        int k = 0;
        for (int i = from; i < s.size(); i++) for (String w : s.get(i)) t[k++] = index(w);
        for (String w : ex.question()) t[k++] = index(w);
        return t;
    }
}
