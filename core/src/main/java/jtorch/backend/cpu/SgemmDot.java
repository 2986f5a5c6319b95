package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGEMM for a narrow result with a long inner dimension, as dot products: {@code C = alpha·A·B + beta·C} where rows of
 * A are contiguous, A(i, p) = {@code a[aOff + i*asi + p]}, and B is read through its transpose, B(p, j) =
 * {@code bt[btOff + j*ldbt + p]}; C(i, j) = {@code c[cOff + i*csi + j*csj]}.
 * <p>A 4×3 block of C is 12 vector accumulators over p (every lane useful, unlike a broadcast kernel whose vector
 * spans n < 16 columns), reduced across lanes once at the end in {@link Lanes#sum}'s fixed tree order; edge blocks repeat a valid row or column and store only
 * the valid part. Worth it when k is long compared with the 12 lane reductions per block.
 */
final class SgemmDot {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private SgemmDot() {}

    static void rows(int lo, int hi, int n, int k, float alpha, float[] a, int aOff, int asi, float[] bt, int btOff,
                     int ldbt, float beta, float[] c, int cOff, int csi, int csj) {
        float[] tmp = new float[12 * L];
        for (int i = lo; i < hi; i += 4) {
            for (int j = 0; j < n; j += 3) block(i, Math.min(4, hi - i), j, Math.min(3, n - j), k, alpha, a, aOff, asi,
                    bt, btOff, ldbt, beta, c, cOff, csi, csj, tmp);
        }
    }

    private static void block(int i, int r, int j, int q, int k, float alpha, float[] a, int aOff, int asi,
                              float[] bt, int btOff, int ldbt, float beta, float[] c, int cOff, int csi, int csj, float[] tmp) {
        int a0 = aOff + i * asi, a1 = r > 1 ? a0 + asi : a0, a2 = r > 2 ? a1 + asi : a0, a3 = r > 3 ? a2 + asi : a0;
        int b0 = btOff + j * ldbt, b1 = q > 1 ? b0 + ldbt : b0, b2 = q > 2 ? b1 + ldbt : b0;
        FloatVector z = FloatVector.zero(S);
        FloatVector s00 = z, s01 = z, s02 = z, s10 = z, s11 = z, s12 = z, s20 = z, s21 = z, s22 = z, s30 = z, s31 = z, s32 = z;
        int p = 0;
        for (int bound = S.loopBound(k); p < bound; p += L) {
            FloatVector x0 = FloatVector.fromArray(S, bt, b0 + p), x1 = FloatVector.fromArray(S, bt, b1 + p);
            FloatVector x2 = FloatVector.fromArray(S, bt, b2 + p), v = FloatVector.fromArray(S, a, a0 + p);
            s00 = v.fma(x0, s00); s01 = v.fma(x1, s01); s02 = v.fma(x2, s02);
            v = FloatVector.fromArray(S, a, a1 + p);
            s10 = v.fma(x0, s10); s11 = v.fma(x1, s11); s12 = v.fma(x2, s12);
            v = FloatVector.fromArray(S, a, a2 + p);
            s20 = v.fma(x0, s20); s21 = v.fma(x1, s21); s22 = v.fma(x2, s22);
            v = FloatVector.fromArray(S, a, a3 + p);
            s30 = v.fma(x0, s30); s31 = v.fma(x1, s31); s32 = v.fma(x2, s32);
        }
        // the 12 accumulators go to memory here and are summed by put(): no vector crosses a method boundary (a put()
        // taking vectors was compiled on its own first, then not inlined, and every vector was boxed: 5-10x slower)
        s00.intoArray(tmp, 0); s01.intoArray(tmp, L); s02.intoArray(tmp, 2 * L);
        s10.intoArray(tmp, 3 * L); s11.intoArray(tmp, 4 * L); s12.intoArray(tmp, 5 * L);
        s20.intoArray(tmp, 6 * L); s21.intoArray(tmp, 7 * L); s22.intoArray(tmp, 8 * L);
        s30.intoArray(tmp, 9 * L); s31.intoArray(tmp, 10 * L); s32.intoArray(tmp, 11 * L);
        int o = cOff + i * csi + j * csj;
        put(c, o, tmp, 0, a0, b0, b1, b2, p, k, a, bt, q, csj, alpha, beta);
        if (r > 1) put(c, o + csi, tmp, 3 * L, a1, b0, b1, b2, p, k, a, bt, q, csj, alpha, beta);
        if (r > 2) put(c, o + 2 * csi, tmp, 6 * L, a2, b0, b1, b2, p, k, a, bt, q, csj, alpha, beta);
        if (r > 3) put(c, o + 3 * csi, tmp, 9 * L, a3, b0, b1, b2, p, k, a, bt, q, csj, alpha, beta);
    }

    /**
     * One row of the block: the lane sums of its three accumulators (at tmp[t ..], in {@link Lanes#sum}'s order), plus the scalar
     * tail p0..k-1, then C = alpha·sum + beta·C for q columns.
     */
    private static void put(float[] c, int o, float[] tmp, int t, int ar, int b0, int b1, int b2, int p0, int k,
                            float[] a, float[] bt, int q, int csj, float alpha, float beta) {
        for (int w = L / 2; w >= 1; w /= 2) { // Lanes.sum's tree: fold the upper half onto the lower, repeatedly
            for (int l = 0; l < w; l++) {
                tmp[t + l] += tmp[t + l + w]; tmp[t + L + l] += tmp[t + L + l + w]; tmp[t + 2 * L + l] += tmp[t + 2 * L + l + w];
            }
        }
        float t0 = tmp[t], t1 = tmp[t + L], t2 = tmp[t + 2 * L];
        for (int p = p0; p < k; p++) {
            float x = a[ar + p];
            t0 += x * bt[b0 + p]; t1 += x * bt[b1 + p]; t2 += x * bt[b2 + p];
        }
        store(c, o, t0, alpha, beta);
        if (q > 1) store(c, o + csj, t1, alpha, beta);
        if (q > 2) store(c, o + 2 * csj, t2, alpha, beta);
    }

    private static void store(float[] c, int o, float s, float alpha, float beta) {
        c[o] = beta == 0 ? alpha * s : alpha * s + beta * c[o];
    }
}
