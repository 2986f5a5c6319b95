package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;

/**
 * The lane sum of {@link Lanes#sum} (the same fixed order, so the same bits) through a small scratch array: the
 * vector is stored once and folded in scalar code (lane i += lane i + L/2, then + L/4, …). For kernels that sum one
 * vector per short row: in the softmax's exp-and-sum loop the shuffle fold measured ~2x slower (C2 did not inline
 * it there).
 */
final class LaneSum {
    private static final int L = FloatVector.SPECIES_PREFERRED.length();

    private LaneSum() {}

    /** Σ lanes of v; {@code t} is scratch with room for L floats from {@code off}. */
    static float sum(FloatVector v, float[] t, int off) {
        v.intoArray(t, off);
        for (int w = L >> 1; w > 0; w >>= 1) {
            for (int i = 0; i < w; i++) t[off + i] += t[off + i + w];
        }
        return t[off];
    }

}
