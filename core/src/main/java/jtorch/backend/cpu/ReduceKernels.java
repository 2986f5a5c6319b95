package jtorch.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import jtorch.backend.ReduceOp;

/**
 * Reductions of one F32 line {@code x[base + j·stride]}, j in [0, len), to a double, with the semantics of
 * {@link ReduceOp} (NaN propagates through MAX and MIN; LOGSUMEXP = m + log Σ exp(x - m), m = max, and m itself when
 * m is ±inf or NaN; empty: SUM 0, PROD 1, MAX -inf, MIN +inf).
 * <p>Contiguous lines (stride 1) use vectors. Sums (SUM, SUMSQ, the Σ exp of LOGSUMEXP) keep 4 vector accumulators
 * over blocks of {@link #SUM_BLOCK} elements and add each block's total into a double, so each F32 partial sums at most
 * SUM_BLOCK / (4·lanes) terms: a 1M-element positive sum stays within ~1e-7 relative of the exact one. PROD runs in
 * double (no F32 overflow of partial products).
 * <p>Reproducible: every sum runs in one fixed order for a given line (lanes folded by {@link Lanes#sum}, never
 * {@code reduceLanes(ADD)}), exp is {@link VectorMath#exp} / {@link ScalarMath#exp} and the double parts use
 * {@code StrictMath}, so the result does not depend on whether the code is interpreted or compiled.
 */
final class ReduceKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int SUM_BLOCK = 2048;

    private ReduceKernels() {}

    /** Reduction of x[base + j·stride] for j in [0, len). */
    static double line(ReduceOp op, float[] x, int base, int stride, int len) {
        if (stride != 1) return strided(op, x, base, stride, len);
        return switch (op) {
            case SUM -> sum(x, base, len, false);
            case SUMSQ -> sum(x, base, len, true);
            case PROD -> strided(op, x, base, 1, len);
            case MAX -> extreme(x, base, len, true);
            case MIN -> extreme(x, base, len, false);
            case LOGSUMEXP -> {
                double m = extreme(x, base, len, true);
                yield Double.isInfinite(m) || Double.isNaN(m) ? m : m + StrictMath.log(sumExp(x, base, len, (float) m));
            }
        };
    }

    /** Σ x or Σ x² over a contiguous line, blocked into a double. */
    static double sum(float[] x, int base, int len, boolean squares) {
        double total = 0;
        int j = 0;
        while (j + 4 * L <= len) {
            int end = Math.min(len, j + SUM_BLOCK), n = j + S.loopBound((end - j) / 4) * 4;
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            if (squares) {
                for (; j < n; j += 4 * L) {
                    FloatVector v0 = v(x, base + j), v1 = v(x, base + j + L), v2 = v(x, base + j + 2 * L), v3 = v(x, base + j + 3 * L);
                    a0 = v0.fma(v0, a0); a1 = v1.fma(v1, a1); a2 = v2.fma(v2, a2); a3 = v3.fma(v3, a3);
                }
            } else {
                for (; j < n; j += 4 * L) {
                    a0 = a0.add(v(x, base + j)); a1 = a1.add(v(x, base + j + L));
                    a2 = a2.add(v(x, base + j + 2 * L)); a3 = a3.add(v(x, base + j + 3 * L));
                }
            }
            total += Lanes.sum(a0.add(a1).add(a2.add(a3)));
        }
        for (; j < len; j++) { double v = x[base + j]; total += squares ? v * v : v; }
        return total;
    }

    /** Σ exp(x - m) over a contiguous line (m finite). */
    static double sumExp(float[] x, int base, int len, float m) {
        double total = 0;
        FloatVector mv = FloatVector.broadcast(S, m);
        int j = 0;
        while (j + L <= len) {
            int end = Math.min(len, j + SUM_BLOCK), n = j + S.loopBound(end - j);
            FloatVector a = FloatVector.zero(S);
            for (; j < n; j += L) a = a.add(VectorMath.exp(v(x, base + j).sub(mv)));
            total += Lanes.sum(a);
        }
        for (; j < len; j++) total += ScalarMath.exp(x[base + j] - m);
        return total;
    }

    /** max (or min) of a contiguous line; NaN if any element is NaN; -inf (+inf) when empty. */
    static double extreme(float[] x, int base, int len, boolean max) {
        float init = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        FloatVector a0 = FloatVector.broadcast(S, init), a1 = a0, a2 = a0, a3 = a0;
        int j = 0, n = S.loopBound(len / 4) * 4;
        if (max) {
            for (; j < n; j += 4 * L) {
                a0 = a0.max(v(x, base + j)); a1 = a1.max(v(x, base + j + L));
                a2 = a2.max(v(x, base + j + 2 * L)); a3 = a3.max(v(x, base + j + 3 * L));
            }
        } else {
            for (; j < n; j += 4 * L) {
                a0 = a0.min(v(x, base + j)); a1 = a1.min(v(x, base + j + L));
                a2 = a2.min(v(x, base + j + 2 * L)); a3 = a3.min(v(x, base + j + 3 * L));
            }
        }
        FloatVector a = max ? a0.max(a1).max(a2.max(a3)) : a0.min(a1).min(a2.min(a3));
        float r = init;
        for (int k = 0; k < L; k++) { float e = a.lane(k); r = max ? Math.max(r, e) : Math.min(r, e); }
        for (; j < len; j++) r = max ? Math.max(r, x[base + j]) : Math.min(r, x[base + j]);
        return r;
    }

    /** The scalar definition in double (the reference back end's loop, reading F32). */
    static double strided(ReduceOp op, float[] x, int base, int stride, int len) {
        double acc = switch (op) {
            case SUM, SUMSQ -> 0;
            case PROD -> 1;
            case MAX, LOGSUMEXP -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
        for (int j = 0; j < len; j++) {
            double v = x[base + j * stride];
            acc = switch (op) {
                case SUM -> acc + v;
                case SUMSQ -> acc + v * v;
                case PROD -> acc * v;
                case MAX, LOGSUMEXP -> (v > acc || v != v) ? v : acc;
                case MIN -> (v < acc || v != v) ? v : acc;
            };
            if (acc != acc && (op == ReduceOp.MAX || op == ReduceOp.MIN || op == ReduceOp.LOGSUMEXP)) break;
        }
        if (op != ReduceOp.LOGSUMEXP) return acc;
        double m = acc;
        if (Double.isInfinite(m) || m != m) return m;
        double s = 0;
        for (int j = 0; j < len; j++) s += StrictMath.exp(x[base + j * stride] - m);
        return m + StrictMath.log(s);
    }

    private static FloatVector v(float[] x, int at) { return FloatVector.fromArray(S, x, at); }
}
