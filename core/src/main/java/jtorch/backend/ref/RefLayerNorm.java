package jtorch.backend.ref;

import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * The reference layer normalisation kernels (the oracle of the cpu ones): row statistics and sums in double, any
 * strides and dtypes, nothing allocated. See {@link jtorch.backend.Backend#layerNorm} and its backward kernels.
 */
final class RefLayerNorm {
    private RefLayerNorm() {}

    private static double at(HeapStorage s, Tensor t, int i, int j) { return s.get(t.offset() + i * t.stride(0) + j * t.stride(1)); }

    private static int ix(Tensor t, int i, int j) { return t.offset() + i * t.stride(0) + j * t.stride(1); }

    private static double vec(HeapStorage s, Tensor t, int j) { return s.get(t.offset() + j * t.stride(0)); }

    static void forward(Tensor y, Tensor xhat, Tensor invstd, Tensor x, Tensor gamma, Tensor beta, double eps) {
        HeapStorage hy = RefBackend.h(y), hxh = RefBackend.h(xhat), hi = RefBackend.h(invstd), hx = RefBackend.h(x);
        HeapStorage hg = gamma == null ? null : RefBackend.h(gamma), hb = beta == null ? null : RefBackend.h(beta);
        int m = x.size(0), k = x.size(1);
        for (int i = 0; i < m; i++) {
            double mean = 0, var = 0;
            for (int j = 0; j < k; j++) mean += at(hx, x, i, j);
            mean /= k;
            for (int j = 0; j < k; j++) { double d = at(hx, x, i, j) - mean; var += d * d; }
            double inv = 1 / Math.sqrt(var / k + eps);
            hi.set(ix(invstd, i, 0), inv);
            for (int j = 0; j < k; j++) {
                double xh = (at(hx, x, i, j) - mean) * inv;
                hxh.set(ix(xhat, i, j), xh);
                hy.set(ix(y, i, j), xh * (hg == null ? 1 : vec(hg, gamma, j)) + (hb == null ? 0 : vec(hb, beta, j)));
            }
        }
    }

    static void backward(Tensor gradIn, Tensor gradOut, Tensor xhat, Tensor invstd, Tensor gamma) {
        HeapStorage gi = RefBackend.h(gradIn), go = RefBackend.h(gradOut), hxh = RefBackend.h(xhat);
        HeapStorage hi = RefBackend.h(invstd), hg = gamma == null ? null : RefBackend.h(gamma);
        int m = xhat.size(0), k = xhat.size(1);
        for (int i = 0; i < m; i++) {
            double mh = 0, mhx = 0;
            for (int j = 0; j < k; j++) {
                double h = at(go, gradOut, i, j) * (hg == null ? 1 : vec(hg, gamma, j));
                mh += h;
                mhx += h * at(hxh, xhat, i, j);
            }
            mh /= k;
            mhx /= k;
            double inv = at(hi, invstd, i, 0);
            for (int j = 0; j < k; j++) { // gradIn may be gradOut: each element is read before it is written
                double h = at(go, gradOut, i, j) * (hg == null ? 1 : vec(hg, gamma, j));
                gi.set(ix(gradIn, i, j), (h - mh - at(hxh, xhat, i, j) * mhx) * inv);
            }
        }
    }

    static void params(Tensor gradGamma, Tensor gradBeta, Tensor gradOut, Tensor xhat, double scale) {
        HeapStorage gg = RefBackend.h(gradGamma), go = RefBackend.h(gradOut), hxh = RefBackend.h(xhat);
        HeapStorage gb = gradBeta == null ? null : RefBackend.h(gradBeta);
        int m = xhat.size(0), k = xhat.size(1);
        for (int j = 0; j < k; j++) {
            double sg = 0, sb = 0;
            for (int i = 0; i < m; i++) {
                double g = at(go, gradOut, i, j);
                sg += g * at(hxh, xhat, i, j);
                sb += g;
            }
            int jg = gradGamma.offset() + j * gradGamma.stride(0);
            gg.set(jg, gg.get(jg) + scale * sg);
            if (gb != null) {
                int jb = gradBeta.offset() + j * gradBeta.stride(0);
                gb.set(jb, gb.get(jb) + scale * sb);
            }
        }
    }
}
