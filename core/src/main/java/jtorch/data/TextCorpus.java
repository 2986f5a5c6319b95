package jtorch.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import jtorch.tensor.Tensor;

/**
 * A UTF-8 text file as a sequence of token ids: {@code ids} I32 [T] with {@code ids[t]} the index of token t in
 * {@code vocabulary}. {@link #chars} tokenises into Unicode code points, {@link #words} into whitespace-separated words
 * plus {@value #EOS} at the end of every line (as language-model corpora such as Penn Treebank are used). The
 * vocabulary is the distinct tokens in sorted order (code point order for characters, String order for words), so it
 * depends only on the set of tokens. Invalid UTF-8 or an empty corpus is a {@link DataFormatException}.
 */
public record TextCorpus(Tensor ids, List<String> vocabulary) {
    public static final String EOS = "<eos>";
    /** The largest file {@link #chars}/{@link #words} accept: 1 GiB. */
    public static final long MAX_BYTES = 1L << 30;

    public TextCorpus {
        vocabulary = List.copyOf(vocabulary);
    }

    /** The file as code points. */
    public static TextCorpus chars(Path file) {
        String text = decode(file);
        int[] cps = text.codePoints().toArray();
        TreeSet<Integer> set = new TreeSet<>();
        for (int c : cps) set.add(c);
        List<String> vocab = new ArrayList<>();
        Map<Integer, Integer> index = new HashMap<>();
        for (int c : set) {
            index.put(c, vocab.size());
            vocab.add(Character.toString(c));
        }
        int[] ids = new int[cps.length];
        for (int i = 0; i < ids.length; i++) ids[i] = index.get(cps[i]);
        return new TextCorpus(Sources.wrap(ids, ids.length), vocab);
    }

    /** The file as words (split at whitespace) with {@value #EOS} after every line. */
    public static TextCorpus words(Path file) {
        String text = decode(file);
        List<String> tokens = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int last = text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int l = 0; l < last; l++) {
            for (String w : lines[l].strip().split("\\s+")) if (!w.isEmpty()) tokens.add(w);
            tokens.add(EOS);
        }
        List<String> vocab = new ArrayList<>(new TreeSet<>(tokens));
        Map<String, Integer> index = new HashMap<>();
        for (String w : vocab) index.put(w, index.size());
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = index.get(tokens.get(i));
        return new TextCorpus(Sources.wrap(ids, ids.length), vocab);
    }

    public int length() { return ids.size(0); }

    /** The tokens of {@code ids} joined (characters directly, words with single spaces). */
    public String decode(Tensor ids) {
        boolean chars = vocabulary.stream().allMatch(s -> s.codePointCount(0, s.length()) == 1) && !vocabulary.contains(EOS);
        StringBuilder sb = new StringBuilder();
        for (int i : ids.toIntArray()) {
            if (i < 0 || i >= vocabulary.size()) throw new IllegalArgumentException("TextCorpus.decode: id " + i
                    + " out of range [0, " + vocabulary.size() + ")");
            if (!chars && !sb.isEmpty()) sb.append(' ');
            sb.append(vocabulary.get(i));
        }
        return sb.toString();
    }

    /**
     * Next-token training pairs: {@code floor((T - 1) / length)} non-overlapping windows; inputs I32 [M, length] =
     * {@code ids[m*length .. +length)}, targets I32 [M, length] = the same window shifted by one token.
     */
    public TensorDataset sequences(int length) {
        int m = length <= 0 ? 0 : (length() - 1) / length;
        if (m == 0) throw new IllegalArgumentException("TextCorpus.sequences: " + length() + " tokens give no window of "
                + length + " tokens plus a target");
        int[] a = ids.toIntArray(), x = new int[m * length], y = new int[m * length];
        System.arraycopy(a, 0, x, 0, m * length);
        System.arraycopy(a, 1, y, 0, m * length);
        return new TensorDataset(Sources.wrap(x, m, length), Sources.wrap(y, m, length));
    }

    private static String decode(Path file) {
        byte[] b = Sources.readAll(file, MAX_BYTES);
        if (b.length == 0) throw new DataFormatException(file.toString(), 0, "expected text, the file is empty");
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        CharBuffer out = CharBuffer.allocate(b.length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) r = d.flush(out);
        if (r.isError()) throw new DataFormatException(file.toString(), in.position(), "expected UTF-8 text, got an invalid "
                + r.length() + "-byte sequence");
        return out.flip().toString();
    }
}
