package jtorch.nn;

import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * A module's own random stream whose state lives in a persistent I32 [8] buffer (four 64-bit words, low word first),
 * so model files and checkpoints carry it and a resumed run draws the same numbers. The generator is rebuilt from the
 * buffer whenever someone else (loadStateDict, a checkpoint) changed it. Used by Dropout, the noise modules and
 * GaussianSampler.
 */
public final class BufferedGenerator {
    private Generator generator; // kept in step with the buffer
    private long[] seen = new long[4]; // the state last written to (or read from) the buffer

    /** A fresh I32 [8] buffer to declare with {@code addBuffer}. */
    public static Tensor newBuffer() { return Tensor.zeros(DType.I32, 8); }

    /** The generator for buffer {@code b} of module {@code owner}, rebuilt when the buffer holds another state. */
    public Generator get(String owner, Tensor b) {
        if (b.dtype() != DType.I32 || b.numel() != 8) throw new IllegalStateException(owner + ": the generator buffer"
                + " must be I32 [8], got " + b.dtype() + " " + b.shape());
        boolean same = generator != null;
        for (int i = 0; same && i < 4; i++) same = word(b, i) == seen[i];
        if (!same) {
            for (int i = 0; i < 4; i++) seen[i] = word(b, i);
            generator = Generator.restore(seen.clone());
        }
        return generator;
    }

    /** Writes a generator state into buffer {@code b} (low word first) and remembers it. */
    public void store(Tensor b, long[] s) {
        for (int i = 0; i < 4; i++) {
            b.set((int) s[i], 2 * i);
            b.set((int) (s[i] >>> 32), 2 * i + 1);
        }
        System.arraycopy(s, 0, seen, 0, 4);
    }

    /**
     * The stream of a module's copy: with {@code split} (a shared clone) the copy's buffer gets a generator split from
     * this one and this one moves on, so no two clones draw the same numbers; otherwise the copy continues the same
     * stream from its copied buffer.
     */
    public BufferedGenerator copy(String owner, Tensor mine, Tensor theirs, boolean split) {
        BufferedGenerator d = new BufferedGenerator();
        d.seen = seen.clone();
        if (split) {
            Generator g = get(owner, mine);
            d.store(theirs, g.split().state());
            store(mine, g.state());
        }
        return d;
    }

    private static long word(Tensor b, int i) { return ((long) b.get(2 * i) & 0xFFFFFFFFL) | ((long) b.get(2 * i + 1) << 32); }
}
