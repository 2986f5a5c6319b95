package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sum of a vector's lanes in one fixed order, the same interpreted and compiled. {@code reduceLanes(ADD)} is not: its
 * Java fallback adds lane 0, 1, 2, … in sequence and its intrinsic adds in a tree, so float sums differ in the last
 * bits before and after C2 compiles the caller. Here: with L lanes, fold the upper half onto the lower half
 * (lane i += lane i + L/2), then the upper quarter onto the lower quarter, and so on, ending at lane 0; for 8 lanes
 * that is ((v0 + v4) + (v2 + v6)) + ((v1 + v5) + (v3 + v7)).
 */
final class Lanes {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorShuffle<Float> UP8 = VectorShuffle.iota(S, 8 % L, 1, true);
    private static final VectorShuffle<Float> UP4 = VectorShuffle.iota(S, 4 % L, 1, true);
    private static final VectorShuffle<Float> UP2 = VectorShuffle.iota(S, 2 % L, 1, true);
    private static final VectorShuffle<Float> UP1 = VectorShuffle.iota(S, 1 % L, 1, true);

    private Lanes() {}

    /** Σ lanes of v, in the fixed tree order of the class comment (L ≤ 16). */
    static float sum(FloatVector v) {
        if (L >= 16) v = v.add(v.rearrange(UP8));
        if (L >= 8) v = v.add(v.rearrange(UP4));
        if (L >= 4) v = v.add(v.rearrange(UP2));
        if (L >= 2) v = v.add(v.rearrange(UP1));
        return v.lane(0);
    }

}
