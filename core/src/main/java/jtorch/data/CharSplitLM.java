package jtorch.data;

import java.nio.file.Path;
import java.util.List;
import jtorch.tensor.Tensor;

/**
 * char-rnn's minibatch loader ({@code CharSplitLMMinibatchLoader}) over a {@link TextCorpus}: an unbroken text cut
 * into {@code batchSize} parallel streams, read {@code seqLength} tokens at a time, so that batch i+1 continues
 * exactly where batch i stopped in every stream (truncated BPTT carries the state from one batch to the next).
 * <p>With N tokens, B = batchSize, T = seqLength: the text is cut to N' = B·T·⌊N / (B·T)⌋ tokens; targets are the
 * tokens shifted by one, y[k] = x[k+1], the last one wrapping to x[0]; stream b is tokens [b·L, (b+1)·L) with
 * L = N' / B; batch i is the chunk [i·T, (i+1)·T) of every stream, {@code input} x and {@code target} y I32 [T, B]
 * (time first, as {@link jtorch.nn.rnn} wants): {@code x[t, b] = text[b·L + i·T + t]}. Of the M = N' / (B·T)
 * batches the first ⌊M · (1 - valFraction)⌋ are the training split and the rest the validation split, as char-rnn
 * splits by batch index (so validation is the end of every stream, not the end of the text). char-rnn's default
 * valFraction is 0.05.
 * <p>A text too short for one training and (when valFraction &gt; 0) one validation batch is an
 * {@link IllegalArgumentException} naming N, B, T and the fix.
 */
public final class CharSplitLM {
    private final TextCorpus corpus;
    private final int batchSize, seqLength, trainBatches, validationBatches, streamLength;
    private final int[] x, y;

    private CharSplitLM(TextCorpus corpus, int batchSize, int seqLength, double valFraction) {
        if (batchSize < 1 || seqLength < 1) throw new IllegalArgumentException("CharSplitLM: batch size and sequence "
                + "length must be positive, got " + batchSize + " and " + seqLength);
        if (!(valFraction >= 0 && valFraction < 1)) throw new IllegalArgumentException("CharSplitLM: validation "
                + "fraction must be in [0, 1), got " + valFraction);
        int n = corpus.length();
        long per = (long) batchSize * seqLength;
        int m = (int) (n / per);
        int train = (int) Math.floor(m * (1 - valFraction));
        int val = m - train;
        if (train < 1 || (valFraction > 0 && val < 1)) {
            long need = per * minBatches(valFraction);
            throw new IllegalArgumentException("CharSplitLM: " + n + " tokens are too few for batch size " + batchSize
                    + " and sequence length " + seqLength + " (one batch holds " + per + " tokens: " + m + " batch"
                    + (m == 1 ? "" : "es") + " give " + train + " training and " + val + " validation batches; need "
                    + "about " + need + " tokens, or a smaller batch size or sequence length)");
        }
        this.corpus = corpus;
        this.batchSize = batchSize;
        this.seqLength = seqLength;
        this.trainBatches = train;
        this.validationBatches = val;
        int len = (int) (m * per);
        this.streamLength = len / batchSize;
        int[] all = corpus.ids().toIntArray();
        x = java.util.Arrays.copyOf(all, len);
        y = new int[len];
        System.arraycopy(x, 1, y, 0, len - 1);
        y[len - 1] = x[0];
    }

    /** The fewest batches that give one training and (valFraction &gt; 0) one validation batch. */
    static int minBatches(double valFraction) {
        for (int m = 1; m < 1_000_000; m++) {
            int train = (int) Math.floor(m * (1 - valFraction));
            if (train >= 1 && (valFraction == 0 || m - train >= 1)) return m;
        }
        return 1_000_000;
    }

    /** The batches of {@code corpus}; see the class comment. */
    public static CharSplitLM of(TextCorpus corpus, int batchSize, int seqLength, double valFraction) {
        return new CharSplitLM(corpus, batchSize, seqLength, valFraction);
    }

    /** The batches of a UTF-8 text file read as characters ({@link TextCorpus#chars}). */
    public static CharSplitLM load(Path file, int batchSize, int seqLength, double valFraction) {
        return of(TextCorpus.chars(file), batchSize, seqLength, valFraction);
    }

    public TextCorpus corpus() { return corpus; }
    public List<String> vocabulary() { return corpus.vocabulary(); }
    public int vocabularySize() { return corpus.vocabulary().size(); }
    public int batchSize() { return batchSize; }
    public int seqLength() { return seqLength; }
    public int trainBatches() { return trainBatches; }
    public int validationBatches() { return validationBatches; }

    /** Training batch i in [0, trainBatches): input and target I32 [T, B]. */
    public Batch train(int i) {
        if (i < 0 || i >= trainBatches) throw new IndexOutOfBoundsException("CharSplitLM.train: batch " + i
                + " out of range [0, " + trainBatches + ")");
        return batch(i);
    }

    /** Validation batch i in [0, validationBatches): input and target I32 [T, B]. */
    public Batch validation(int i) {
        if (i < 0 || i >= validationBatches) throw new IndexOutOfBoundsException("CharSplitLM.validation: batch " + i
                + " out of range [0, " + validationBatches + ")");
        return batch(trainBatches + i);
    }

    private Batch batch(int i) {
        int t = seqLength, b = batchSize;
        int[] xs = new int[t * b], ys = new int[t * b];
        for (int s = 0; s < b; s++) {
            int base = s * streamLength + i * t;
            for (int k = 0; k < t; k++) {
                xs[k * b + s] = x[base + k];
                ys[k * b + s] = y[base + k];
            }
        }
        return new Batch(Sources.wrap(xs, t, b), Sources.wrap(ys, t, b));
    }
}
