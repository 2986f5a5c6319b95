package jtorch.backend.ref;

import jtorch.backend.ConvSpec;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * The reference convolution loops (the oracle): every dtype, any strides, arithmetic in double. 1-d and 2-d problems
 * run as 3-d ones with leading spatial sizes 1 ({@link ConvSpec#to3d()}). Formulas: see {@link ConvSpec}.
 */
final class RefConv {
    private RefConv() {}

    /** t [B, C, S...] viewed as [B, C, D, H, W]. */
    static Tensor as5d(Tensor t) {
        while (t.dim() < 5) t = t.unsqueeze(2);
        return t;
    }

    /** Storage index of t[i0, i1, i2, i3, i4] of a 5-d view. */
    private static int at(Tensor t, int i0, int i1, int i2, int i3, int i4) {
        return t.offset() + i0 * t.stride(0) + i1 * t.stride(1) + i2 * t.stride(2) + i3 * t.stride(3) + i4 * t.stride(4);
    }

    /** Walks every (b, o, output position, c, kernel offset) term whose input position is inside x. */
    private interface Term { void on(int b, int o, int[] j, int ci, int c, int[] k, int[] i); }

    private static void terms(ConvSpec spec, Tensor x, Tensor w, Tensor y, Term t) {
        int B = y.size(0), cout = y.size(1), cg = w.size(1), og = cout / spec.groups();
        int[] j = new int[3], k = new int[3], i = new int[3];
        for (int b = 0; b < B; b++) for (int o = 0; o < cout; o++) {
            int g = o / og;
            for (j[0] = 0; j[0] < y.size(2); j[0]++) for (j[1] = 0; j[1] < y.size(3); j[1]++)
                for (j[2] = 0; j[2] < y.size(4); j[2]++) {
                    for (int c = 0; c < cg; c++) {
                        for (k[0] = 0; k[0] < w.size(2); k[0]++) for (k[1] = 0; k[1] < w.size(3); k[1]++)
                            for (k[2] = 0; k[2] < w.size(4); k[2]++) {
                                boolean inside = true;
                                for (int d = 0; d < 3; d++) {
                                    i[d] = j[d] * spec.stride(d) - spec.padding(d) + k[d] * spec.dilation(d);
                                    inside &= i[d] >= 0 && i[d] < x.size(d + 2);
                                }
                                if (inside) t.on(b, o, j, g * cg + c, c, k, i);
                            }
                    }
                }
        }
    }

    static void forward(ConvSpec spec, Tensor out, Tensor in, Tensor weight, Tensor bias) {
        spec.check("convForward", in, weight, out);
        ConvSpec s = spec.to3d();
        Tensor x = as5d(in), w = as5d(weight), y = as5d(out);
        HeapStorage hx = RefBackend.h(x), hw = RefBackend.h(w), hy = RefBackend.h(y);
        double[] acc = new double[y.numel()];
        int[] ys = {y.size(1) * y.size(2) * y.size(3) * y.size(4), y.size(2) * y.size(3) * y.size(4), y.size(3) * y.size(4), y.size(4)};
        terms(s, x, w, y, (b, o, j, ci, c, k, i) -> acc[b * ys[0] + o * ys[1] + j[0] * ys[2] + j[1] * ys[3] + j[2]]
                += hw.get(at(w, o, c, k[0], k[1], k[2])) * hx.get(at(x, b, ci, i[0], i[1], i[2])));
        for (int b = 0, n = 0; b < y.size(0); b++) for (int o = 0; o < y.size(1); o++)
            for (int j0 = 0; j0 < y.size(2); j0++) for (int j1 = 0; j1 < y.size(3); j1++)
                for (int j2 = 0; j2 < y.size(4); j2++, n++) {
                    double v = acc[n] + (bias == null ? 0 : RefBackend.h(bias).get(bias.offset() + o * bias.stride(0)));
                    hy.set(at(y, b, o, j0, j1, j2), v);
                }
    }

    static void backwardInput(ConvSpec spec, Tensor gradIn, Tensor gradOut, Tensor weight) {
        spec.check("convBackwardInput", gradIn, weight, gradOut);
        ConvSpec s = spec.to3d();
        Tensor gx = as5d(gradIn), w = as5d(weight), gy = as5d(gradOut);
        HeapStorage hgx = RefBackend.h(gx), hw = RefBackend.h(w), hgy = RefBackend.h(gy);
        int[] xs = {gx.size(1) * gx.size(2) * gx.size(3) * gx.size(4), gx.size(2) * gx.size(3) * gx.size(4),
                gx.size(3) * gx.size(4), gx.size(4)};
        double[] acc = new double[gx.numel()];
        terms(s, gx, w, gy, (b, o, j, ci, c, k, i) -> acc[b * xs[0] + ci * xs[1] + i[0] * xs[2] + i[1] * xs[3] + i[2]]
                += hw.get(at(w, o, c, k[0], k[1], k[2])) * hgy.get(at(gy, b, o, j[0], j[1], j[2])));
        for (int b = 0, n = 0; b < gx.size(0); b++) for (int c = 0; c < gx.size(1); c++)
            for (int i0 = 0; i0 < gx.size(2); i0++) for (int i1 = 0; i1 < gx.size(3); i1++)
                for (int i2 = 0; i2 < gx.size(4); i2++, n++) hgx.set(at(gx, b, c, i0, i1, i2), acc[n]);
    }

    static void backwardWeight(ConvSpec spec, Tensor gradWeight, Tensor gradOut, Tensor in, double scale) {
        spec.check("convBackwardWeight", in, gradWeight, gradOut);
        ConvSpec s = spec.to3d();
        Tensor x = as5d(in), gw = as5d(gradWeight), gy = as5d(gradOut);
        HeapStorage hx = RefBackend.h(x), hgw = RefBackend.h(gw), hgy = RefBackend.h(gy);
        int[] ws = {gw.size(1) * gw.size(2) * gw.size(3) * gw.size(4), gw.size(2) * gw.size(3) * gw.size(4),
                gw.size(3) * gw.size(4), gw.size(4)};
        double[] acc = new double[gw.numel()];
        terms(s, x, gw, gy, (b, o, j, ci, c, k, i) -> acc[o * ws[0] + c * ws[1] + k[0] * ws[2] + k[1] * ws[3] + k[2]]
                += hgy.get(at(gy, b, o, j[0], j[1], j[2])) * hx.get(at(x, b, ci, i[0], i[1], i[2])));
        for (int o = 0, n = 0; o < gw.size(0); o++) for (int c = 0; c < gw.size(1); c++)
            for (int k0 = 0; k0 < gw.size(2); k0++) for (int k1 = 0; k1 < gw.size(3); k1++)
                for (int k2 = 0; k2 < gw.size(4); k2++, n++) {
                    int idx = at(gw, o, c, k0, k1, k2);
                    hgw.set(idx, hgw.get(idx) + scale * acc[n]);
                }
    }
}
