package jtorch.backend.ref;

import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * The reference softmax along the last dimension, forward and backward, in double per row (the oracle of the cpu
 * kernels): x = in + bias, m = max x, out = exp(x − m) / Σ exp(x − m), NaN for a row whose x are all −∞; gradIn =
 * out ⊙ (gradOut − Σ gradOut ⊙ out). Any strides and dtypes; nothing allocated.
 */
final class RefSoftmax {
    private RefSoftmax() {}

    static void forward(Tensor out, Tensor in, Tensor bias) {
        HeapStorage o = RefBackend.h(out), x = RefBackend.h(in), b = bias == null ? null : RefBackend.h(bias);
        int c = out.dim() == 0 ? 1 : out.size(out.dim() - 1), rows = c == 0 ? 0 : out.numel() / c;
        for (int r = 0; r < rows; r++) {
            int base = r * c;
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                double v = x.get(RefBackend.at(in, base + j)) + (b == null ? 0 : b.get(RefBackend.at(bias, base + j)));
                m = Math.max(m, v);
            }
            if (m == Double.NEGATIVE_INFINITY) m = Double.NaN;
            double sum = 0;
            for (int j = 0; j < c; j++) {
                double v = x.get(RefBackend.at(in, base + j)) + (b == null ? 0 : b.get(RefBackend.at(bias, base + j)));
                sum += Math.exp(v - m);
            }
            for (int j = 0; j < c; j++) { // out may be in: each element is read before it is written
                double v = x.get(RefBackend.at(in, base + j)) + (b == null ? 0 : b.get(RefBackend.at(bias, base + j)));
                o.set(RefBackend.at(out, base + j), Math.exp(v - m) / sum);
            }
        }
    }

    static void backward(Tensor gradIn, Tensor gradOut, Tensor out) {
        HeapStorage gi = RefBackend.h(gradIn), go = RefBackend.h(gradOut), y = RefBackend.h(out);
        int c = out.dim() == 0 ? 1 : out.size(out.dim() - 1), rows = c == 0 ? 0 : out.numel() / c;
        for (int r = 0; r < rows; r++) {
            int base = r * c;
            double dot = 0;
            for (int j = 0; j < c; j++) dot += go.get(RefBackend.at(gradOut, base + j)) * y.get(RefBackend.at(out, base + j));
            for (int j = 0; j < c; j++) {
                double g = go.get(RefBackend.at(gradOut, base + j));
                gi.set(RefBackend.at(gradIn, base + j), (g - dot) * y.get(RefBackend.at(out, base + j)));
            }
        }
    }
}
