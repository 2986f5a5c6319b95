package jtorch.autograd;

import jtorch.tensor.Tensor;

/**
 * Element-wise functions of one value y = f(x) and their derivatives, ∂L/∂x = g · f'(x):
 * neg −g; abs g·sign x; exp g·y; log g/x; sqrt g/(2y); tanh g·(1−y²); sigmoid g·y·(1−y); relu g·[x &gt; 0];
 * square 2x·g; reciprocal −g·y²; pow x^p: g·p·x^(p−1); x + s: g; x · s: g·s; x / s: g/s; clamp(x, lo, hi): g·[lo ≤ x ≤ hi]
 * (as PyTorch, the bounds themselves pass the gradient).
 */
final class Pointwise {
    private Pointwise() {}

    static Var neg(Var x) { return Var.make("neg", x.value.neg(), g -> new Tensor[] {g.neg()}, x); }

    static Var abs(Var x) { return Var.make("abs", x.value.abs(), g -> new Tensor[] {g.mul(x.value.sign())}, x); }

    static Var exp(Var x) {
        Tensor y = x.value.exp();
        return Var.make("exp", y, g -> new Tensor[] {g.mul(y)}, x);
    }

    static Var log(Var x) { return Var.make("log", x.value.log(), g -> new Tensor[] {g.div(x.value)}, x); }

    static Var sqrt(Var x) {
        Tensor y = x.value.sqrt();
        return Var.make("sqrt", y, g -> new Tensor[] {g.div(y).mulInPlace(0.5)}, x);
    }

    static Var tanh(Var x) {
        Tensor y = x.value.tanh();
        return Var.make("tanh", y, g -> new Tensor[] {g.mul(y.square().negInPlace().addInPlace(1))}, x);
    }

    static Var sigmoid(Var x) {
        Tensor y = x.value.sigmoid();
        return Var.make("sigmoid", y, g -> new Tensor[] {g.mul(y).mulInPlace(y.neg().addInPlace(1))}, x);
    }

    static Var relu(Var x) {
        Tensor y = x.value.relu();
        return Var.make("relu", y, g -> new Tensor[] {g.mul(x.value.gt(0))}, x);
    }

    static Var square(Var x) { return Var.make("square", x.value.square(), g -> new Tensor[] {g.mul(x.value).mulInPlace(2)}, x); }

    static Var reciprocal(Var x) {
        Tensor y = x.value.reciprocal();
        return Var.make("reciprocal", y, g -> new Tensor[] {g.mul(y.square()).negInPlace()}, x);
    }

    static Var pow(Var x, double p) {
        return Var.make("pow", x.value.pow(p), g -> new Tensor[] {g.mul(x.value.pow(p - 1)).mulInPlace(p)}, x);
    }

    static Var add(Var x, double s) { return Var.make("add", x.value.add(s), g -> new Tensor[] {g}, x); }

    static Var mul(Var x, double s) { return Var.make("mul", x.value.mul(s), g -> new Tensor[] {g.mul(s)}, x); }

    static Var div(Var x, double s) { return Var.make("div", x.value.div(s), g -> new Tensor[] {g.div(s)}, x); }

    static Var clamp(Var x, double lo, double hi) {
        if (!(lo <= hi)) throw new IllegalArgumentException("clamp: min " + lo + " is above max " + hi);
        return Var.make("clamp", x.value.clamp(lo, hi),
                g -> new Tensor[] {g.mul(x.value.ge(lo).mulInPlace(x.value.le(hi)))}, x);
    }
}
