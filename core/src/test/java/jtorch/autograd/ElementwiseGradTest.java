package jtorch.autograd;

import static jtorch.autograd.OpCheck.check;
import static jtorch.autograd.OpCheck.randn;
import static jtorch.autograd.OpCheck.uniform;

import org.junit.jupiter.api.Test;

/** Finite-difference checks (F64, {@link jtorch.nn.Jacobian}) of the element-wise operations, with broadcasting. */
class ElementwiseGradTest {

    @Test
    void unaryFunctions() {
        var x = randn(1, 3, 4);
        var pos = uniform(2, 0.5, 2, 3, 4);
        // keep |x| away from the kinks of abs, relu and clamp
        var away = randn(3, 3, 4);
        away = away.add(away.sign().mulInPlace(0.1));
        check("neg", v -> v.get(0).neg(), x);
        check("abs", v -> v.get(0).abs(), away);
        check("exp", v -> v.get(0).exp(), x);
        check("log", v -> v.get(0).log(), pos);
        check("sqrt", v -> v.get(0).sqrt(), pos);
        check("tanh", v -> v.get(0).tanh(), x);
        check("sigmoid", v -> v.get(0).sigmoid(), x);
        check("relu", v -> v.get(0).relu(), away);
        check("square", v -> v.get(0).square(), x);
        check("reciprocal", v -> v.get(0).reciprocal(), pos);
        check("pow 2.5", v -> v.get(0).pow(2.5), pos);
        check("add, sub, mul, div by scalars", v -> v.get(0).add(3).sub(1).mul(-2).div(4), x);
        var c = uniform(4, -2, 2, 3, 4);
        c = c.add(c.ge(0.5).mulInPlace(0.05)).sub(c.lt(-0.5).mulInPlace(0.05)); // away from the bounds ±0.5
        check("clamp", v -> v.get(0).clamp(-0.5, 0.5), c);
    }

    @Test
    void binaryFunctionsWithBroadcasting() {
        var a = randn(5, 2, 3, 4);
        var row = randn(6, 4);
        var col = randn(7, 3, 1);
        var posRow = uniform(8, 0.5, 2, 4);
        check("add same shape", v -> v.get(0).add(v.get(1)), a, randn(9, 2, 3, 4));
        check("add [4] to [2,3,4]", v -> v.get(0).add(v.get(1)), a, row);
        check("add alpha", v -> v.get(0).add(-1.5, v.get(1)), a, col);
        check("sub [3,1] from [2,3,4]", v -> v.get(0).sub(v.get(1)), a, col);
        check("sub [2,3,4] from [4]", v -> v.get(0).sub(v.get(1)), row, a);
        check("mul [3,1] by [4]", v -> v.get(0).mul(v.get(1)), col, row);
        check("div by [4]", v -> v.get(0).div(v.get(1)), a, posRow);
        check("pow base^exponent", v -> v.get(0).pow(v.get(1)), uniform(10, 0.5, 2, 3, 4), uniform(11, -1, 2, 4));
        var b = randn(12, 3, 4);
        check("maximum", v -> v.get(0).maximum(v.get(1)), randn(13, 3, 4), b);
        check("minimum with broadcasting", v -> v.get(0).minimum(v.get(1)), randn(14, 3, 1), b);
        var cond = randn(15, 3, 4).gt(0);
        check("where", v -> Var.where(cond, v.get(0), v.get(1)), randn(16, 3, 4), randn(17, 4));
    }

    @Test
    void nonContiguousViewsAsInputs() {
        var t = randn(18, 4, 3).t();      // [3, 4], strides (1, 3)
        var n = randn(19, 3, 6).narrow(1, 1, 4);
        check("mul of a transposed and a narrowed input", v -> v.get(0).mul(v.get(1)).tanh(), t, n);
        check("add of an expanded input", v -> v.get(0).add(v.get(1)), randn(20, 1, 4).expand(3, 4).clone(), t);
    }

    @Test
    void valueUsedTwiceAddsItsGradients() {
        check("x * x + x", v -> v.get(0).mul(v.get(0)).add(v.get(0)), randn(21, 2, 3));
        check("shared subexpression", v -> {
            Var h = v.get(0).tanh();
            return h.mul(h.exp()).sub(h.square());
        }, randn(22, 5));
    }
}
