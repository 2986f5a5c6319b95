package jtorch.backend.cpu;

import jtorch.backend.PackedMatrix;
import jtorch.tensor.Tensor;

/**
 * The cpu back end's whole-sequence recurrent kernels (Backend {@code lstmSequenceForward} ...): the batch rows of
 * a recurrence are independent, so the rows are split once into contiguous chunks (multiples of 4 rows), one per
 * thread, and each thread runs its rows through all T steps alone (per step: its rows of h·W_hh by
 * {@link SgemmPacked#rows}, then the cell kernel's rows): no hand-off per step. Every row is computed exactly as on
 * one thread, so the bits do not depend on the thread count. Falls back to the step loop when B is packed as a plain
 * copy (k &gt; KC).
 */
final class CpuRecurrentSequence {
    private CpuRecurrentSequence() {}

    interface Rows { void run(int from, int to); }

    /** Splits [0, rows) into up to threads chunks of whole 4-row units and runs them in parallel. */
    static void split(int rows, long flopsPerRow, Rows body) {
        int units = (rows + 3) / 4;
        int parts = (int) Math.min(Math.min(Parallel.threads(), units), Math.max(1, flopsPerRow * rows / (1L << 20)));
        if (parts <= 1) {
            body.run(0, rows);
            return;
        }
        Parallel.range(parts, 1, (a, b) -> {
            for (int p = a; p < b; p++) {
                int lo = Math.min(rows, units * p / parts * 4), hi = Math.min(rows, units * (p + 1) / parts * 4);
                if (lo < hi) body.run(lo, hi);
            }
        });
    }

    /** Whether the parallel path applies: W packed by the cpu back end, F32 heap tensors with unit-stride rows. */
    static boolean accepts(PackedMatrix w, Tensor... ts) {
        if (w.data().dim() != 1) return false;
        for (Tensor t : ts) {
            if (t == null) continue;
            if (t.dtype() != jtorch.tensor.DType.F32 || !(t.storage() instanceof jtorch.tensor.HeapStorage)) return false;
            int last = t.dim() - 1;
            if (last >= 0 && t.stride(last) != 1 && t.size(last) > 1) return false;
        }
        return true;
    }

    private static Tensor at(Tensor t, int i) { return t == null ? null : t.select(0, i); }

    static void lstmForward(Tensor gates, PackedMatrix wHhT, Tensor h, Tensor c, Tensor tanhC, Tensor y, Tensor mask,
                            boolean reverse) {
        int steps = gates.size(0), gh = gates.size(2);
        split(gates.size(1), 2L * steps * gh * wHhT.rows(), (b0, b1) -> {
            for (int s = 0; s < steps; s++) {
                int t = reverse ? steps - 1 - s : s, prev = reverse ? t + 1 : t, next = reverse ? t : t + 1;
                Tensor g = gates.select(0, t), hp = h.select(0, prev);
                SgemmPacked.rows(1f, hp, wHhT, 1f, g, b0, b1);
                CpuRecurrent.lstmForwardRows(g, hp, c.select(0, prev), h.select(0, next), c.select(0, next),
                        tanhC.select(0, t), y.select(0, t), at(mask, t), b0, b1);
            }
        });
    }

    static void lstmBackward(Tensor gates, PackedMatrix wHh, Tensor c, Tensor tanhC, Tensor dy, Tensor dh, Tensor dc,
                             Tensor dGates, Tensor mask, boolean reverse) {
        int steps = gates.size(0), gh = gates.size(2);
        split(gates.size(1), 2L * steps * gh * wHh.cols(), (b0, b1) -> {
            for (int s = steps - 1; s >= 0; s--) {
                int t = reverse ? steps - 1 - s : s, prev = reverse ? t + 1 : t;
                Tensor dg = dGates.select(0, t);
                CpuRecurrent.lstmBackwardRows(gates.select(0, t), c.select(0, prev), tanhC.select(0, t), at(dy, t), dh,
                        dc, dg, at(mask, t), b0, b1);
                SgemmPacked.rows(1f, dg, wHh, 1f, dh, b0, b1);
            }
        });
    }

    static void gruForward(Tensor a, Tensor hh, Tensor bHh, PackedMatrix wHhT, Tensor h, Tensor y, Tensor mask,
                           boolean reverse) {
        int steps = a.size(0), gh = a.size(2);
        split(a.size(1), 2L * steps * gh * wHhT.rows(), (b0, b1) -> {
            for (int s = 0; s < steps; s++) {
                int t = reverse ? steps - 1 - s : s, prev = reverse ? t + 1 : t, next = reverse ? t : t + 1;
                Tensor ht = hh.select(0, t), hp = h.select(0, prev);
                if (bHh != null) {
                    ht.narrow(0, b0, b1 - b0).copy(bHh.expand(b1 - b0, gh));
                    SgemmPacked.rows(1f, hp, wHhT, 1f, ht, b0, b1);
                } else {
                    SgemmPacked.rows(1f, hp, wHhT, 0f, ht, b0, b1);
                }
                CpuRecurrent.gruForwardRows(a.select(0, t), ht, hp, h.select(0, next), y.select(0, t), at(mask, t), b0, b1);
            }
        });
    }

    static void gruBackward(Tensor acts, Tensor hh, PackedMatrix wHh, Tensor h, Tensor dy, Tensor dh, Tensor dA,
                            Tensor dHh, Tensor mask, boolean reverse) {
        int steps = acts.size(0), gh = acts.size(2);
        split(acts.size(1), 2L * steps * gh * wHh.cols(), (b0, b1) -> {
            for (int s = steps - 1; s >= 0; s--) {
                int t = reverse ? steps - 1 - s : s, prev = reverse ? t + 1 : t;
                Tensor db = dHh.select(0, t);
                CpuRecurrent.gruBackwardRows(acts.select(0, t), hh.select(0, t), h.select(0, prev), at(dy, t), dh,
                        dA.select(0, t), db, at(mask, t), b0, b1);
                SgemmPacked.rows(1f, db, wHh, 1f, dh, b0, b1);
            }
        });
    }

    static void rnnForward(boolean relu, Tensor pre, PackedMatrix wHhT, Tensor h, Tensor y, Tensor mask, boolean reverse) {
        int steps = pre.size(0), hs = pre.size(2);
        split(pre.size(1), 2L * steps * hs * wHhT.rows(), (b0, b1) -> {
            for (int s = 0; s < steps; s++) {
                int t = reverse ? steps - 1 - s : s, prev = reverse ? t + 1 : t, next = reverse ? t : t + 1;
                Tensor p = pre.select(0, t), hp = h.select(0, prev);
                SgemmPacked.rows(1f, hp, wHhT, 1f, p, b0, b1);
                CpuRecurrent.rnnForwardRows(relu, p, hp, h.select(0, next), y.select(0, t), at(mask, t), b0, b1);
            }
        });
    }

    static void rnnBackward(boolean relu, PackedMatrix wHh, Tensor h, Tensor dy, Tensor dh, Tensor dPre, Tensor mask,
                            boolean reverse) {
        int steps = dPre.size(0), hs = dPre.size(2);
        split(dPre.size(1), 2L * steps * hs * wHh.cols(), (b0, b1) -> {
            for (int s = steps - 1; s >= 0; s--) {
                int t = reverse ? steps - 1 - s : s, next = reverse ? t : t + 1;
                Tensor dp = dPre.select(0, t);
                CpuRecurrent.rnnBackwardRows(relu, h.select(0, next), at(dy, t), dh, dp, at(mask, t), b0, b1);
                SgemmPacked.rows(1f, dp, wHh, 1f, dh, b0, b1);
            }
        });
    }
}
