package jtorch.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jtorch.tensor.Tensor;

/**
 * The words of a text for a word-level language model. Tokens: maximal runs of ASCII letters with inner apostrophes
 * ({@code don't}, {@code o'er}), case kept, and every other non-space character on its own ({@code , . : ; ! ? -});
 * line breaks are dropped. Split: the first {@code trainFraction} of the tokens train, the rest validate (contiguous,
 * so no validation n-gram is seen in training). Vocabulary: {@value #UNK} (id 0) and the training words seen at least
 * {@code minCount} times, by decreasing count (ties by text); other words become {@value #UNK}. {@link #counts} are
 * the training counts per id (the unknown-word count included), which the frequency classes and the noise use.
 */
final class WordCorpus {
    static final String UNK = "<unk>";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z]+(?:'[A-Za-z]+)*|[^\\sA-Za-z]");
    final List<String> vocabulary;
    final int[] train, valid, counts;

    WordCorpus(String text, double trainFraction, int minCount) {
        if (!(trainFraction > 0 && trainFraction < 1) || minCount < 1) throw new IllegalArgumentException(
                "WordCorpus: trainFraction in (0, 1) and minCount >= 1, got " + trainFraction + ", " + minCount);
        List<String> tokens = tokens(text);
        int cut = (int) (tokens.size() * trainFraction);
        if (cut < 2 || tokens.size() - cut < 2) throw new IllegalArgumentException("WordCorpus: " + tokens.size()
                + " tokens are too few to split");
        Map<String, Integer> freq = new HashMap<>();
        for (String w : tokens.subList(0, cut)) freq.merge(w, 1, Integer::sum);
        List<String> words = new ArrayList<>();
        for (var e : freq.entrySet()) if (e.getValue() >= minCount) words.add(e.getKey());
        words.sort((a, b) -> !freq.get(a).equals(freq.get(b)) ? freq.get(b) - freq.get(a) : a.compareTo(b));
        List<String> vocab = new ArrayList<>();
        vocab.add(UNK);
        vocab.addAll(words);
        vocabulary = List.copyOf(vocab);
        Map<String, Integer> id = new HashMap<>();
        for (int i = 0; i < vocab.size(); i++) id.put(vocab.get(i), i);
        int[] all = new int[tokens.size()];
        for (int i = 0; i < all.length; i++) all[i] = id.getOrDefault(tokens.get(i), 0);
        train = java.util.Arrays.copyOfRange(all, 0, cut);
        valid = java.util.Arrays.copyOfRange(all, cut, all.length);
        counts = new int[vocab.size()];
        for (int w : train) counts[w]++;
    }

    static WordCorpus read(Path file, double trainFraction, int minCount) {
        try {
            return new WordCorpus(Files.readString(file, StandardCharsets.UTF_8), trainFraction, minCount);
        } catch (IOException e) {
            throw new UncheckedIOException("WordCorpus: cannot read " + file, e);
        }
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    int size() { return vocabulary.size(); }

    /** The fraction of {@code ids} that are {@value #UNK}. */
    static double unknownRate(int[] ids) {
        int n = 0;
        for (int w : ids) if (w == 0) n++;
        return n / (double) ids.length;
    }

    /**
     * n-gram examples of {@code ids}: for positions p (all p ≥ context in order, or {@code shuffle}d), inputs [N, context]
     * the previous words, targets [N] word p; {@code limit} caps N (0 for all).
     */
    static Tensor[] examples(int[] ids, int context, SplittableRandom shuffle, int limit) {
        int n = ids.length - context;
        int[] pos = new int[n];
        for (int i = 0; i < n; i++) pos[i] = context + i;
        if (shuffle != null) for (int i = n - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1), t = pos[i];
            pos[i] = pos[j];
            pos[j] = t;
        }
        if (limit > 0) n = Math.min(n, limit);
        int[] x = new int[n * context], y = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(ids, pos[i] - context, x, i * context, context);
            y[i] = ids[pos[i]];
        }
        return new Tensor[] {Tensor.of(x, n, context), Tensor.of(y, n)};
    }
}
