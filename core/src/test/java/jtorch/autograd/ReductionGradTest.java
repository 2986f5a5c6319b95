package jtorch.autograd;

import static jtorch.autograd.OpCheck.check;
import static jtorch.autograd.OpCheck.randn;
import static jtorch.autograd.OpCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Finite-difference checks (F64) of the reductions, the matrix products and softmax / logSoftmax. */
class ReductionGradTest {

    @Test
    void reductionsAlongADimensionAndOverAll() {
        var x = randn(1, 3, 4, 2);
        for (int d = 0; d < 3; d++) {
            int dim = d;
            for (boolean keep : new boolean[] {true, false}) {
                check("sum " + dim + " " + keep, v -> v.get(0).sum(dim, keep), x);
                check("mean " + dim + " " + keep, v -> v.get(0).mean(dim, keep), x);
                check("max " + dim + " " + keep, v -> v.get(0).max(dim, keep).values(), x);
                check("min " + dim + " " + keep, v -> v.get(0).min(dim, keep).values(), x);
                check("logsumexp " + dim + " " + keep, v -> v.get(0).logsumexp(dim, keep), x);
                check("var unbiased " + dim + " " + keep, v -> v.get(0).var(dim, true, keep), x);
                check("var biased " + dim + " " + keep, v -> v.get(0).var(dim, false, keep), x);
                for (double p : new double[] {1, 2, 3, Double.POSITIVE_INFINITY}) {
                    check("norm " + p + " " + dim + " " + keep, v -> v.get(0).norm(p, dim, keep), x);
                }
            }
        }
        check("sum all", v -> v.get(0).sum(), x);
        check("mean all", v -> v.get(0).mean(), x);
        check("max all", v -> v.get(0).max(), x);
        check("min all", v -> v.get(0).min(), x);
        check("logsumexp all", v -> v.get(0).logsumexp(), x);
        check("var all", v -> v.get(0).var(), x);
        check("norm all", v -> v.get(0).norm(2), x);
        check("sum of a transposed view", v -> v.get(0).sum(1, false), randn(2, 4, 3).t());
    }

    @Test
    void maxReturnsTheIndices() {
        Var.MaxMin m = Var.param(jtorch.tensor.Tensor.of(new double[] {1, 5, 2, 7, 0, 3}, 2, 3)).max(1, false);
        assertArrayEquals(new int[] {1, 0}, m.indices().toIntArray());
        m.values().sum().backward();
    }

    @Test
    void matrixProducts() {
        check("mm", v -> v.get(0).mm(v.get(1)), randn(3, 2, 3), randn(4, 3, 4));
        check("mm of transposed views", v -> v.get(0).t().mm(v.get(1).t()), randn(5, 3, 2), randn(6, 4, 3));
        check("bmm", v -> v.get(0).bmm(v.get(1)), randn(7, 2, 2, 3), randn(8, 2, 3, 2));
        check("mv", v -> v.get(0).mv(v.get(1)), randn(9, 3, 4), randn(10, 4));
        check("addmm with a broadcast bias", v -> Var.addmm(v.get(0), v.get(1), v.get(2), 0.5, 2),
                randn(11, 4), randn(12, 2, 3), randn(13, 3, 4));
        check("addmm full", v -> Var.addmm(v.get(0), v.get(1), v.get(2), 1, 1), randn(14, 2, 4), randn(15, 2, 3),
                randn(16, 3, 4));
        check("linear", v -> Var.linear(v.get(0), v.get(1), v.get(2)), randn(17, 2, 3), randn(18, 4, 3), randn(19, 4));
        check("linear without bias", v -> Var.linear(v.get(0), v.get(1), null), randn(20, 2, 3), randn(21, 4, 3));
    }

    @Test
    void softmaxAndLogSoftmax() {
        var x = randn(22, 3, 5);
        check("softmax 1", v -> v.get(0).softmax(1), x);
        check("softmax 0", v -> v.get(0).softmax(0), x);
        check("logSoftmax 1", v -> v.get(0).logSoftmax(1), x);
        check("logSoftmax 0 of [2, 3, 4]", v -> v.get(0).logSoftmax(0), randn(23, 2, 3, 4));
        var p = Var.of(x).softmax(1).sum(1, false).value();
        for (double s : p.toDoubleArray()) assertEquals(1, s, 1e-12);
    }

    @Test
    void normGradientIsZeroAtTheOrigin() {
        Var z = Var.param(uniform(24, 0, 0, 2, 3));
        z.norm(2, 1, false).sum().backward();
        for (double g : z.grad().toDoubleArray()) assertEquals(0, g);
    }
}
