package jtorch.autograd;

import static jtorch.autograd.OpCheck.check;
import static jtorch.autograd.OpCheck.randn;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jtorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Finite-difference checks (F64) of the views, the index operations, cat and stack. */
class ShapingGradTest {

    @Test
    void views() {
        var x = randn(1, 2, 3, 4);
        check("view", v -> v.get(0).view(6, 4).tanh(), x);
        check("reshape of a transposed view", v -> v.get(0).transpose(0, 2).reshape(4, 6).tanh(), x);
        check("narrow", v -> v.get(0).narrow(2, 1, 2), x);
        check("select", v -> v.get(0).select(1, 2), x);
        check("transpose", v -> v.get(0).transpose(0, 2).tanh(), x);
        check("t", v -> v.get(0).t().exp(), randn(2, 3, 5));
        check("permute", v -> v.get(0).permute(2, 0, 1).tanh(), x);
        check("expand", v -> v.get(0).expand(2, 3, 4).mul(Var.of(x)), randn(3, 3, 1));
        check("expand new leading dims", v -> v.get(0).expand(2, 3, 4).tanh(), randn(4, 4));
        check("squeeze", v -> v.get(0).squeeze().exp(), randn(5, 3, 1, 2));
        check("squeeze one dim", v -> v.get(0).squeeze(1).exp(), randn(6, 3, 1, 1));
        check("unsqueeze", v -> v.get(0).unsqueeze(1).mul(Var.of(randn(7, 3, 2, 4))), randn(8, 3, 4));
        check("contiguous", v -> v.get(0).t().contiguous().view(6), randn(9, 2, 3));
        check("chain of views on a non-contiguous input", v -> v.get(0).narrow(0, 1, 3).select(1, 1).unsqueeze(0)
                .expand(2, 3).square(), randn(10, 5, 4).t().t().transpose(0, 1).t());
    }

    @Test
    void indexing() {
        var x = randn(11, 4, 3);
        Tensor idx = Tensor.of(new int[] {2, 0, 2}, 3); // repeated index: gradients add
        check("indexSelect 0", v -> v.get(0).indexSelect(0, idx), x);
        check("indexSelect 1", v -> v.get(0).indexSelect(1, Tensor.of(new int[] {1, 1, 0, 2}, 4)), x);
        Tensor g = Tensor.of(new int[] {0, 2, 1, 1, 0, 0}, 2, 3);
        check("gather 0", v -> v.get(0).gather(0, Tensor.of(new int[] {3, 1, 0, 0, 3, 2}, 2, 3)), x);
        check("gather 1", v -> v.get(0).gather(1, Tensor.of(new int[] {0, 2, 1, 1, 0, 0, 2, 2}, 4, 2)), x);
        check("scatterAdd", v -> v.get(0).scatterAdd(0, g, v.get(1)), x, randn(12, 2, 3));
        check("scatterAdd from a larger src", v -> v.get(0).scatterAdd(0, g, v.get(1)), x, randn(13, 3, 4));
    }

    @Test
    void catAndStack() {
        var a = randn(14, 2, 3);
        var b = randn(15, 2, 1);
        check("cat 1", v -> Var.cat(1, v.get(0), v.get(1), v.get(0)), a, b);
        check("cat 0", v -> Var.cat(0, v.get(0), v.get(1)), a, randn(16, 1, 3));
        check("stack 0", v -> Var.stack(0, v.get(0), v.get(1)), a, randn(17, 2, 3));
        check("stack 2", v -> Var.stack(2, v.get(0), v.get(1)), a, randn(18, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Var.cat(0, Var.of(a), Var.of(b)));
    }
}
