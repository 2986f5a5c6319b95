package jtorch.nn.softmax;

import java.util.Arrays;

/**
 * A two-level partition of a vocabulary of V words into C classes, as a class-based softmax ({@link SoftMaxTree})
 * needs it: {@code wordClass[w]} ∈ [0, C) for every word w, every class non-empty. Derived layout: the words sorted by
 * (class, word id), so that class c owns the contiguous rows [{@link #start}(c), start(c) + {@link #size}(c)) and word
 * w sits in row {@link #row}(w).
 * <p>{@link #byFrequency} assigns classes as Mikolov et al. (2011, "Extensions of recurrent neural network language
 * model") do: words in decreasing count order (ties by id) fill class 0 until the running count mass passes 1/C, then
 * class 1 until it passes 2/C, and so on, so each class holds about 1/C of the training tokens (a few frequent words in
 * the first classes, many rare words in the last ones). With C ≈ √V the cost of log p(w | h) =
 * log p(class(w) | h) + log p(w | class(w), h) is about C + V/C dot products instead of V.
 */
public final class WordClasses {
    private final int[] wordClass, start, size, row;

    /** The layout of a given assignment; throws when a class in [0, max] is empty or an entry is negative. */
    public WordClasses(int[] wordClass) {
        if (wordClass.length == 0) throw new IllegalArgumentException("WordClasses: empty vocabulary");
        int c = 0;
        for (int w = 0; w < wordClass.length; w++) {
            if (wordClass[w] < 0) throw new IllegalArgumentException("WordClasses: word " + w + " has class "
                    + wordClass[w] + " (classes are 0, 1, ...)");
            c = Math.max(c, wordClass[w] + 1);
        }
        this.wordClass = wordClass.clone();
        start = new int[c];
        size = new int[c];
        for (int k : wordClass) size[k]++;
        for (int k = 0; k < c; k++) {
            if (size[k] == 0) throw new IllegalArgumentException("WordClasses: class " + k + " of " + c + " has no word "
                    + "(number the classes 0 .. C-1 without gaps)");
            if (k > 0) start[k] = start[k - 1] + size[k - 1];
        }
        row = new int[wordClass.length];
        int[] next = start.clone();
        for (int w = 0; w < wordClass.length; w++) row[w] = next[wordClass[w]]++;
    }

    /**
     * Mikolov's frequency binning of {@code counts} (one per word, ≥ 0) into {@code nClasses} classes of about equal
     * count mass; every class gets at least one word (so 1 ≤ nClasses ≤ V).
     */
    public static WordClasses byFrequency(int[] counts, int nClasses) {
        int v = counts.length;
        if (nClasses < 1 || nClasses > v) throw new IllegalArgumentException("WordClasses.byFrequency: " + nClasses
                + " classes for " + v + " words (need 1 <= classes <= words)");
        double total = 0;
        for (int w = 0; w < v; w++) {
            if (counts[w] < 0) throw new IllegalArgumentException("WordClasses.byFrequency: word " + w + " has count "
                    + counts[w]);
            total += counts[w];
        }
        Integer[] order = new Integer[v];
        for (int w = 0; w < v; w++) order[w] = w;
        Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a]) : Integer.compare(a, b));
        int[] wc = new int[v];
        int c = 0;
        double mass = 0;
        for (int i = 0; i < v; i++) {
            int w = order[i];
            wc[w] = c;
            mass += total > 0 ? counts[w] / total : 1.0 / v;
            // the next class starts once this one's share is reached, or when the words left are just enough for one
            // word per remaining class
            boolean full = mass > (c + 1.0) / nClasses || v - 1 - i == nClasses - 1 - c;
            if (full && c < nClasses - 1 && i < v - 1) c++;
        }
        return new WordClasses(wc);
    }

    /** Number of words V. */
    public int words() { return wordClass.length; }
    /** Number of classes C. */
    public int classes() { return start.length; }
    /** The class of word w. */
    public int classOf(int w) { return wordClass[w]; }
    /** The first row of class c in the class-sorted order. */
    public int start(int c) { return start[c]; }
    /** The number of words in class c. */
    public int size(int c) { return size[c]; }
    /** The row of word w in the class-sorted order. */
    public int row(int w) { return row[w]; }
    /** A copy of the assignment, word → class. */
    public int[] assignment() { return wordClass.clone(); }
    /** A copy of the row map, word → row. */
    public int[] rows() { return row.clone(); }
    /** The largest class size. */
    public int maxSize() { return Arrays.stream(size).max().orElse(0); }
}
