package jtorch.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The recurrent-cell kernels (lstm/gru/rnn forward and backward): cpu F32 against the ref F64 oracle on the same
 * F32-representable inputs, with H a multiple of the lane count and not (vector tails), with and without a padding
 * mask and an output gradient, y and dy as column blocks of a wider [B, 2H] tensor (as a bidirectional layer passes
 * them); every written tensor compared, |cpu - ref| ≤ 2e-6·(1 + |ref|); a second cpu call gives the same bits.
 */
class RecurrentConformanceTest {
    interface Kernel { void run(Backend be, boolean relu, Tensor[] t); }

    static final Backend CPU = Backends.cpu(), REF = Backends.ref();

    /** Inputs: sizes per tensor ({rows, cols}; cols -1: a [B, H] column block of a [B, 2H] tensor; {0}: the mask). */
    static void check(String name, Kernel k, int b, int h, int[][] sizes, int[] outputs, boolean relu, boolean mask,
                      boolean dy, int dyIndex) {
        Generator g = new Generator(name.hashCode() * 31L + h + (mask ? 7 : 0));
        Tensor[] base = new Tensor[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            int[] s = sizes[i];
            if (s.length == 1) {
                base[i] = mask ? Tensor.of(new float[] {1, 0, 1, 1, 0, 1, 1}, 7).narrow(0, 0, b).to(CPU) : null;
            } else if (i == dyIndex && !dy) {
                base[i] = null;
            } else if (s[1] < 0) {
                base[i] = Tensor.randn(g, b, 2 * h).mulInPlace(1.5).to(CPU).narrow(1, h, h);
            } else {
                base[i] = Tensor.randn(g, s[0], s[1]).mulInPlace(1.5).to(CPU);
            }
        }
        Tensor[] cpu = copies(base, DType.F32, CPU), cpu2 = copies(base, DType.F32, CPU), ref = copies(base, DType.F64, REF);
        k.run(CPU, relu, cpu);
        k.run(CPU, relu, cpu2);
        k.run(REF, relu, ref);
        String what = name + " B=" + b + " H=" + h + (mask ? " mask" : "") + (dy ? "" : " no dy") + (relu ? " relu" : "");
        for (int o : outputs) {
            double worst = cpu[o].to(DType.F64).to(REF).sub(ref[o]).abs().sub(ref[o].abs().mulInPlace(2e-6))
                    .max();
            assertTrue(worst <= 2e-6, what + ": tensor " + o + " off by " + worst);
            assertEquals(0, cpu[o].sub(cpu2[o]).abs().max(), 0, what + ": second call differs");
        }
    }

    /** Deep copies (column-block views stay column blocks of a fresh wider tensor). */
    static Tensor[] copies(Tensor[] ts, DType dtype, Backend be) {
        Tensor[] r = new Tensor[ts.length];
        for (int i = 0; i < ts.length; i++) {
            Tensor t = ts[i];
            if (t == null) continue;
            if (t.dim() == 2 && t.stride(0) != t.size(1)) {
                int h = t.size(1);
                Tensor wide = Tensor.zeros(be, dtype, t.size(0), 2 * h);
                r[i] = wide.narrow(1, h, h).copy(t.to(dtype).to(be));
            } else {
                r[i] = Tensor.zeros(be, dtype, t.sizes()).copy(t.to(dtype).to(be));
            }
        }
        return r;
    }

    static List<int[]> shapes() {
        List<int[]> s = new ArrayList<>();
        s.add(new int[] {5, 19});
        s.add(new int[] {7, 32});
        s.add(new int[] {1, 3});
        return s;
    }

    @Test void lstm() {
        for (int[] bh : shapes()) for (boolean mask : new boolean[] {false, true}) for (boolean dy : new boolean[] {false, true}) {
            int b = bh[0], h = bh[1];
            // gates, hPrev, cPrev, h, c, tanhC, y, mask
            check("lstmForward", (be, r, t) -> be.lstmForward(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]), b, h,
                    new int[][] {{b, 4 * h}, {b, h}, {b, h}, {b, h}, {b, h}, {b, h}, {b, -1}, {0}},
                    new int[] {0, 3, 4, 5, 6}, false, mask, true, -1);
            // gates (activations), cPrev, tanhC, dy, dh, dc, dGates, mask
            check("lstmBackward", (be, r, t) -> {
                t[0].sigmoidInPlace();
                t[2].tanhInPlace();
                be.lstmBackward(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
            }, b, h, new int[][] {{b, 4 * h}, {b, h}, {b, h}, {b, -1}, {b, h}, {b, h}, {b, 4 * h}, {0}},
                    new int[] {4, 5, 6}, false, mask, dy, 3);
        }
    }

    @Test void gru() {
        for (int[] bh : shapes()) for (boolean mask : new boolean[] {false, true}) for (boolean dy : new boolean[] {false, true}) {
            int b = bh[0], h = bh[1];
            // a, hh, hPrev, h, y, mask
            check("gruForward", (be, r, t) -> be.gruForward(t[0], t[1], t[2], t[3], t[4], t[5]), b, h,
                    new int[][] {{b, 3 * h}, {b, 3 * h}, {b, h}, {b, h}, {b, -1}, {0}}, new int[] {0, 3, 4}, false, mask,
                    true, -1);
            // acts, hh, hPrev, dy, dh, dA, dHh, mask
            check("gruBackward", (be, r, t) -> {
                t[0].sigmoidInPlace();
                be.gruBackward(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
            }, b, h, new int[][] {{b, 3 * h}, {b, 3 * h}, {b, h}, {b, -1}, {b, h}, {b, 3 * h}, {b, 3 * h}, {0}},
                    new int[] {4, 5, 6}, false, mask, dy, 3);
        }
    }

    @Test void rnn() {
        for (int[] bh : shapes()) for (boolean mask : new boolean[] {false, true}) for (boolean relu : new boolean[] {false, true}) {
            int b = bh[0], h = bh[1];
            // pre, hPrev, h, y, mask
            check("rnnForward", (be, r, t) -> be.rnnForward(r, t[0], t[1], t[2], t[3], t[4]), b, h,
                    new int[][] {{b, h}, {b, h}, {b, h}, {b, -1}, {0}}, new int[] {2, 3}, relu, mask, true, -1);
            // h, dy, dh, dPre, mask
            check("rnnBackward", (be, r, t) -> {
                if (!r) t[0].tanhInPlace();
                be.rnnBackward(r, t[0], t[1], t[2], t[3], t[4]);
            }, b, h, new int[][] {{b, h}, {b, -1}, {b, h}, {b, h}, {0}}, new int[] {2, 3}, relu, mask, relu, 1);
        }
    }
}
