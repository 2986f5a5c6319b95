package jtorch.autograd;

import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * Index operations (indices are I32 constants) and their gradients, with g = ∂L/∂y:
 * indexSelect along d: zeros of x's shape with g's slices added at their indices (repeated indices add up);
 * gather along d: zeros of x's shape, g scatter-added at the indices; scatterAdd y = x + scatter(src):
 * (g, g gathered at the indices, zeros where src was not read).
 */
final class Indexed {
    private Indexed() {}

    static Var indexSelect(Var x, int dim, Tensor index) {
        Tensor y = x.value.indexSelect(dim, index);
        return Var.make("indexSelect", y, g -> {
            int[] s = new int[g.dim()];
            java.util.Arrays.fill(s, 1);
            s[dim] = index.size(0);
            Tensor full = index.reshape(s).expand(g.sizes());
            Tensor idx = Tensor.zeros(g.backend(), DType.I32, g.sizes()).copy(full);
            return new Tensor[] {x.value.zerosLike().scatterAddInPlace(dim, idx, g)};
        }, x);
    }

    static Var gather(Var x, int dim, Tensor index) {
        return Var.make("gather", x.value.gather(dim, index),
                g -> new Tensor[] {x.value.zerosLike().scatterAddInPlace(dim, index, g)}, x);
    }

    static Var scatterAdd(Var x, int dim, Tensor index, Var src) {
        return Var.make("scatterAdd", x.value.scatterAdd(dim, index, src.value), g -> {
            Tensor gs = null;
            if (src.requiresGrad()) {
                Tensor picked = g.gather(dim, index);
                if (picked.sameShape(src.value)) gs = picked;
                else {
                    gs = src.value.zerosLike();
                    Tensor region = gs;
                    for (int d = 0; d < index.dim(); d++) region = region.narrow(d, 0, index.size(d));
                    region.copy(picked);
                }
            }
            return new Tensor[] {x.requiresGrad() ? g : null, gs};
        }, x, src);
    }
}
