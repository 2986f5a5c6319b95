package jtorch.nn.criterion;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Ranking hinge loss: input a table {x1 [B], x2 [B]} of scores, target y [B] of 1 (x1 should rank higher) or -1
 * (x2 should): loss = Σ_b max(0, -y_b (x1_b - x2_b) + margin) / B with sizeAverage, else the sum; margin defaults
 * to 1 as in Torch7 (PyTorch's MarginRankingLoss defaults to 0). Backward (a table {g1, g2}): g1_b = -y_b / B and g2_b = y_b / B where the hinge is active, else 0.
 */
public class MarginRankingCriterion extends Criterion {
    private final double margin;
    private Tensor buf, g1, g2;
    private final Table grads = Table.of();

    public MarginRankingCriterion() { this(1); }

    public MarginRankingCriterion(double margin) { this.margin = margin; }

    public double margin() { return margin; }

    /** Checks input and target; returns {x1, x2, y} with y in the inputs' kind. */
    private Tensor[] check(Activity input, Activity target) {
        Tensor[] x = Targets.pair(name(), input, 1, "[B]");
        Tensor y = Targets.batchSigns(name(), target, x[0]);
        buf = Targets.signs(name(), y, reuse(buf, x[0], x[0].sizes()));
        return new Tensor[] {x[0], x[1], y};
    }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor[] c = check(input, target);
        double s = c[0].sub(c[1], buf).applyInPlace(BinaryOp.MUL, 1, c[2]).applyInPlace(UnaryOp.RSUB, margin, 0)
                .applyInPlace(UnaryOp.RELU, 0, 0).sum();
        return sizeAverage ? s / c[0].size(0) : s;
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor[] c = check(input, target);
        int b = c[0].size(0);
        g1 = c[0].sub(c[1], reuse(g1, c[0], b)).applyInPlace(BinaryOp.MUL, 1, c[2]).applyInPlace(UnaryOp.RSUB, margin, 0)
                .applyInPlace(UnaryOp.GT, 0, 0).applyInPlace(BinaryOp.MUL, 1, c[2])
                .mulInPlace(sizeAverage ? -1.0 / b : -1.0);
        g2 = g1.apply(UnaryOp.NEG, 0, 0, reuse(g2, c[0], b));
        grads.set(0, g1);
        grads.set(1, g2);
        return grads;
    }

    @Override public String name() {
        return margin == 1 ? "MarginRankingCriterion" : "MarginRankingCriterion(margin=" + margin + ")";
    }
}
