package jtorch.nn.rnn;

import java.util.ArrayList;
import java.util.List;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * Variable-length sequences to right-padded batches and back (PyTorch's {@code pad_sequence}): features become
 * [T, B, F] with all-zero rows after each sequence's end, the padding that {@link MaskZero},
 * {@link Recurrence#maskZero(boolean)} and the fused modules' {@code maskZero(true)} recognise; tokens become [T, B]
 * I32 filled with a padding index, which a {@link LookupTable} with that padding index turns into zero rows and
 * {@link MaskedNLLCriterion} ignores as a target. T is the longest length. Lengths are per batch column b.
 */
public final class PaddedSequences {
    private PaddedSequences() {}

    private static int longest(String who, int[] len) {
        if (len.length == 0) throw new IllegalArgumentException("PaddedSequences." + who + ": no sequences");
        int t = 0;
        for (int b = 0; b < len.length; b++) {
            if (len[b] < 1) throw new IllegalArgumentException("PaddedSequences." + who + ": sequence " + b
                    + " is empty (lengths must be >= 1)");
            t = Math.max(t, len[b]);
        }
        return t;
    }

    /** Sequences s_b [L_b, F...] (one dtype and back end) to x [T, B, F...], zero after each end. */
    public static Tensor pad(List<Tensor> seqs) {
        int[] len = new int[seqs.size()];
        for (int b = 0; b < len.length; b++) len[b] = seqs.get(b).dim() >= 1 ? seqs.get(b).size(0) : 0;
        int t = longest("pad", len);
        Tensor first = seqs.getFirst();
        int[] sz = new int[first.dim() + 1];
        sz[0] = t;
        sz[1] = len.length;
        for (int d = 1; d < first.dim(); d++) sz[d + 1] = first.size(d);
        Tensor x = first.newZeros(sz);
        for (int b = 0; b < len.length; b++) {
            Tensor s = seqs.get(b), dst = x.narrow(0, 0, len[b]).select(1, b);
            if (!java.util.Arrays.equals(s.sizes(), dst.sizes())) throw new IllegalArgumentException("PaddedSequences.pad:"
                    + " sequence " + b + " is " + s.shape() + ", expected the trailing sizes of sequence 0 "
                    + first.shape());
            dst.copy(s);
        }
        return x;
    }

    /** Token sequences to [T, B] I32, {@code paddingIndex} after each end. */
    public static Tensor padTokens(List<int[]> seqs, int paddingIndex) {
        int[] len = new int[seqs.size()];
        for (int b = 0; b < len.length; b++) len[b] = seqs.get(b).length;
        int t = longest("padTokens", len), n = len.length;
        int[] v = new int[t * n];
        java.util.Arrays.fill(v, paddingIndex);
        for (int b = 0; b < n; b++) for (int s = 0; s < len[b]; s++) v[s * n + b] = seqs.get(b)[s];
        return Tensor.of(v, t, n);
    }

    /** The sequences of x [T, B, ...] cut to their lengths: copies x[0 .. L_b, b] [L_b, ...]. */
    public static List<Tensor> unpad(Tensor x, int[] lengths) {
        if (x.dim() < 2 || x.size(1) != lengths.length) throw new IllegalArgumentException("PaddedSequences.unpad: "
                + "expected x [T, " + lengths.length + ", ...] for " + lengths.length + " lengths, got " + x.shape());
        if (longest("unpad", lengths) > x.size(0)) throw new IllegalArgumentException("PaddedSequences.unpad: a length"
                + " exceeds T = " + x.size(0));
        List<Tensor> out = new ArrayList<>(lengths.length);
        for (int b = 0; b < lengths.length; b++) out.add(x.narrow(0, 0, lengths[b]).select(1, b).clone());
        return out;
    }

    /** L_b = 1 + the last t whose row x[t, b, :] is not all zero (0 for an all-padding column), for x [T, B, F]. */
    public static int[] lengths(Tensor x) {
        if (x.dim() != 3) throw new IllegalArgumentException("PaddedSequences.lengths: expected x [T, B, F], got "
                + x.shape());
        Tensor keep = Masks.rows("PaddedSequences.lengths", x).view(x.size(0), x.size(1)).to(DType.F64);
        Tensor tt = Tensor.arange(DType.F64, 1, x.size(0) + 1, 1).to(x.backend()).view(x.size(0), 1);
        return keep.mul(tt).max(0).values().to(DType.I32).toIntArray();
    }

    /** L_b = 1 + the last t whose token is not the padding index, for tokens [T, B]. */
    public static int[] tokenLengths(Tensor tokens, int paddingIndex) {
        if (tokens.dim() != 2) throw new IllegalArgumentException("PaddedSequences.tokenLengths: expected tokens [T, B],"
                + " got " + tokens.shape());
        Tensor keep = tokens.to(DType.F64).ne(paddingIndex);
        Tensor tt = Tensor.arange(DType.F64, 1, tokens.size(0) + 1, 1).to(tokens.backend()).view(tokens.size(0), 1);
        return keep.mul(tt).max(0).values().to(DType.I32).toIntArray();
    }

    /** The keep-mask [T, B] in {@code dtype}: 1 for t &lt; L_b, 0 after. */
    public static Tensor mask(DType dtype, int[] lengths, int steps) {
        Tensor len = Tensor.of(lengths, lengths.length).to(dtype).view(1, lengths.length);
        return Tensor.arange(dtype, 0, steps, 1).view(steps, 1).lt(len);
    }

    /** y[L_b - 1, b] for each b: the output at every sequence's last real step, [B, ...] (a copy). */
    public static Tensor lastSteps(Tensor y, int[] lengths) {
        if (y.dim() < 2 || y.size(1) != lengths.length) throw new IllegalArgumentException("PaddedSequences.lastSteps: "
                + "expected y [T, " + lengths.length + ", ...], got " + y.shape());
        int[] sz = y.select(0, 0).sizes();
        Tensor out = y.newZeros(sz);
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] < 1 || lengths[b] > y.size(0)) throw new IllegalArgumentException("PaddedSequences.lastSteps:"
                    + " length " + lengths[b] + " of sequence " + b + " outside 1.." + y.size(0));
            out.select(0, b).copy(y.select(0, lengths[b] - 1).select(0, b));
        }
        return out;
    }
}
