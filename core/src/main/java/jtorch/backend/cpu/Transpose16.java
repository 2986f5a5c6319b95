package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 16 × 16 F32 transpose in registers, for the GEMM packing routines that turn lines into steps
 * ({@link SgemmPack#lines}, the transposed-B panels of {@link SgemmBatched}): 16 lines of 16 steps are loaded as 16
 * vectors and written back as 16 vectors of one step each. Four rounds of two-vector lane selections (vector i and
 * i + 8 zipped into 2i and 2i + 1: the 8-bit (line, step) index of each element rotates left by one bit per round,
 * so after four it is (step, line)). Measured, 1 thread, Zen 4: 512 lines × 128 steps into 32-line panels 31 → 9 µs
 * (the scalar loop moves one element per load and store). A copy: the bits are the source's, however it runs. Only
 * for 16-lane vectors ({@link #AVAILABLE}).
 */
final class Transpose16 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** True when the preferred vector has 16 float lanes (AVX-512): then {@link #block} may be called. */
    static final boolean AVAILABLE = S.length() == 16;
    /** Lane selections (indices into the pair x, y as 0..15, 16..31): zip of the low and of the high halves. */
    private static final FloatVector LO, HI;

    static {
        float[] lo = new float[S.length()], hi = new float[S.length()];
        if (AVAILABLE) {
            for (int q = 0; q < 8; q++) {
                lo[2 * q] = q;
                lo[2 * q + 1] = 16 + q;
                hi[2 * q] = 8 + q;
                hi[2 * q + 1] = 24 + q;
            }
        }
        LO = FloatVector.fromArray(S, lo, 0);
        HI = FloatVector.fromArray(S, hi, 0);
    }

    private Transpose16() {}

    /** dst[d + p·ds + i] = src[off + i·ld + p] for i, p in [0, 16). */
    static void block(float[] src, int off, int ld, float[] dst, int d, int ds) {
        FloatVector v0 = FloatVector.fromArray(S, src, off), v1 = FloatVector.fromArray(S, src, off + ld);
        FloatVector v2 = FloatVector.fromArray(S, src, off + 2 * ld), v3 = FloatVector.fromArray(S, src, off + 3 * ld);
        FloatVector v4 = FloatVector.fromArray(S, src, off + 4 * ld), v5 = FloatVector.fromArray(S, src, off + 5 * ld);
        FloatVector v6 = FloatVector.fromArray(S, src, off + 6 * ld), v7 = FloatVector.fromArray(S, src, off + 7 * ld);
        FloatVector v8 = FloatVector.fromArray(S, src, off + 8 * ld), v9 = FloatVector.fromArray(S, src, off + 9 * ld);
        FloatVector v10 = FloatVector.fromArray(S, src, off + 10 * ld);
        FloatVector v11 = FloatVector.fromArray(S, src, off + 11 * ld);
        FloatVector v12 = FloatVector.fromArray(S, src, off + 12 * ld);
        FloatVector v13 = FloatVector.fromArray(S, src, off + 13 * ld);
        FloatVector v14 = FloatVector.fromArray(S, src, off + 14 * ld);
        FloatVector v15 = FloatVector.fromArray(S, src, off + 15 * ld);
        for (int round = 0; round < 4; round++) {
            FloatVector n0 = LO.selectFrom(v0, v8), n1 = HI.selectFrom(v0, v8);
            FloatVector n2 = LO.selectFrom(v1, v9), n3 = HI.selectFrom(v1, v9);
            FloatVector n4 = LO.selectFrom(v2, v10), n5 = HI.selectFrom(v2, v10);
            FloatVector n6 = LO.selectFrom(v3, v11), n7 = HI.selectFrom(v3, v11);
            FloatVector n8 = LO.selectFrom(v4, v12), n9 = HI.selectFrom(v4, v12);
            FloatVector n10 = LO.selectFrom(v5, v13), n11 = HI.selectFrom(v5, v13);
            FloatVector n12 = LO.selectFrom(v6, v14), n13 = HI.selectFrom(v6, v14);
            FloatVector n14 = LO.selectFrom(v7, v15), n15 = HI.selectFrom(v7, v15);
            v0 = n0; v1 = n1; v2 = n2; v3 = n3; v4 = n4; v5 = n5; v6 = n6; v7 = n7;
            v8 = n8; v9 = n9; v10 = n10; v11 = n11; v12 = n12; v13 = n13; v14 = n14; v15 = n15;
        }
        v0.intoArray(dst, d);
        v1.intoArray(dst, d + ds);
        v2.intoArray(dst, d + 2 * ds);
        v3.intoArray(dst, d + 3 * ds);
        v4.intoArray(dst, d + 4 * ds);
        v5.intoArray(dst, d + 5 * ds);
        v6.intoArray(dst, d + 6 * ds);
        v7.intoArray(dst, d + 7 * ds);
        v8.intoArray(dst, d + 8 * ds);
        v9.intoArray(dst, d + 9 * ds);
        v10.intoArray(dst, d + 10 * ds);
        v11.intoArray(dst, d + 11 * ds);
        v12.intoArray(dst, d + 12 * ds);
        v13.intoArray(dst, d + 13 * ds);
        v14.intoArray(dst, d + 14 * ds);
        v15.intoArray(dst, d + 15 * ds);
    }
}
