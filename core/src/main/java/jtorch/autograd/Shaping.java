package jtorch.autograd;

import static jtorch.autograd.Broadcast.sumTo;

import jtorch.tensor.Tensor;

/**
 * The views (results share the operand's storage, as {@link Tensor}'s) and their gradients, with g = ∂L/∂y:
 * view/reshape/squeeze/unsqueeze: g reshaped to x; transpose: g transposed back; permute: g by the inverse order;
 * expand: g summed to x's shape; narrow/select: zeros of x's shape with g copied into the slice.
 */
final class Shaping {
    private Shaping() {}

    private static Tensor back(Tensor g, Var x) { return g.reshape(x.value.sizes()); }

    static Var view(Var x, int... sizes) { return Var.make("view", x.value.view(sizes), g -> new Tensor[] {back(g, x)}, x); }

    static Var reshape(Var x, int... sizes) {
        return Var.make("reshape", x.value.reshape(sizes), g -> new Tensor[] {back(g, x)}, x);
    }

    static Var squeeze(Var x, int dim) {
        Tensor y = dim < 0 ? x.value.squeeze() : x.value.squeeze(dim);
        return Var.make("squeeze", y, g -> new Tensor[] {back(g, x)}, x);
    }

    static Var unsqueeze(Var x, int dim) {
        return Var.make("unsqueeze", x.value.unsqueeze(dim), g -> new Tensor[] {back(g, x)}, x);
    }

    static Var transpose(Var x, int d0, int d1) {
        return Var.make("transpose", x.value.transpose(d0, d1), g -> new Tensor[] {g.transpose(d0, d1)}, x);
    }

    static Var permute(Var x, int... order) {
        Tensor y = x.value.permute(order);
        int[] inverse = new int[order.length];
        for (int i = 0; i < order.length; i++) inverse[order[i]] = i;
        return Var.make("permute", y, g -> new Tensor[] {g.permute(inverse)}, x);
    }

    static Var expand(Var x, int... sizes) {
        return Var.make("expand", x.value.expand(sizes), g -> new Tensor[] {sumTo(g, x.value.sizes())}, x);
    }

    static Var narrow(Var x, int dim, int start, int length) {
        return Var.make("narrow", x.value.narrow(dim, start, length),
                g -> new Tensor[] {slice(x, g, dim, start, length)}, x);
    }

    private static Tensor slice(Var x, Tensor g, int dim, int start, int length) {
        Tensor z = x.value.zerosLike();
        z.narrow(dim, start, length).copy(g);
        return z;
    }

    static Var select(Var x, int dim, int index) {
        return Var.make("select", x.value.select(dim, index), g -> {
            Tensor z = x.value.zerosLike();
            z.select(dim, index).copy(g);
            return new Tensor[] {z};
        }, x);
    }

    static Var contiguous(Var x) {
        return x.value.isContiguous() ? x : Var.make("contiguous", x.value.clone(), g -> new Tensor[] {g}, x);
    }
}
