package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row updates a[k] = fma(x, y[k], a[k]) of short rows (the memory-network kernels' d ≈ 20): blocks of the preferred
 * vector length, then blocks of 4 lanes, then scalars. Every element is one fused multiply-add whichever part handles
 * it, so the bits do not depend on the vector length used.
 */
final class FmaRows {
    private FmaRows() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED, S4 = FloatVector.SPECIES_128;
    private static final int L = S.length();

    /** a[ab + k] = fma(w, v[vb + k], a[ab + k]) for k in [0, n). */
    static void axpy(float w, float[] v, int vb, float[] a, int ab, int n) {
        int k = 0;
        if (n >= L) {
            FloatVector wv = FloatVector.broadcast(S, w);
            for (; k + L <= n; k += L) wv.fma(FloatVector.fromArray(S, v, vb + k), FloatVector.fromArray(S, a, ab + k)).intoArray(a, ab + k);
        }
        if (L > 4 && k + 4 <= n) {
            FloatVector wv = FloatVector.broadcast(S4, w);
            for (; k + 4 <= n; k += 4) wv.fma(FloatVector.fromArray(S4, v, vb + k), FloatVector.fromArray(S4, a, ab + k)).intoArray(a, ab + k);
        }
        for (; k < n; k++) a[ab + k] = Math.fma(w, v[vb + k], a[ab + k]);
    }

    /** a[ab + k] = fma(x[xb + k], v[vb + k], a[ab + k]) for k in [0, n). */
    static void fma(float[] x, int xb, float[] v, int vb, float[] a, int ab, int n) {
        int k = 0;
        for (; k + L <= n; k += L)
            FloatVector.fromArray(S, x, xb + k).fma(FloatVector.fromArray(S, v, vb + k), FloatVector.fromArray(S, a, ab + k)).intoArray(a, ab + k);
        if (L > 4)
            for (; k + 4 <= n; k += 4)
                FloatVector.fromArray(S4, x, xb + k).fma(FloatVector.fromArray(S4, v, vb + k), FloatVector.fromArray(S4, a, ab + k)).intoArray(a, ab + k);
        for (; k < n; k++) a[ab + k] = Math.fma(x[xb + k], v[vb + k], a[ab + k]);
    }
}
