package jtorch.backend;

import jtorch.tensor.Tensor;

/**
 * The default whole-sequence recurrent kernels of {@link Backend} ({@code lstmSequenceForward} ...): the time loop
 * over the one-step kernels, with one {@link Backend#gemmPacked} per step. Step s of a direction handles time
 * t = s (forward) or T-1-s (reverse), reads state slot prev = t (forward) or t+1 (reverse) of the [T+1, B, H] state
 * tensors and writes slot next = t+1 or t.
 */
final class RecurrentSteps {
    private RecurrentSteps() {}

    static int time(boolean reverse, int steps, int s) { return reverse ? steps - 1 - s : s; }
    static Tensor at(Tensor t, int i) { return t == null ? null : t.select(0, i); }

    static void lstmForward(Backend be, Tensor gates, PackedMatrix wHhT, Tensor h, Tensor c, Tensor tanhC, Tensor y,
                            Tensor mask, boolean reverse) {
        int steps = gates.size(0);
        for (int s = 0; s < steps; s++) {
            int t = time(reverse, steps, s), prev = reverse ? t + 1 : t, next = reverse ? t : t + 1;
            Tensor g = gates.select(0, t), hp = h.select(0, prev);
            be.gemmPacked(1, hp, wHhT, 1, g);
            be.lstmForward(g, hp, c.select(0, prev), h.select(0, next), c.select(0, next), tanhC.select(0, t),
                    y.select(0, t), at(mask, t));
        }
    }

    static void lstmBackward(Backend be, Tensor gates, PackedMatrix wHh, Tensor c, Tensor tanhC, Tensor dy, Tensor dh,
                             Tensor dc, Tensor dGates, Tensor mask, boolean reverse) {
        int steps = gates.size(0);
        for (int s = steps - 1; s >= 0; s--) {
            int t = time(reverse, steps, s), prev = reverse ? t + 1 : t;
            Tensor dg = dGates.select(0, t);
            be.lstmBackward(gates.select(0, t), c.select(0, prev), tanhC.select(0, t), at(dy, t), dh, dc, dg, at(mask, t));
            be.gemmPacked(1, dg, wHh, 1, dh);
        }
    }

    static void gruForward(Backend be, Tensor a, Tensor hh, Tensor bHh, PackedMatrix wHhT, Tensor h, Tensor y,
                           Tensor mask, boolean reverse) {
        int steps = a.size(0);
        for (int s = 0; s < steps; s++) {
            int t = time(reverse, steps, s), prev = reverse ? t + 1 : t, next = reverse ? t : t + 1;
            Tensor ht = hh.select(0, t), hp = h.select(0, prev);
            if (bHh != null) be.gemmPacked(1, hp, wHhT, 1, ht.copy(bHh.expand(ht.sizes())));
            else be.gemmPacked(1, hp, wHhT, 0, ht);
            be.gruForward(a.select(0, t), ht, hp, h.select(0, next), y.select(0, t), at(mask, t));
        }
    }

    static void gruBackward(Backend be, Tensor acts, Tensor hh, PackedMatrix wHh, Tensor h, Tensor dy, Tensor dh,
                            Tensor dA, Tensor dHh, Tensor mask, boolean reverse) {
        int steps = acts.size(0);
        for (int s = steps - 1; s >= 0; s--) {
            int t = time(reverse, steps, s), prev = reverse ? t + 1 : t;
            Tensor db = dHh.select(0, t);
            be.gruBackward(acts.select(0, t), hh.select(0, t), h.select(0, prev), at(dy, t), dh, dA.select(0, t), db,
                    at(mask, t));
            be.gemmPacked(1, db, wHh, 1, dh);
        }
    }

    static void rnnForward(Backend be, boolean relu, Tensor pre, PackedMatrix wHhT, Tensor h, Tensor y, Tensor mask,
                           boolean reverse) {
        int steps = pre.size(0);
        for (int s = 0; s < steps; s++) {
            int t = time(reverse, steps, s), prev = reverse ? t + 1 : t, next = reverse ? t : t + 1;
            Tensor p = pre.select(0, t), hp = h.select(0, prev);
            be.gemmPacked(1, hp, wHhT, 1, p);
            be.rnnForward(relu, p, hp, h.select(0, next), y.select(0, t), at(mask, t));
        }
    }

    static void rnnBackward(Backend be, boolean relu, PackedMatrix wHh, Tensor h, Tensor dy, Tensor dh, Tensor dPre,
                            Tensor mask, boolean reverse) {
        int steps = dPre.size(0);
        for (int s = steps - 1; s >= 0; s--) {
            int t = time(reverse, steps, s), next = reverse ? t : t + 1;
            Tensor dp = dPre.select(0, t);
            be.rnnBackward(relu, h.select(0, next), at(dy, t), dh, dp, at(mask, t));
            be.gemmPacked(1, dp, wHh, 1, dh);
        }
    }
}
