package jtorch.nn.criterion;

import jtorch.backend.BinaryOp;
import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Cosine embedding loss: input a table {x1 [B, D], x2 [B, D]}, target y [B] of 1 (similar) or -1 (dissimilar).
 * With cos_b = x1_b · x2_b / sqrt((|x1_b|² + ε)(|x2_b|² + ε)), ε = 1e-12 (as Torch7):
 * z_b = 1 - cos_b if y_b = 1, max(0, cos_b - margin) if y_b = -1; loss = Σ_b z_b / B with sizeAverage, else the sum;
 * margin defaults to 0. Backward (a table {g1, g2}): with c_b = ∂z_b/∂cos_b (-1, or 1 where the hinge is active),
 * g1_b = c_b (x2_b / sqrt(m1 m2) - cos_b x1_b / m1) / B and symmetrically for g2, m_k = |x_k|² + ε.
 */
public class CosineEmbeddingCriterion extends Criterion {
    private static final double EPS = 1e-12;
    private final double margin;
    private Tensor prod, g1, g2, a1, a2, b2;
    private double[] cos = new double[0], m1 = new double[0], m2 = new double[0];
    private final Table grads = Table.of();

    public CosineEmbeddingCriterion() { this(0); }

    public CosineEmbeddingCriterion(double margin) { this.margin = margin; }

    public double margin() { return margin; }

    /** Checks the input and target, fills cos, m1, m2 for each row and returns {x1, x2}; y's values go to ys. */
    private Tensor[] compute(Activity input, Activity target, double[][] ys) {
        Tensor[] x = Targets.pair(name(), input, 2, "[B, D]");
        Tensor y = Targets.batchSigns(name(), target, x[0]);
        Targets.signs(name(), y, null);
        ys[0] = y.toDoubleArray();
        int b = x[0].size(0);
        prod = reuse(prod, x[0], x[0].sizes());
        double[] dot = x[0].mul(x[1], prod).sum(1).toDoubleArray();
        double[] n1 = x[0].mul(x[0], prod).sum(1).toDoubleArray(), n2 = x[1].mul(x[1], prod).sum(1).toDoubleArray();
        if (cos.length != b) { cos = new double[b]; m1 = new double[b]; m2 = new double[b]; }
        for (int i = 0; i < b; i++) {
            m1[i] = n1[i] + EPS;
            m2[i] = n2[i] + EPS;
            cos[i] = dot[i] / Math.sqrt(m1[i] * m2[i]);
        }
        return x;
    }

    @Override public double updateOutput(Activity input, Activity target) {
        double[][] ys = new double[1][];
        Tensor[] x = compute(input, target, ys);
        double s = 0;
        for (int i = 0; i < cos.length; i++) s += ys[0][i] == 1 ? 1 - cos[i] : Math.max(0, cos[i] - margin);
        return sizeAverage && x[0].size(0) > 0 ? s / x[0].size(0) : s;
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        double[][] ys = new double[1][];
        Tensor[] x = compute(input, target, ys);
        int b = x[0].size(0);
        double n = sizeAverage && b > 0 ? b : 1;
        a1 = reuse(a1, x[0], b, 1); // coefficient of x1 in g1 (and, swapped, of x2 in g2 via b2)
        a2 = reuse(a2, x[0], b, 1); // coefficient of the other input
        b2 = reuse(b2, x[0], b, 1);
        for (int i = 0; i < b; i++) {
            double c = ys[0][i] == 1 ? -1 : (cos[i] - margin > 0 ? 1 : 0);
            c /= n;
            a1.set(-c * cos[i] / m1[i], i, 0);
            a2.set(c / Math.sqrt(m1[i] * m2[i]), i, 0);
            b2.set(-c * cos[i] / m2[i], i, 0);
        }
        g1 = x[0].apply(BinaryOp.MUL, 1, a1, reuse(g1, x[0], x[0].sizes()))
                .applyInPlace(BinaryOp.ADD, 1, x[1].apply(BinaryOp.MUL, 1, a2, prod));
        g2 = x[1].apply(BinaryOp.MUL, 1, b2, reuse(g2, x[0], x[0].sizes()))
                .applyInPlace(BinaryOp.ADD, 1, x[0].apply(BinaryOp.MUL, 1, a2, prod));
        grads.set(0, g1);
        grads.set(1, g2);
        return grads;
    }

    @Override public String name() {
        return margin == 0 ? "CosineEmbeddingCriterion" : "CosineEmbeddingCriterion(margin=" + margin + ")";
    }
}
