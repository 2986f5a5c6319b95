package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packing of GEMM operands into the panels the micro-kernels read: a panel of {@code R} lines (rows of A, or columns
 * of B) and {@code kc} steps is stored as {@code dst[base + p*R + i]} = element (line i, step p), zero-padded from
 * the valid line count {@code r} up to {@code R}.
 * <ul>
 * <li>{@link #lines}: the source lines are contiguous along p ({@code src[off + i*ld + p]}): A, or Bᵀ.</li>
 * <li>{@link #steps}: each step is contiguous across lines ({@code src[off + p*ld + i]}): Aᵀ, or B.</li>
 * </ul>
 */
final class SgemmPack {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private SgemmPack() {}

    /**
     * dst[base + p*R + i] = src[off + i*ld + p] for i < r, p < kc; 0 for r <= i < R. With 16-lane vectors, groups of
     * 16 lines go through {@link Transpose16} 16 steps at a time; the other lines are read 4 at a time.
     */
    static void lines(float[] src, int off, int ld, int r, int kc, float[] dst, int base, int R) {
        int i = 0;
        if (Transpose16.AVAILABLE) {
            int kb = kc & ~15;
            for (; i + 16 <= r; i += 16) {
                int s = off + i * ld;
                for (int p = 0; p < kb; p += 16) Transpose16.block(src, s + p, ld, dst, base + p * R + i, R);
                for (int q = 0; q < 16; q++) {
                    for (int p = kb, d = base + kb * R + i + q; p < kc; p++, d += R) dst[d] = src[s + q * ld + p];
                }
            }
        }
        for (; i + 4 <= r; i += 4) {
            int s0 = off + i * ld, s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
            for (int p = 0, d = base + i; p < kc; p++, d += R) {
                dst[d] = src[s0 + p];
                dst[d + 1] = src[s1 + p];
                dst[d + 2] = src[s2 + p];
                dst[d + 3] = src[s3 + p];
            }
        }
        for (; i < r; i++) {
            int s = off + i * ld;
            for (int p = 0, d = base + i; p < kc; p++, d += R) dst[d] = src[s + p];
        }
        if (r < R) zeroTail(dst, base, r, kc, R);
    }

    /** dst[base + p*R + i] = src[off + p*ld + i] for i < r, p < kc; 0 for r <= i < R. */
    static void steps(float[] src, int off, int ld, int r, int kc, float[] dst, int base, int R) {
        if (r == R && R % L == 0) {
            for (int p = 0; p < kc; p++) {
                int s = off + p * ld, d = base + p * R;
                for (int i = 0; i < R; i += L) FloatVector.fromArray(S, src, s + i).intoArray(dst, d + i);
            }
            return;
        }
        if (R <= L) { // one masked vector per step; lanes r..R-1 load as zero
            VectorMask<Float> in = S.indexInRange(0, r), out = S.indexInRange(0, R);
            for (int p = 0; p < kc; p++) FloatVector.fromArray(S, src, off + p * ld, in).intoArray(dst, base + p * R, out);
            return;
        }
        for (int p = 0; p < kc; p++) {
            int s = off + p * ld, d = base + p * R;
            for (int i = 0; i < r; i++) dst[d + i] = src[s + i];
        }
        if (r < R) zeroTail(dst, base, r, kc, R);
    }

    /**
     * {@link #steps} for every panel of {@code n} columns at once: panel q (columns q·R .. q·R + R) at
     * {@code dst[base + q·R·kc]}, the last one zero-padded when R does not divide n. Full panels are copied a source
     * row at a time (p outer, panels inner), so the source is read front to back: a row-major B whose rows are longer
     * than a panel was read a column strip at a time before, which touches a new cache line (and a new page every
     * few rows) per step and ran 1.5-3x slower when B came from memory (768 x 128: ~100 us → ~60 us, cold caches).
     */
    static void stepPanels(float[] src, int off, int ld, int n, int kc, float[] dst, int base, int R) {
        int full = R % L == 0 ? n / R : 0, stride = R * kc;
        if (full > 0) {
            for (int p = 0; p < kc; p++) {
                int s = off + p * ld;
                for (int q = 0, d = base + p * R; q < full; q++, s += R, d += stride) {
                    for (int i = 0; i < R; i += L) FloatVector.fromArray(S, src, s + i).intoArray(dst, d + i);
                }
            }
        }
        if (full * R < n) steps(src, off + full * R, ld, n - full * R, kc, dst, base + full * stride, R);
    }

    private static void zeroTail(float[] dst, int base, int r, int kc, int R) {
        for (int p = 0, d = base; p < kc; p++, d += R) {
            for (int i = r; i < R; i++) dst[d + i] = 0f;
        }
    }
}
