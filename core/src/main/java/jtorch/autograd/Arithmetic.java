package jtorch.autograd;

import static jtorch.autograd.Broadcast.sumTo;

import jtorch.tensor.Tensor;

/**
 * Element-wise functions of two values, broadcast as {@link Tensor}'s (NumPy rules); each gradient is summed back to
 * its operand's shape ({@link Broadcast#sumTo}). With g = ∂L/∂y:
 * a + αb: (g, αg); a − b: (g, −g); a·b: (g·b, g·a); a/b: (g/b, −g·y/b); a^b: (g·b·a^(b−1), g·y·ln a);
 * max(a, b) / min(a, b): g to the larger / smaller operand, halved between equal ones (as PyTorch);
 * where(c, a, b): (g·[c], g·[¬c]).
 */
final class Arithmetic {
    private Arithmetic() {}

    private static Tensor to(Var v, Tensor g) { return v.requiresGrad() ? sumTo(g, v.value.sizes()) : null; }

    static Var add(Var a, double alpha, Var b) {
        return Var.make("add", a.value.add(alpha, b.value), g -> new Tensor[] {to(a, g),
                b.requiresGrad() ? sumTo(alpha == 1 ? g : g.mul(alpha), b.value.sizes()) : null}, a, b);
    }

    static Var sub(Var a, Var b) {
        return Var.make("sub", a.value.sub(b.value), g -> new Tensor[] {to(a, g), b.requiresGrad() ? to(b, g).neg() : null},
                a, b);
    }

    static Var mul(Var a, Var b) {
        return Var.make("mul", a.value.mul(b.value), g -> new Tensor[] {a.requiresGrad() ? to(a, g.mul(b.value)) : null,
                b.requiresGrad() ? to(b, g.mul(a.value)) : null}, a, b);
    }

    static Var div(Var a, Var b) {
        Tensor y = a.value.div(b.value);
        return Var.make("div", y, g -> new Tensor[] {a.requiresGrad() ? to(a, g.div(b.value)) : null,
                b.requiresGrad() ? to(b, g.mul(y).divInPlace(b.value).negInPlace()) : null}, a, b);
    }

    static Var pow(Var a, Var b) {
        Tensor y = a.value.pow(b.value);
        return Var.make("pow", y, g -> new Tensor[] {
                a.requiresGrad() ? to(a, g.mul(b.value).mulInPlace(a.value.pow(b.value.sub(1)))) : null,
                b.requiresGrad() ? to(b, g.mul(y).mulInPlace(a.value.log())) : null}, a, b);
    }

    /** max (larger = true) or min of a and b. */
    static Var extremum(Var a, Var b, boolean larger) {
        Tensor y = larger ? a.value.maximum(b.value) : a.value.minimum(b.value);
        return Var.make(larger ? "maximum" : "minimum", y, g -> {
            Tensor aWins = larger ? a.value.gt(b.value) : a.value.lt(b.value);
            Tensor tie = a.value.eq(b.value).mulInPlace(0.5);
            Tensor wa = aWins.add(tie), wb = wa.neg().addInPlace(1);
            return new Tensor[] {a.requiresGrad() ? to(a, g.mul(wa)) : null, b.requiresGrad() ? to(b, g.mul(wb)) : null};
        }, a, b);
    }

    static Var where(Tensor cond, Var a, Var b) {
        Tensor y = Tensor.where(cond, a.value, b.value);
        return Var.make("where", y, g -> {
            Tensor zero = g.newZeros(1);
            return new Tensor[] {a.requiresGrad() ? to(a, Tensor.where(cond, g, zero)) : null,
                    b.requiresGrad() ? to(b, Tensor.where(cond, zero, g)) : null};
        }, a, b);
    }
}
